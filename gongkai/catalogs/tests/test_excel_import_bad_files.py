"""A file that is not a readable xlsx workbook is refused with one plain Chinese message."""

import io
import os
import re
import zipfile

import pytest

from gongkai.catalogs.excel_import import (
    MAX_FILE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    CatalogFileError,
    read_catalog_xlsx,
)
from gongkai.catalogs.tests.workbooks import (
    SHENWAN_ROWS,
    SHENWAN_TITLE,
    published_workbook,
    xlsx_bytes,
)

NOT_XLSX = "文件不是有效的 Excel(.xlsx)工作簿,可能已损坏或不是 Excel 文件"
TOO_LARGE = "文件超过 10 MB,不像是一份标准目录;请检查是否选错了文件"


def good_xlsx() -> bytes:
    return xlsx_bytes(published_workbook(SHENWAN_TITLE, SHENWAN_ROWS))


def refusal(source) -> str:
    with pytest.raises(CatalogFileError) as caught:
        read_catalog_xlsx(source)
    (error,) = caught.value.errors
    # What an official reads: Chinese, and nothing from Python's internals.
    assert re.search(r"[\u4e00-\u9fff]", error)
    assert not re.search(r"Traceback|Error|Exception|File \"|zip|openpyxl", error)
    return error


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("序号,一级事项,二级事项\n1,招生管理,招生计划\n".encode(), id="csv text"),
        pytest.param(b"", id="empty"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 4, id="pdf"),
    ],
)
def test_not_a_zip(zhongshan, data):
    assert refusal(data) == NOT_XLSX


def test_old_xls_is_told_to_save_as_xlsx(zhongshan):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)

    assert "另存为”.xlsx" in refusal(data)


def test_zip_that_is_not_a_workbook(zhongshan):
    data = zipped({"readme.txt": "这是一个压缩包".encode(), "photo.jpg": os.urandom(512)})

    assert refusal(data) == NOT_XLSX


def test_workbook_with_a_damaged_sheet(zhongshan):
    with zipfile.ZipFile(io.BytesIO(good_xlsx())) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row"

    assert refusal(zipped(members)) == NOT_XLSX


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_xlsx(zhongshan, keep):
    data = good_xlsx()

    assert refusal(data[: int(len(data) * keep)]) == NOT_XLSX


def test_twenty_megabytes_of_junk_is_refused_by_size(zhongshan, tmp_path):
    junk = os.urandom(20 * 1024 * 1024)
    path = tmp_path / "目录.xlsx"
    path.write_bytes(junk)

    # The size message, not the damaged-file one: nothing was opened or parsed.
    assert refusal(junk) == TOO_LARGE
    assert refusal(path) == TOO_LARGE
    assert refusal(io.BytesIO(junk)) == TOO_LARGE


def test_just_over_the_size_limit_is_refused(zhongshan):
    assert refusal(good_xlsx() + bytes(MAX_FILE_BYTES)) == TOO_LARGE


def test_small_archive_that_unpacks_beyond_the_limit(zhongshan):
    with zipfile.ZipFile(io.BytesIO(good_xlsx())) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    members["xl/worksheets/sheet2.xml"] = b"0" * (MAX_UNCOMPRESSED_BYTES + 1)
    data = zipped(members)
    assert len(data) < 1024 * 1024  # the upload itself is small

    assert refusal(data) == TOO_LARGE


def test_missing_file(zhongshan, tmp_path):
    assert refusal(tmp_path / "没有这个文件.xlsx").startswith("找不到文件 ")
