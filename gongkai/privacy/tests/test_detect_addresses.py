"""Detailed home addresses are flagged; village names and office addresses are not."""

import pytest

from gongkai.privacy.detectors import house_number_span, scan_text


@pytest.mark.parametrize(
    ("text", "address", "house"),
    [
        ("户籍:坦洲镇新前进村七组12号", "新前进村七组12号", "12号"),
        ("住址:三乡镇平岚村3组45号之一", "平岚村3组45号之一", "45号之一"),
        ("沙溪镇龙头环村大街5巷12号", "龙头环村大街5巷12号", "12号"),
        (
            "住址:石岐区兴中道18号金钻花园3栋501房",
            "兴中道18号金钻花园3栋501房",
            "18号金钻花园3栋501房",
        ),
        ("东区雍景园8幢2单元1203室", "雍景园8幢2单元1203室", "8幢2单元1203室"),
    ],
)
def test_house_numbers_of_homes_are_found(text, address, house):
    (finding,) = scan_text(text)

    assert (finding.kind, finding.text) == ("address", address)
    start, end = house_number_span(finding.text)
    assert finding.text[start:end] == house


@pytest.mark.parametrize(
    "public",
    [
        "坦洲镇新前进村七组",  # a village group is published in every 低保 list
        "地址:中山市东区松苑路1号",  # an office's street number
        "办理地点:市行政服务中心3号楼201室",
        "中山市东区中山四路88号尚峰金融商务中心5座1201室",
        "火炬开发区科技园3栋201室",
        "中府〔2021〕41号",
    ],
)
def test_villages_and_office_addresses_are_not_homes(public):
    assert scan_text(public) == []
