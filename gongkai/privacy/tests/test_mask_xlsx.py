"""A workbook is masked cell by cell; numbers holding personal data become masked text."""

import io

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from gongkai.privacy.detectors import scan_text
from gongkai.privacy.extract import extract_text
from gongkai.privacy.masking import mask_attachment
from gongkai.privacy.tests.files import ID_CHEN, USCC_OFFICE, subsidy_sheet


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_subsidy_sheet_is_masked_and_proven_clean():
    masked = mask_attachment("补贴发放表.xlsx", subsidy_sheet())

    assert scan_text(extract_text("补贴发放表.xlsx", masked).text) == []
    sheet = load_workbook(io.BytesIO(masked))["2024年3月发放表"]
    assert [cell.value for cell in sheet[3]] == [
        1,
        "陈阿婆",
        "4420**********0423",
        "138****5678",  # was the number 13812345678
        "139-****-6789",
        "6222 **** **** ***0 128",
        1500,
    ]
    assert sheet["D4"].value == "135****1234"  # was the float 13590001234.0
    assert sheet["C5"].value == "4406**********023x"


def test_amounts_codes_and_landlines_are_untouched():
    sheet = load_workbook(io.BytesIO(mask_attachment("表.xlsx", subsidy_sheet())))[
        "2024年3月发放表"
    ]

    assert [sheet["G5"].value, sheet["G6"].value] == [1234.5, 3534.5]
    assert [sheet["C7"].value, sheet["D7"].value] == [USCC_OFFICE, "0760-86661234"]


def test_hidden_sheets_comments_and_titles_are_masked():
    workbook = Workbook()
    workbook.active.title = "陈阿婆13812345678"
    workbook.active["A1"] = "见批注"
    workbook.active["A1"].comment = Comment(f"身份证 {ID_CHEN}", "经办人")
    hidden = workbook.create_sheet("备份")
    hidden.sheet_state = "hidden"
    hidden["B2"] = 13923456789

    masked = load_workbook(io.BytesIO(mask_attachment("名单.xlsx", workbook_bytes(workbook))))

    first, backup = masked.worksheets
    assert first.title == "陈阿婆138＊＊＊＊5678"  # Excel forbids "*" in sheet names
    assert first["A1"].comment.text == "身份证 4420**********0423"
    assert (backup.sheet_state, backup["B2"].value) == ("hidden", "139****6789")
