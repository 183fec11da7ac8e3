"""Masking personal data in text and in attachments, by the conventions officials know.

- mobile: first 3 and last 4 digits kept: 138****1234 (a +86 prefix is kept as written);
- id_number: first 4 and last 4 kept, same length: 4420**********1234;
- bank_card: first 4 and last 4 kept: 6222 **** **** ***0 128;
- email: first character of the name kept: z***@qq.com (the length of the name is not kept);
- address: the digits of the house number, building, unit and room: 兴中道**号金钻花园*栋***房.

Digits are replaced one for one, so separators, length and layout survive
("138-****-5678"); a full-width digit becomes a full-width asterisk (＊), so a
column of full-width numbers stays aligned.

`mask_attachment` masks the file itself and then proves the result: it extracts
and scans the masked file again and raises MaskingFailed if anything is left.
"""

from __future__ import annotations

from bisect import bisect_right

from django.utils.translation import gettext as _

from gongkai.core.errors import InputErrors
from gongkai.privacy import docx_parts, xlsx_cells
from gongkai.privacy.detectors import Finding, house_number_span, scan_text
from gongkai.privacy.extract import (
    DOCX,
    IMAGE,
    PDF,
    TEXT,
    XLSX,
    attachment_kind,
    decode_text,
    extract_text,
    readable,
)

_FULL_WIDTH = frozenset("０１２３４５６７８９Ｘｘ")
_NUMBER_CHARS = frozenset("0123456789Xx") | _FULL_WIDTH


class MaskingNotSupported(InputErrors):
    """This kind of attachment cannot be masked automatically; the source must be masked."""


class MaskingFailed(InputErrors):
    """Personal data was still found after masking; `findings` says where.

    The message names only how many remain, never the values: it may be logged.
    """

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(
            [
                _("自动遮蔽后仍检出 %(n)s 处个人信息,未生成遮蔽文件;请在源文件中遮蔽后重新上传")
                % {"n": len(findings)}
            ]
        )


def mask_value(finding: Finding) -> str:
    """The masked form of one finding's text."""
    text = finding.text
    if finding.kind == "email":
        at = max(text.rfind("@"), text.rfind("＠"))
        return text[0] + "***" + text[at:]
    if finding.kind == "address":
        span = house_number_span(text) or (0, len(text))
        marks = [k for k in range(*span) if text[k] in _NUMBER_CHARS]
    else:
        marks = [k for k, char in enumerate(text) if char in _NUMBER_CHARS]
        if finding.kind == "mobile":
            marks = marks[-11:]  # leave the country code out of the count
        marks = marks[4:-4] if finding.kind != "mobile" else marks[3:-4]
    chars = list(text)
    for k in marks:
        chars[k] = "＊" if chars[k] in _FULL_WIDTH else "*"
    return "".join(chars)


def mask_text(text: str, findings: list[Finding] | None = None) -> str:
    """`text` with the given findings (by default, every finding) masked.

    Findings must come from this text: each one's `text` must be `text[start:end]`.
    """
    if findings is None:
        findings = scan_text(text)
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position or text[finding.start : finding.end] != finding.text:
            raise ValueError(f"finding does not belong to this text or overlaps: {finding.kind}")
        pieces += [text[position : finding.start], mask_value(finding)]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_attachment(filename: str, data: bytes) -> bytes:
    """The attachment with every finding masked in the file itself, proven clean.

    Raises AttachmentError (unreadable file), MaskingNotSupported (PDF, image)
    or MaskingFailed (something was found again in the masked file).
    """
    kind = attachment_kind(filename, data)
    if kind == PDF:
        raise MaskingNotSupported([_("PDF 附件不能自动遮蔽,请在源文件中遮蔽后重新上传")])
    if kind == IMAGE:
        raise MaskingNotSupported(
            [_("图片附件中的文字不能自动检查和遮蔽,请人工核对,或在源文件中遮蔽后重新上传")]
        )
    with readable(filename):
        if kind == TEXT:
            text, encoding = decode_text(data)
            masked = mask_text(text).encode(encoding)
        elif kind == DOCX:
            masked = docx_parts.rewrite(data, mask_segments)
        else:
            assert kind == XLSX, kind
            masked = xlsx_cells.rewrite(data, mask_text)
    left = scan_text(extract_text(filename, masked).text)
    if left:
        raise MaskingFailed(left)
    return masked


def mask_segments(segments: list[str]) -> list[str]:
    """Mask the text the segments make together, changing each segment in place.

    A mask of the same length goes character by character, so every character
    stays in its segment (its run, in Word). A mask of another length (e-mail)
    goes into the segment where the value starts.
    """
    findings = scan_text("".join(segments))
    if not findings:
        return segments
    starts, total = [], 0
    for segment in segments:
        starts.append(total)
        total += len(segment)
    # One slot per character; a slot may take a longer string or become empty.
    slots = [list(segment) for segment in segments]

    def put(position: int, value: str) -> None:
        index = bisect_right(starts, position) - 1
        slots[index][position - starts[index]] = value

    for finding in findings:
        masked = mask_value(finding)
        if len(masked) == finding.end - finding.start:
            for offset, char in enumerate(masked):
                put(finding.start + offset, char)
        else:
            put(finding.start, masked)
            for position in range(finding.start + 1, finding.end):
                put(position, "")
    return ["".join(chars) for chars in slots]
