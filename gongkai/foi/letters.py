"""Reply letters and notices: standard texts filled with a case's facts, frozen when issued.

Templates are data the openness office edits (`LetterTemplate`, seeded from
data/letter_templates.toml). Their {placeholders} are a fixed list, so an
edited template can use the case's facts but nothing else; an unknown name is
refused when the template is saved. An issued letter keeps its number and
text; `letter_docx` renders the same text to Word in the layout of the
national 参考文本 (title, 文号, addressee, body, remedy clause, unit and date).
"""

import datetime
import hashlib
import io
import re
import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import InputErrors
from gongkai.core.placeholders import bad_placeholders
from gongkai.foi.models import InfoRequest, Letter, LetterCounter, LetterTemplate

DATA_FILE = Path(__file__).resolve().parent / "data" / "letter_templates.toml"

PLACEHOLDERS = {
    "applicant": "申请人姓名或名称",
    "unit": "受理机关",
    "tracking_number": "申请编号",
    "received_on": "收到申请日期",
    "description": "申请内容",
    "doc_number": "文件名称或文号",
    "provided_how": "信息提供方式或已公开的位置",
    "reason": "理由或说明(经办人填写)",
    "ground": "办理结果的理由和依据(按办理结果)",
    "correction_items": "需补正的内容",
    "correction_asked_on": "补正告知日期",
    "correction_due_on": "补正期限",
    "extension_workdays": "延期工作日",
    "due_on": "答复截止日期",
    "third_party": "征求意见对象",
    "reply_by_on": "征求意见回复期限",
    "fee_amount": "信息处理费金额",
    "fee_due_on": "缴费期限",
    "review_body": "行政复议机关",
}


# Letters to the consulted third party or agency (《条例》第三十二条、第三十四条):
# addressed to them, without the sentence telling the applicant "we received
# your application", so the applicant's name and tracking number stay out.
CONSULTATION_TEMPLATES = ("third_party", "co_producer")


# Facts that identify the applicant; a consultation letter never carries them,
# even if the office edits its template to ask for them.
APPLICANT_FACTS = ("applicant",)


def placeholders_in(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def unknown_placeholders(text: str) -> set[str]:
    """Every field that is not a plain {name} of PLACEHOLDERS, as written (core.placeholders)."""
    return set(bad_placeholders(text, PLACEHOLDERS))


def _fill(text: str, facts: dict) -> str:
    return text.format_map({name: facts.get(name, "") for name in PLACEHOLDERS})


@cache
def remedy_texts() -> dict:
    """The remedy clauses and the 复议机关 (data, read once: every letter needs them)."""
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)["remedy"]


def _date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def letter_prefix(unit) -> str:
    """A short name for 文号 like 坦洲公复〔2026〕3号; the office may edit it per unit."""
    name = unit.name.removeprefix("中山市")
    for suffix in ("人民政府", "街道办事处", "街道", "镇", "区", "局", "办公室", "委员会"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name.removesuffix(suffix)
            break
    return name[:6]


def next_letter_number(unit, year: int) -> str:
    """××公复〔年〕N号, numbered per unit and year; the caller holds a transaction."""
    counter, _created = LetterCounter.objects.select_for_update().get_or_create(
        unit=unit, year=year, defaults={"prefix": letter_prefix(unit)}
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.prefix}公复〔{year}〕{counter.last}号"


def case_facts(info_request: InfoRequest) -> dict:
    return {
        "applicant": info_request.applicant_name,
        "unit": info_request.unit.name,
        "tracking_number": info_request.tracking_number,
        "received_on": _date(info_request.received_on),
        "description": info_request.description,
        "doc_number": info_request.doc_number,
        "correction_asked_on": _date(info_request.correction_asked_on),
        "correction_due_on": _date(info_request.correction_due_on),
        "extension_workdays": str(info_request.extension_workdays),
        "due_on": _date(info_request.due_on),
        "review_body": remedy_texts()["review_body"],
    }


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    remedy: str


def render(template: LetterTemplate, info_request: InfoRequest, extra: dict) -> Draft:
    """The letter's title, body and remedy clause for this case (not yet issued)."""
    facts = case_facts(info_request) | {k: v for k, v in extra.items() if v is not None}
    if template.code in CONSULTATION_TEMPLATES:
        # The third party or agency learns what is asked, never who asks (《条例》第三十二条
        # requires consulting on the content; the applicant's identity is personal data).
        facts |= dict.fromkeys(APPLICANT_FACTS, "")
    for key, value in list(facts.items()):
        if isinstance(value, datetime.date):
            facts[key] = _date(value)
    ground = template.grounds.get(info_request.outcome or extra.get("outcome", ""), "")
    facts["ground"] = _fill(ground, facts)
    body = _fill(template.body, facts)
    remedy = ""
    if template.remedy != "none":
        remedy = _fill(remedy_texts()[template.remedy], facts)
    title = f"{info_request.unit.name}{template.title}"
    return Draft(title=title, body=body, remedy=remedy)


def _receipt_sentence(info_request: InfoRequest) -> str:
    facts = {
        "day": _date(info_request.received_on),
        "no": info_request.tracking_number,
        "what": info_request.description,
    }
    if info_request.corrected_on:
        # The receipt date stays the 第三十一条 date; the 补正 restarts the clock
        # (第三十条) but does not rewrite when the application arrived.
        facts["corrected"] = _date(info_request.corrected_on)
        text = (
            _(
                "本机关于%(day)s收到您提出的政府信息公开申请,于%(corrected)s收到补正后的申请(申请编号:%(no)s),申请获取:%(what)s"
            )
            % facts
        )
    else:
        text = (
            _("本机关于%(day)s收到您提出的政府信息公开申请(申请编号:%(no)s),申请获取:%(what)s")
            % facts
        )
    if info_request.doc_number:
        text += _("(%(doc)s)") % {"doc": info_request.doc_number}
    return text + "。"


def full_text(info_request: InfoRequest, draft: Draft) -> str:
    parts = [_receipt_sentence(info_request), draft.body]
    if draft.remedy:
        parts.append(draft.remedy)
    return "\n".join(parts)


@transaction.atomic
def letter_issue(
    *,
    info_request: InfoRequest,
    template_code: str,
    actor,
    issued_on: datetime.date,
    extra: dict | None = None,
) -> Letter:
    """Number, fill and freeze a letter. The caller holds the case's lock."""
    template = LetterTemplate.objects.filter(code=template_code).first()
    if template is None:
        raise InputErrors(
            [_("缺少文书模板“%(code)s”,请公开办在后台补充") % {"code": template_code}]
        )
    extra = extra or {}
    draft = render(template, info_request, extra)
    if template.code in CONSULTATION_TEMPLATES:
        addressee = str(extra.get("third_party") or "")[:100]
        body = "\n".join(part for part in (draft.body, draft.remedy) if part)
    else:
        addressee = info_request.applicant_name
        body = full_text(info_request, draft)
    number = next_letter_number(info_request.unit, issued_on.year)
    digest = _digest(number, draft.title, addressee, issued_on, body)
    try:
        # A savepoint, so the clash below is reported rather than breaking the transaction.
        with transaction.atomic():
            return Letter.objects.create(
                info_request=info_request,
                template=template,
                number=number,
                title=draft.title,
                addressee=addressee,
                body=body,
                issued_on=issued_on,
                issued_by=actor if actor is not None and actor.is_authenticated else None,
                content_hash=digest,
            )
    except IntegrityError:
        # 文号 are unique across units; two units whose prefixes coincide (edited in
        # the admin, or two long names cut to the same six characters) would clash.
        # The caller's transaction rolls back: no letter, no step, no number used.
        raise InputErrors(
            [
                _("文号“%(number)s”已被使用,请公开办在后台为本单位设置不同的文号前缀")
                % {"number": number}
            ]
        ) from None


def _digest(number: str, title: str, addressee: str, issued_on: datetime.date, body: str) -> str:
    """What an issued letter says, to whom and when: any later change shows."""
    text = "\n".join([number, title, addressee, issued_on.isoformat(), body])
    return hashlib.sha256(text.encode()).hexdigest()


def letter_is_intact(letter: Letter) -> bool:
    digest = _digest(letter.number, letter.title, letter.addressee, letter.issued_on, letter.body)
    return digest == letter.content_hash


_PARAGRAPH_BREAK = re.compile(r"\n+")


def letter_paragraphs(letter: Letter) -> list[str]:
    """The body's paragraphs after the salutation, which every rendering prints itself.

    Consultation templates open with "{third_party}:"; replies do not. Staff page,
    portal page and Word file all use this, so the salutation appears once.
    """
    paragraphs = [text for text in _PARAGRAPH_BREAK.split(letter.body) if text.strip()]
    if paragraphs and paragraphs[0].strip() == f"{letter.addressee}:":
        paragraphs = paragraphs[1:]
    return paragraphs


def letter_docx(letter: Letter) -> bytes:
    """The letter as .docx: centred title, 文号, addressee, indented paragraphs, unit and date."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)  # 三号, as official documents use
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(22)  # 二号
    number = document.add_paragraph(letter.number)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{letter.addressee}:")
    for text in letter_paragraphs(letter):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(32)
    unit_line = document.add_paragraph(letter.info_request.unit.name)
    unit_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date_line = document.add_paragraph(_date(letter.issued_on))
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.core_properties.title = letter.title
    document.core_properties.identifier = letter.number
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
