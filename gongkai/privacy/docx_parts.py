"""The paragraphs of a .docx, as the personal-data gate reads and rewrites them.

python-docx opens the package and names its story parts: the body, headers,
footers, footnotes, endnotes and comments. Their text is then read from the
WordprocessingML itself. python-docx's object model does not reach runs inside
content controls, tracked changes, text boxes or field codes, and a gate that
misses those is no gate.

A paragraph is a list of segments: one per w:t (and w:delText, w:instrText),
plus the characters a run draws without text (tab, line break, non-breaking
hyphen). Masking rewrites w:t texts only, a character for a character where it
can, so every run keeps its formatting even when a number is split across runs.
External link targets (``mailto:…``) in the stories' relationship files are
read and masked too. The package is rewritten member by member; only the
changed parts differ from the original.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import docx
from django.utils.translation import gettext as _
from docx.opc.constants import CONTENT_TYPE as CT
from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = _W + "p"
_RUN = _W + "r"
_TEXT_TAGS = (_W + "t", _W + "delText", _W + "instrText", _W + "delInstrText")
_DRAWN = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STORY_TYPES = (
    CT.WML_DOCUMENT_MAIN,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.WML_FOOTNOTES,
    CT.WML_ENDNOTES,
    CT.WML_COMMENTS,
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class _Segment:
    """Part of a paragraph's text: a text node, a link target, or a drawn character (element None)."""

    __slots__ = ("element", "attribute", "text")

    def __init__(self, element, attribute: str | None, text: str):
        self.element = element
        self.attribute = attribute
        self.text = text

    def write(self, text: str) -> None:
        if self.attribute:
            self.element.set(self.attribute, text)
            return
        self.element.text = text
        if text != text.strip():
            self.element.set(_XML_SPACE, "preserve")


@dataclass
class _Story:
    member: str
    root: etree._Element
    lines: list[list[_Segment]]


def read(data: bytes) -> tuple[str, str]:
    """All text of the document, one paragraph a line, and what could not be checked."""
    stories, note = _stories(data)
    lines = ["".join(s.text for s in line) for story in stories for line in story.lines]
    return "\n".join(lines), note


def rewrite(data: bytes, rewrite_line: Callable[[list[str]], list[str]]) -> bytes:
    """The document with each paragraph's segments replaced by `rewrite_line(segments)`.

    When anything changes, the preview picture of the first page (which Word
    may save with the file) is dropped: it was drawn before masking.
    """
    stories, _note = _stories(data)
    changed: dict[str, bytes | None] = {}
    for story in stories:
        dirty = False
        for line in story.lines:
            new = rewrite_line([segment.text for segment in line])
            for segment, text in zip(line, new, strict=True):
                # Drawn characters have no text to change; the re-scan catches a miss.
                if text != segment.text and segment.element is not None:
                    segment.write(text)
                    dirty = True
        if dirty:
            changed[story.member] = _xml(story.root)
    if changed:
        changed.update(_without_thumbnail(data))
    return _replace_members(data, changed)


def _stories(data: bytes) -> tuple[list[_Story], str]:
    package = docx.Document(io.BytesIO(data)).part.package
    story_parts = sorted(
        (p for p in package.iter_parts() if p.content_type in _STORY_TYPES),
        key=lambda p: (_STORY_TYPES.index(p.content_type), str(p.partname)),
    )
    stories = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = set(archive.namelist())
        for part in story_parts:
            member = part.partname.membername
            root = etree.fromstring(archive.read(member), _PARSER)
            stories.append(_Story(member, root, _paragraphs(root)))
            rels = part.partname.rels_uri.membername
            if rels in members:
                rels_root = etree.fromstring(archive.read(rels), _PARSER)
                links = [
                    [_Segment(element, "Target", element.get("Target", ""))]
                    for element in rels_root.iter(_RELATIONSHIP)
                    if element.get("TargetMode") == "External"
                ]
                if links:
                    stories.append(_Story(rels, rels_root, links))
    # What the stories show but cannot be read as text: pictures and embedded files.
    targets = {
        rel.target_part.partname: rel.target_part
        for part in story_parts
        for rel in part.rels.values()
        if not rel.is_external
    }
    images = sum(1 for p in targets.values() if p.content_type.startswith("image/"))
    embedded = sum(1 for name in targets if "/embeddings/" in str(name))
    return stories, _note(images, embedded)


def _without_thumbnail(data: bytes) -> dict[str, bytes | None]:
    """Package changes that remove the preview picture: None drops a member."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            root = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        except KeyError:
            return {}
        thumbnails = [
            element
            for element in root.iter(_RELATIONSHIP)
            if element.get("Type", "").endswith("/metadata/thumbnail")
        ]
        if not thumbnails:
            return {}
        changes: dict[str, bytes | None] = {}
        for element in thumbnails:
            changes[element.get("Target", "").lstrip("/")] = None
            root.remove(element)
        changes["_rels/.rels"] = _xml(root)
        types = etree.fromstring(archive.read("[Content_Types].xml"), _PARSER)
        for override in list(types):
            if override.get("PartName", "").lstrip("/") in changes:
                types.remove(override)
        changes["[Content_Types].xml"] = _xml(types)
    return changes


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraphs(root) -> list[list[_Segment]]:
    # Keyed by paragraph in document order; a paragraph in a text box is its own line.
    paragraphs: dict[etree._Element, list[_Segment]] = {p: [] for p in root.iter(_PARAGRAPH)}
    for element in root.iter(*_TEXT_TAGS, *_DRAWN):
        paragraph = next(element.iterancestors(_PARAGRAPH), None)
        if paragraph is None:
            continue
        if element.tag in _DRAWN:
            # w:tab also defines tab stops in paragraph properties; only a run's tab is text.
            if element.getparent().tag != _RUN:
                continue
            paragraphs[paragraph].append(_Segment(None, None, _DRAWN[element.tag]))
        else:
            paragraphs[paragraph].append(_Segment(element, None, element.text or ""))
    return [line for line in paragraphs.values() if line]


def _note(images: int, embedded: int) -> str:
    notes = []
    if images:
        notes.append(_("文档中有 %(n)s 张图片,图片中的文字未能检查") % {"n": images})
    if embedded:
        notes.append(_("文档中嵌入了 %(n)s 个对象(表格、附件等),其内容未能检查") % {"n": embedded})
    return ";".join(notes)


def _replace_members(data: bytes, changed: dict[str, bytes | None]) -> bytes:
    if not changed:
        return data
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in changed:
                target.writestr(info, source.read(info))
            elif changed[info.filename] is not None:
                target.writestr(info, changed[info.filename])
    return out.getvalue()
