"""The text of an attachment, as the personal-data gate checks it.

The kind of a file is told by its content; the extension must agree with it,
because a ".pdf" that is really a web page, or a ".docx" that is a zip of
something else, is a mistake an official should hear about rather than a file
to pass. Supported:

- text (.txt, .csv): UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030;
- .docx: every paragraph of the body, tables, headers, footers, footnotes,
  endnotes and comments, including text boxes, content controls, tracked
  deletions and field codes (see docx_parts), one paragraph a line;
- .xlsx: every cell of every sheet, hidden ones included, one line per row and
  cells separated by tabs, each sheet headed by "[title]"; cell comments after
  the rows (see xlsx_cells);
- .pdf: the text layer (pypdf); a PDF with none is "not_checked";
- images (png, jpg, gif, tiff, bmp, webp): "not_checked", never passed silently.

`Extraction.reason` says why a file was not checked, or, for a checked file,
what part of it was not (images inside a Word file, scanned pages of a PDF).
"""

from __future__ import annotations

import codecs
import html
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader

from gongkai.core.errors import InputErrors
from gongkai.privacy import docx_parts, xlsx_cells

# The deployment should set GONGKAI_ATTACHMENT_MAX_BYTES; 50 MB covers a scanned
# 100-page PDF, and larger files are refused before any parser sees them.
MAX_ATTACHMENT_BYTES = getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 50 * 1024 * 1024)
# A docx or xlsx is a zip; the sizes its directory declares are what zipfile will
# ever inflate (it stops at the declared size), so their sum bounds the work.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000

CHECKED = "checked"
NOT_CHECKED = "not_checked"

TEXT, DOCX, XLSX, PDF, IMAGE = "text", "docx", "xlsx", "pdf", "image"
EXTENSION_KINDS = {
    ".txt": TEXT,
    ".csv": TEXT,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pdf": PDF,
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"), IMAGE),
}
OLD_OFFICE_EXTENSIONS = frozenset((".doc", ".xls", ".ppt", ".wps", ".et", ".dps"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class Extraction:
    """What was read from an attachment: `status` is "checked" or "not_checked"."""

    text: str
    status: str
    reason: str = ""


class AttachmentError(InputErrors):
    """The attachment cannot be checked: too large, damaged, unsupported, or not what its name says."""


def extract_text(filename: str, data: bytes) -> Extraction:
    """The checkable text of an attachment, or why it could not be checked.

    Raises AttachmentError for a file that is too large, damaged, of an
    unsupported kind, or whose content does not match its extension.
    """
    kind = attachment_kind(filename, data)
    if kind == IMAGE:
        return Extraction("", NOT_CHECKED, _("图片文件,未能检查其中的文字"))
    if kind == TEXT:
        return Extraction(decode_text(data)[0], CHECKED)
    if kind == PDF:
        return _pdf(filename, data)
    with readable(filename):
        text, note = (docx_parts if kind == DOCX else xlsx_cells).read(data)
        hidden = _hidden_findings(data, text)
    if hidden:
        # Document properties, altChunk parts, headers the reader skips …: the
        # values are listed (so the gate blocks) and masking cannot reach them.
        text += "\n" + "\n".join(hidden)
        note = "；".join(
            filter(
                None,
                [note, _("文件的文档属性或其他部分含有个人信息,无法自动遮蔽,请在源文件中删除")],
            )
        )
    return Extraction(text, CHECKED, note)


_TAG = re.compile(r"<[^>]*>")


def _hidden_findings(data: bytes, text: str) -> list[str]:
    """Personal data anywhere in the package's XML that the structured reader did not see.

    A backstop: every XML part, tags replaced by spaces, is scanned; a value
    the readable text does not already contain is returned.
    """
    from gongkai.privacy.detectors import scan_text

    seen = {finding.text for finding in scan_text(text)}
    hidden = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            raw = archive.read(info).decode("utf-8", errors="replace")
            plain = html.unescape(_TAG.sub(" ", raw))
            hidden += [f.text for f in scan_text(plain) if f.text not in seen]
    return list(dict.fromkeys(hidden))


def attachment_kind(filename: str, data: bytes) -> str:
    """ "text", "docx", "xlsx", "pdf" or "image", told by content and agreeing with the name."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            [
                _("附件超过 %(n)s MB,未能检查;请压缩或拆分后重新上传")
                % {"n": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
            ]
        )
    extension = PurePath(filename).suffix.lower()
    actual = _sniff(filename, data)
    expected = EXTENSION_KINDS.get(extension)
    if actual == "ole" or extension in OLD_OFFICE_EXTENSIONS:
        raise AttachmentError(
            [
                _(
                    "“%(name)s”是旧版 Office/WPS 文件(.doc、.xls 等)或设有打开密码的文件,"
                    "无法检查;请取消密码,另存为 .docx 或 .xlsx 后重新上传"
                )
                % {"name": filename}
            ]
        )
    if actual == "damaged":
        raise AttachmentError([_damaged(filename)])
    if expected is None:
        if not extension and actual in EXTENSION_KINDS.values():
            return actual  # a file saved without an extension: its content decides
        raise AttachmentError(
            [
                _("不支持“%(name)s”这种格式的附件;请上传 txt、csv、docx、xlsx、pdf 或图片文件")
                % {"name": filename}
            ]
        )
    if actual != expected:
        raise AttachmentError(
            [
                _(
                    "“%(name)s”的扩展名是 %(ext)s,但文件内容是%(actual)s,"
                    "不是%(expected)s;请确认上传的文件是否正确"
                )
                % {
                    "name": filename,
                    "ext": extension,
                    "actual": _kind_label(actual),
                    "expected": _kind_label(expected),
                }
            ]
        )
    return actual


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a plain-text file and the codec that writes it back the same way.

    Raises AttachmentError when the bytes are not text in any encoding officials use.
    """
    decoded = _decode(data)
    if decoded is None:
        raise AttachmentError([_("文本文件的编码无法识别;请另存为 UTF-8 编码后重新上传")])
    return decoded


@contextmanager
def readable(filename: str) -> Iterator[None]:
    """Turn whatever a parser raises on a damaged file into one plain AttachmentError."""
    try:
        yield
    except InputErrors:
        raise
    except Exception:  # python-docx, openpyxl, lxml and pypdf raise many kinds
        raise AttachmentError([_damaged(filename)]) from None


def _damaged(filename: str) -> str:
    return _("附件“%(name)s”无法读取,可能已损坏;请重新导出后上传") % {"name": filename}


def _kind_label(kind: str) -> str:
    labels = {
        TEXT: _("文本或网页"),
        DOCX: _("Word 文档(.docx)"),
        XLSX: _("Excel 工作簿(.xlsx)"),
        PDF: _("PDF 文件"),
        IMAGE: _("图片"),
        "pptx": _("演示文稿"),
        "zip": _("压缩包"),
        "empty": _("空的"),
        "binary": _("无法识别的格式"),
    }
    return labels.get(kind, kind)


def _sniff(filename: str, data: bytes) -> str:
    if not data:
        return "empty"
    if data.lstrip(b"\x00\t\n\r\f ")[:5] == b"%PDF-":
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(filename, data)
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.startswith(_IMAGE_MAGIC) or _is_bmp(data) or _is_webp(data):
        return IMAGE
    return TEXT if _decode(data) is not None else "binary"


def _is_bmp(data: bytes) -> bool:
    # "BM" alone starts too many words; the DIB header size makes it a bitmap.
    return data[:2] == b"BM" and data[14:18] in (
        n.to_bytes(4, "little") for n in (12, 40, 52, 56, 64, 108, 124)
    )


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def _zip_kind(filename: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if (
                len(infos) > MAX_ARCHIVE_MEMBERS
                or sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES
            ):
                raise AttachmentError(
                    [
                        _("“%(name)s”解压后超过 %(n)s MB,不像是正常的文档,未能检查")
                        % {"name": filename, "n": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
                    ]
                )
            try:
                types = archive.read("[Content_Types].xml")
            except KeyError:
                return "zip"
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        return "damaged"
    if b"wordprocessingml.document.main+xml" in types:
        return DOCX
    if b"spreadsheetml.sheet.main+xml" in types:
        return XLSX
    if b"presentationml" in types:
        return "pptx"
    return "zip"


def _decode(data: bytes) -> tuple[str, str] | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    elif b"\x00" in data:
        return None
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Control characters other than tab, newlines and form feed mean binary data
        # that happened to decode.
        if any(c < " " and c not in "\t\n\r\f" for c in text[:4096]):
            return None
        return text, encoding
    return None


def _pdf(filename: str, data: bytes) -> Extraction:
    with readable(filename):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentError(
                [
                    _("PDF 附件“%(name)s”设有打开密码,无法检查;请取消密码后重新上传")
                    % {"name": filename}
                ]
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        extra = _pdf_extras(reader)
    blank = [str(number) for number, text in enumerate(pages, 1) if not text.strip()]
    if len(blank) == len(pages):
        return Extraction("", NOT_CHECKED, _("扫描件或无文字层,未能检查"))
    note = ""
    if blank:
        listed = "、".join(blank[:10]) + (_("等") if len(blank) > 10 else "")
        note = _("第 %(pages)s 页没有文字层(可能是扫描页),未能检查") % {"pages": listed}
    return Extraction("\n".join(pages + extra), CHECKED, note)


def _pdf_extras(reader: PdfReader) -> list[str]:
    """Text a reader sees besides the pages: document properties and annotation contents."""
    extras = [str(value) for value in (reader.metadata or {}).values() if value]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            try:
                obj = annotation.get_object()
                extras += [str(obj[key]) for key in ("/Contents", "/T", "/V") if key in obj]
            except Exception:  # a damaged annotation must not hide the rest
                continue
    return extras
