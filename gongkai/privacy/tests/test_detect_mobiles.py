"""Mobile numbers are found however they are written; landlines and hotlines are not."""

import pytest

from gongkai.privacy.detectors import scan_text


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "+8613812345678",
        "（+86）13812345678",
        "0086 13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "(138)12345678",
        "（138）1234-5678",
        "１３８１２３４５６７８",
        "19912345678",
        "16612345678",
    ],
)
def test_written_forms_are_found_whole(written):
    text = f"联系人:黄志明,手机:{written};"

    (finding,) = scan_text(text)

    assert (finding.kind, finding.text) == ("mobile", written)
    assert text[finding.start : finding.end] == written


def test_a_mobile_right_after_a_landline_is_found_alone():
    text = "电话:0760-88123456 13812345678"

    assert [(f.kind, f.text) for f in scan_text(text)] == [("mobile", "13812345678")]


def test_two_mobiles_separated_by_a_slash_are_two_findings():
    assert [f.text for f in scan_text("13812345678/13923456789")] == ["13812345678", "13923456789"]


@pytest.mark.parametrize(
    "public",
    [
        "0760-88123456",
        "(0760)88123456",
        "（0760）88123456",
        "076088123456",
        "0760-12345",
        "12345",
        "400-830-8300",
        "12345678901",  # starts 12: no mobile network
        "135亿元",
        "13500000000.00元",
        "13500000000元",
        "￥13500000000",
    ],
)
def test_landlines_hotlines_and_amounts_are_not_mobiles(public):
    assert scan_text(f"咨询电话:{public}。") == []
