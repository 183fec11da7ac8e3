"""Personal e-mail addresses are flagged; government mailboxes are published on purpose."""

from gongkai.privacy.detectors import scan_text


def test_personal_addresses_are_found():
    text = "申请人邮箱:huangzm1978@163.com,备用 13812345678@qq.com;Liang.Shaofen@foxmail.com。"

    assert [(f.kind, f.text) for f in scan_text(text)] == [
        ("email", "huangzm1978@163.com"),
        ("email", "13812345678@qq.com"),
        ("email", "Liang.Shaofen@foxmail.com"),
    ]


def test_government_mailboxes_are_public():
    text = "政务公开咨询邮箱:zsgk@zs.gov.cn;坦洲镇:tzzf@tanzhou.zs.gov.cn"

    assert scan_text(text) == []


def test_a_masked_address_is_not_found_again():
    assert scan_text("邮箱:h***@163.com") == []
