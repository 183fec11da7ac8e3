"""Resident ID numbers are found in every form officials type them, and only when they check out."""

import pytest

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.tests.files import (
    ID_CHEN,
    ID_LIANG,
    ID_WITH_X,
    LEGACY_ID,
    full_width,
    grouped,
    id_number,
)


def only(text: str):
    (finding,) = scan_text(text)
    assert text[finding.start : finding.end] == finding.text
    return finding


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(ID_CHEN, id="18 digits"),
        pytest.param(ID_WITH_X, id="check character X"),
        pytest.param(ID_WITH_X.lower(), id="lower-case x"),
        pytest.param(full_width(ID_LIANG), id="full-width digits and X"),
        pytest.param(grouped(ID_CHEN), id="4420 0019 5203 0804 23"),
        pytest.param(f"{ID_CHEN[:6]} {ID_CHEN[6:14]} {ID_CHEN[14:]}", id="region birth sequence"),
        pytest.param(" ".join(ID_CHEN), id="a space between every digit (PDF text)"),
        pytest.param(LEGACY_ID, id="15-digit legacy"),
    ],
)
def test_written_forms_are_found_whole(written):
    text = f"3. 陈阿婆,女,身份证号码:{written},坦洲镇新前进村。"

    finding = only(text)

    assert (finding.kind, finding.text) == ("id_number", written)


def test_residence_permits_of_hong_kong_macao_taiwan_residents_are_ids():
    permit = id_number("810000", "19900101", "123")

    assert only(f"港澳居民居住证号码{permit}").text == permit


def test_every_id_of_a_list_is_found_in_order():
    text = "\n".join(
        f"{n}\t{name}\t{number}"
        for n, (name, number) in enumerate(
            [("陈阿婆", ID_CHEN), ("梁少芬", ID_LIANG), ("何润根", LEGACY_ID)], 1
        )
    )

    assert [f.text for f in scan_text(text)] == [ID_CHEN, ID_LIANG, LEGACY_ID]


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(ID_CHEN[:17] + ("0" if ID_CHEN[17] != "0" else "1"), id="wrong check digit"),
        pytest.param(id_number("442000", "19520230", "042"), id="30 February"),
        pytest.param(id_number("442000", "20991231", "042"), id="born in the future"),
        pytest.param(id_number("442000", "18800101", "001"), id="born before 1900"),
        pytest.param(id_number("002000", "19520308", "042"), id="no such province"),
        pytest.param("442000521308042", id="legacy, month 13"),
        pytest.param("442000000012345", id="15-digit 注册号 (year 00)"),
    ],
)
def test_numbers_that_fail_the_checks_are_not_ids(number):
    assert scan_text(f"编号:{number}。") == []
