"""The personal-data gate between a record and the portal (issue: 个人信息不得公开).

Everything a record would publish is scanned: title, summary, body, every
attachment's text and every interpretation. Publishing is refused while a
finding is neither masked nor exempted by an approver, and while an attachment
the scanner could not read (a scan) has not been checked by a person.
"""

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record
from gongkai.privacy.detectors import KIND_LABELS, Finding, scan_as_read, scan_text
from gongkai.privacy.extract import extract_text
from gongkai.privacy.masking import (
    MaskingFailed,
    MaskingNotSupported,
    mask_attachment,
    mask_text,
    mask_value,
)
from gongkai.records.models import Attachment, PrivacyExemption, Record
from gongkai.records.sanitize import html_text
from gongkai.records.services import _assert_editable, _locked, delete_file_when_unused

NUMERIC_KINDS = {"id_number", "mobile", "bank_card"}


def value_hash(finding: Finding) -> str:
    """One value, however it is written: numbers ignore width, spaces and hyphens.

    E-mail addresses and street addresses are compared as written (case and
    width aside): zhang_san@ and zhangsan@ are different people.
    """
    text = unicodedata.normalize("NFKC", finding.text).upper()
    if finding.kind in NUMERIC_KINDS:
        text = "".join(ch for ch in text if ch.isalnum())
    else:
        text = "".join(text.split())
    return hashlib.sha256(f"{finding.kind}:{text}".encode()).hexdigest()


@dataclass(frozen=True)
class Located:
    """A finding and where in the record it is."""

    where: str
    finding: Finding
    attachment_id: int | None = None
    exempted: bool = False

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.finding.kind, self.finding.kind))

    @property
    def masked(self) -> str:
        """The value as it may be shown in lists and logs."""
        return mask_value(self.finding)

    @property
    def key(self) -> str:
        return value_hash(self.finding)


def _texts(record: Record):
    """Everything of a record the portal shows, as (where, text, attachment pk)."""
    yield _("标题"), record.title, None
    yield _("文号"), record.doc_number, None
    yield _("主题分类"), record.topic, None
    yield _("内容概述"), record.summary, None
    yield _("正文"), html_text(record.body), None
    # Link targets and other attribute values are in the markup, not the text.
    yield _("正文"), record.body, None
    for attachment in record.attachments.all():
        yield _("附件名称“%(n)s”") % {"n": attachment.name}, attachment.name, None
        yield _("附件“%(n)s”") % {"n": attachment.name}, attachment.text, attachment.pk
    for interpretation in record.interpretations.all():
        where = _("解读“%(t)s”") % {"t": interpretation.title}
        qa = "\n".join(f"{p['q']}\n{p['a']}" for p in interpretation.qa)
        parts = [interpretation.title, html_text(interpretation.body), interpretation.body, qa,
                 interpretation.video_url]  # fmt: skip
        yield where, "\n".join(parts), None


def record_findings(record: Record) -> list[Located]:
    """Each distinct value once per place, as a reader would see it."""
    exempted = set(record.exemptions.values_list("value_hash", flat=True))
    found, seen = [], set()
    for where, text, attachment_id in _texts(record):
        for finding in scan_as_read(text or ""):
            key = value_hash(finding)
            if (where, key) in seen:
                continue
            seen.add((where, key))
            found.append(Located(where, finding, attachment_id, exempted=key in exempted))
    return found


def gate_problems(record: Record, findings: list[Located] | None = None) -> list[str]:
    """What keeps `record` off the portal; `findings` saves a second scan when the caller has them."""
    if findings is None:
        findings = record_findings(record)
    problems = []
    open_findings = Counter(
        (located.where, located.kind_label) for located in findings if not located.exempted
    )
    for (where, kind), count in open_findings.items():
        problems.append(_("%(w)s中有%(n)s处未遮蔽的%(k)s") % {"w": where, "n": count, "k": kind})
    for attachment in record.attachments.all():
        if not attachment.cleared_for_publishing:
            problems.append(
                _("附件“%(n)s”未能完整自动检查(%(why)s),须由审批人人工核对无个人信息")
                % {"n": attachment.name, "why": attachment.check_note or _("无法读取文字")}
            )
    return problems


@dataclass
class MaskReport:
    masked: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _mask_fields(obj, names, report: MaskReport, exempted: set[str], *, html=frozenset()):
    """Mask what is not exempted in each field; markup-split values are reported, not guessed."""
    changed = []
    for name in names:
        value = getattr(obj, name)
        masked = _mask_unexempted(value, exempted, report)
        if masked != value:
            setattr(obj, name, masked)
            changed.append(name)
    for name in names:
        value = getattr(obj, name)
        visible = html_text(value) + "\n" + value if name in html else value
        for finding in scan_as_read(visible):
            if value_hash(finding) not in exempted:
                # Split by markup (<b>4420</b>00…) or written with look-alike
                # characters: not masked in place, the editor must fix it.
                report.problems.append(
                    _("%(w)s中有一处%(k)s被格式分隔,无法自动遮蔽,请手工修改")
                    % {"w": obj._meta.get_field(name).verbose_name, "k": KIND_LABELS[finding.kind]}
                )
    if changed:
        obj.save(update_fields=changed)


@transaction.atomic
def record_mask(*, record: Record, actor) -> MaskReport:
    """One click: apply the standard masking everywhere, attachment files included.

    Values an approver exempted are left as they are. Each masked attachment
    is re-extracted and re-scanned by the privacy app before it replaces the
    original; what cannot be masked (a PDF, a value split by markup) is
    reported for the editor to fix at the source.
    """
    record = _locked(record)
    _assert_editable(record)
    report = MaskReport()
    exempted = set(record.exemptions.values_list("value_hash", flat=True))
    _mask_fields(
        record, ["title", "doc_number", "topic", "summary", "body"], report, exempted,
        html={"body"},
    )  # fmt: skip
    for interpretation in record.interpretations.all():
        _mask_fields(interpretation, ["title", "body"], report, exempted, html={"body"})
        qa = [{key: _mask_unexempted(text, exempted, report) for key, text in pair.items()}
              for pair in interpretation.qa]  # fmt: skip
        if qa != interpretation.qa:
            interpretation.qa = qa
            interpretation.save(update_fields=["qa"])
    for attachment in record.attachments.all():
        findings = scan_text(attachment.text)
        if not findings:
            continue
        # A file is masked whole: an exempted value in an attachment stays only
        # if the editor does not mask that file (the approver's exemption covers it).
        if all(value_hash(f) in exempted for f in findings):
            continue
        try:
            masked = mask_attachment(attachment.name, attachment.file.read())
        except MaskingNotSupported as exc:
            report.problems.append(_("附件“%(n)s”:%(e)s") % {"n": attachment.name, "e": exc})
            continue
        except MaskingFailed:
            # The exception carries the values found; they must not reach a message.
            report.problems.append(
                _("附件“%(n)s”遮蔽后复查仍发现个人信息,原文件未替换,请在源文件中遮蔽后重新上传")
                % {"n": attachment.name}
            )
            continue
        finally:
            attachment.file.close()
        _replace_file(attachment, masked)
        report.masked.update(f.kind for f in findings)
    audit_record(
        actor=actor,
        action="record.mask",
        obj=record,
        # Counts only: the values themselves never go into the audit log.
        after={"masked": dict(report.masked), "problems": len(report.problems)},
    )
    return report


def _mask_unexempted(text: str, exempted: set[str], report: MaskReport) -> str:
    to_mask = [f for f in scan_text(text) if value_hash(f) not in exempted]
    report.masked.update(f.kind for f in to_mask)
    return mask_text(text, to_mask) if to_mask else text


def _replace_file(attachment: Attachment, data: bytes) -> None:
    old = attachment.file.name
    extraction = extract_text(attachment.name, data)
    attachment.sha256 = hashlib.sha256(data).hexdigest()
    attachment.size = len(data)
    attachment.text = extraction.text
    attachment.check_status, attachment.check_note = extraction.status, extraction.reason
    attachment.masked = True
    attachment.file.save(attachment.name, ContentFile(data), save=False)
    attachment.save()
    # The unmasked original is not kept once the masked copy is committed.
    delete_file_when_unused(old, attachment.file.storage)


@transaction.atomic
def privacy_exempt(
    *, record: Record, actor, key: str, reason: str, legal_basis: str
) -> PrivacyExemption:
    """An approver allows one value to be published, with the reason and the law requiring it."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.status == Record.Status.PUBLISHED:
        raise ValidationError(_("已发布的信息不能再登记豁免"))
    if not reason.strip() or not legal_basis.strip():
        raise ValidationError(_("豁免须写明理由和法律依据(如惩戒公示的规定)"))
    located = next((f for f in record_findings(record) if f.key == key), None)
    if located is None:
        raise ValidationError(_("该信息中没有这一项个人信息"))
    exemption, _created = PrivacyExemption.objects.update_or_create(
        record=record,
        value_hash=key,
        defaults={
            "kind": located.finding.kind,
            "masked_value": located.masked,
            "reason": reason.strip(),
            "legal_basis": legal_basis.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="record.privacy_exemption",
        obj=record,
        after={"kind": located.finding.kind, "value": located.masked, "reason": reason,
               "legal_basis": legal_basis},
    )  # fmt: skip
    return exemption


@transaction.atomic
def attachment_confirm_checked(*, attachment: Attachment, actor) -> Attachment:
    """An approver has read a file the scanner could not (a scan) and found no personal data."""
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.record.status == Record.Status.PUBLISHED:
        raise ValidationError(_("已发布的信息不能再更改"))
    attachment.manually_checked_by = actor
    attachment.manually_checked_at = timezone.now()
    attachment.save(update_fields=["manually_checked_by", "manually_checked_at"])
    audit_record(
        actor=actor,
        action="record.attachment_checked",
        obj=attachment.record,
        after={"name": attachment.name, "sha256": attachment.sha256},
    )
    return attachment


def published_findings():
    """Open findings in published records, for `gongkai privacy rescan`."""
    from gongkai.privacy.sources import Published

    records = Record.objects.filter(status=Record.Status.PUBLISHED).prefetch_related(
        "attachments", "interpretations", "exemptions"
    )
    for record in records.iterator(chunk_size=200):
        by_place: dict[str, list] = {}
        for located in record_findings(record):
            if not located.exempted:
                by_place.setdefault(located.where, []).append(located.finding)
        for where, findings in by_place.items():
            yield Published(record.index_number, record.title, where, tuple(findings))
