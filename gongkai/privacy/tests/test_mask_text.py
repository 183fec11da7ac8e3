"""Masks follow the conventions officials know and keep the layout of the text."""

import pytest

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.masking import mask_text
from gongkai.privacy.tests.files import CARD_19, ID_CHEN, ID_WITH_X, LEGACY_ID, full_width, grouped


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("(138)12345678", "(138)****5678"),
        (ID_CHEN, "4420**********0423"),
        (ID_WITH_X, "1101**********002X"),
        (ID_WITH_X.lower(), "1101**********002x"),
        (grouped(ID_CHEN), "4420 **** **** **04 23"),
        (full_width(ID_CHEN), "４４２０＊＊＊＊＊＊＊＊＊＊０４２３"),
        (LEGACY_ID, "4420*******8042"),
        (grouped(CARD_19), "6222 **** **** ***0 128"),
        ("huangzm1978@163.com", "h***@163.com"),
        ("坦洲镇新前进村七组12号", "坦洲镇新前进村七组**号"),
        ("兴中道18号金钻花园3栋501房", "兴中道**号金钻花园*栋***房"),
    ],
)
def test_standard_masks(written, masked):
    text = f"申请人:黄志明 {written} 。"

    assert mask_text(text) == f"申请人:黄志明 {masked} 。"


def test_digits_keep_their_places():
    text = f"身份证 {grouped(ID_CHEN)}\t电话 138-1234-5678\n"

    masked = mask_text(text)

    assert len(masked) == len(text)
    assert [k for k, c in enumerate(masked) if not c.isdigit() and c != "*"] == [
        k for k, c in enumerate(text) if not c.isdigit()
    ]


def test_only_the_given_findings_are_masked():
    text = "陈阿婆 13812345678 黄志明 13923456789"
    first, second = scan_text(text)

    assert mask_text(text, [second]) == "陈阿婆 13812345678 黄志明 139****6789"
    assert mask_text(text, []) == text


def test_findings_from_another_text_are_refused():
    (finding,) = scan_text("电话13812345678")

    with pytest.raises(ValueError):
        mask_text("电话13923456789", [finding])
