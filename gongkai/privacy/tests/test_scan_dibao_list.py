"""A 低保 公示名单 as towns post it: the unmasked rows are found, the masked rows are not."""

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.masking import mask_text
from gongkai.privacy.tests.files import ID_CHEN, ID_LIANG, LEGACY_ID, grouped, id_number

ID_WU = id_number("442000", "19601123", "004")  # 吴桂英, typed in groups of four

DIBAO_LIST = f"""坦洲镇2024年第一季度城乡最低生活保障对象公示名单
序号\t村(社区)\t户主姓名\t身份证号码\t保障人数\t月保障金额(元)\t联系电话
1\t新前进村\t陈阿婆\t{ID_CHEN}\t1\t1,165\t0760-86661234
2\t合胜村\t黄志明\t4420**********3135\t3\t3,495\t139****6789
3\t裕洲村\t梁少芬\t{ID_LIANG.lower()}\t2\t2,330\t158 1111 2222
4\t十四村\t何润根\t{LEGACY_ID}\t1\t1,165\t
5\t群联村\t吴桂英\t{grouped(ID_WU)}\t2\t2,330\t
公示时间:2024年4月1日至4月7日。监督电话:12345。
"""


def test_unmasked_rows_are_found_and_masked_rows_are_not():
    findings = scan_text(DIBAO_LIST)

    assert [(f.kind, f.text) for f in findings] == [
        ("id_number", ID_CHEN),
        ("id_number", ID_LIANG.lower()),
        ("mobile", "158 1111 2222"),
        ("id_number", LEGACY_ID),
        ("id_number", grouped(ID_WU)),
    ]
    assert all(DIBAO_LIST[f.start : f.end] == f.text for f in findings)


def test_masking_the_list_leaves_names_villages_and_amounts():
    masked = mask_text(DIBAO_LIST)

    assert scan_text(masked) == []
    assert "1\t新前进村\t陈阿婆\t4420**********0423\t1\t1,165\t0760-86661234" in masked
    assert "158 **** 2222" in masked
    assert "4420000*******042" not in masked and "4420*******8042" in masked
    assert masked.count("\n") == DIBAO_LIST.count("\n")
