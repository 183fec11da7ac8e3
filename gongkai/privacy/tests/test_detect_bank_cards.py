"""Bank card numbers pass the Luhn check; long numbers that do not are left alone."""

import pytest

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.tests.files import CARD_16, CARD_19, USCC_OFFICE, card_number, grouped


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(CARD_16, id="16 digits"),
        pytest.param(CARD_19, id="19 digits"),
        pytest.param(grouped(CARD_19), id="6222 0212 3456 7890 128"),
        pytest.param(grouped(CARD_16, separator="-"), id="hyphens"),
        pytest.param(card_number("436742123456789"), id="Visa debit (建行)"),
    ],
)
def test_card_numbers_are_found_whole(written):
    text = f"收款账号:{written}(中国工商银行)"

    (finding,) = scan_text(text)

    assert (finding.kind, finding.text) == ("bank_card", written)


def test_a_luhn_invalid_number_is_not_a_card():
    wrong = CARD_16[:-1] + str((int(CARD_16[-1]) + 1) % 10)

    assert scan_text(f"合同编号 {wrong}") == []


def test_luhn_valid_digits_inside_a_code_are_not_a_card():
    # 17 Luhn-valid digits followed by a letter: a code, not a card.
    code = card_number("6222021234567890") + "A"

    assert scan_text(f"项目代码 {code}") == []


def test_a_card_layout_needs_groups_of_four():
    # A date and a phone number together make 19 Luhn-valid digits by chance.
    assert [f.kind for f in scan_text("2024-03-01 13812345678")] == ["mobile"]


def test_uscc_is_not_a_card_even_when_its_digits_pass_luhn():
    assert scan_text(f"统一社会信用代码:{USCC_OFFICE}") == []
