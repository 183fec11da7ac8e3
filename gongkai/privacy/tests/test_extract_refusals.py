"""Files that cannot be checked are refused with one plain Chinese message, before any parser runs."""

import io
import re
import time
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from gongkai.privacy.extract import MAX_ATTACHMENT_BYTES, AttachmentError, extract_text
from gongkai.privacy.tests.files import pdf_bytes, png_bytes, relief_form, subsidy_sheet


def refusal(filename: str, data: bytes) -> str:
    with pytest.raises(AttachmentError) as caught:
        extract_text(filename, data)
    (message,) = caught.value.errors
    assert re.search(r"[\u4e00-\u9fff]", message)
    internals = r"Traceback|Error|Exception|zip|lxml|pypdf|openpyxl"
    assert not re.search(internals, message.replace(filename, ""))
    return message


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "said"),
    [
        pytest.param(
            "审批表.docx",
            zipped({"photo.jpg": png_bytes(), "readme.txt": "材料".encode()}),
            "内容是压缩包,不是Word 文档(.docx)",
            id="docx that is a zip of something else",
        ),
        pytest.param(
            "公示.pdf",
            "<!DOCTYPE html><html><body>页面不存在</body></html>".encode(),
            "内容是文本或网页,不是PDF 文件",
            id="pdf that is a web page",
        ),
        pytest.param(
            "发放表.xlsx", relief_form(), "内容是Word 文档(.docx),不是Excel", id="xlsx that is docx"
        ),
        pytest.param("名单.txt", pdf_bytes(["x"]), "不是文本或网页", id="txt that is a pdf"),
        pytest.param("照片.png", "陈阿婆".encode(), "不是图片", id="png that is text"),
        pytest.param("审批表.docx", b"", "内容是空的", id="empty docx"),
    ],
)
def test_content_that_does_not_match_the_extension(filename, data, said):
    message = refusal(filename, data)

    assert f"“{filename}”的扩展名是" in message
    assert said in message


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        pytest.param("审批表.docx", relief_form()[:3000], id="truncated docx"),
        pytest.param("公示.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, id="pdf body is noise"),
        pytest.param(
            "发放表.xlsx",
            zipped(
                {
                    "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(subsidy_sheet())).read(
                        "[Content_Types].xml"
                    ),
                    "xl/workbook.xml": b"<workbook><sheets",
                }
            ),
            id="xlsx with a broken workbook",
        ),
    ],
)
def test_damaged_files(filename, data):
    assert refusal(filename, data) == f"附件“{filename}”无法读取,可能已损坏;请重新导出后上传"


@pytest.mark.parametrize(
    ("filename", "data", "said"),
    [
        ("材料.zip", zipped({"a.txt": b"x"}), "不支持“材料.zip”这种格式"),
        ("材料.rar", b"Rar!\x1a\x07\x00" + bytes(64), "不支持"),
        ("审批表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "旧版 Office/WPS 文件"),
        ("审批表.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "设有打开密码"),
        ("名单.txt", bytes(range(256)), "不是文本或网页"),
    ],
)
def test_unsupported_and_old_formats(filename, data, said):
    assert said in refusal(filename, data)


def test_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["ID 13812345678"]))))
    writer.encrypt(user_password="tanzhou", owner_password="tanzhou", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)

    assert "设有打开密码" in refusal("公示.pdf", buffer.getvalue())


def test_a_51_mb_file_is_refused_before_parsing():
    data = b"%PDF-1.4\n" + bytes(51 * 1024 * 1024)
    assert MAX_ATTACHMENT_BYTES == 50 * 1024 * 1024

    started = time.perf_counter()
    message = refusal("扫描件.pdf", data)

    # Parsing 51 MB would take seconds and end in "damaged"; the size is enough.
    assert message == "附件超过 50 MB,未能检查;请压缩或拆分后重新上传"
    assert time.perf_counter() - started < 0.5


def test_zip_bomb_is_refused_by_its_declared_size():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            zipfile.ZipFile(io.BytesIO(relief_form())).read("[Content_Types].xml"),
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(201):
                member.write(block)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on disk

    assert "解压后超过 200 MB" in refusal("审批表.docx", data)
