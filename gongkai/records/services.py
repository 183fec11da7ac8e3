"""Writes to records: drafting, attachments, interpretations and the publishing workflow.

Services assume the caller is authorised (permissions.py decides who may act)
and enforce that the step is valid now. The personal-data gate lives in
privacy_gate.py; record_publish asks it before anything reaches the portal.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalogs.models import CatalogItem, CatalogVersion, Channel
from gongkai.core.audit import audit_record
from gongkai.core.transitions import move
from gongkai.orgs.models import Unit
from gongkai.privacy.detectors import drop_invisible, scan_as_read
from gongkai.privacy.extract import AttachmentError, extract_text
from gongkai.privacy.masking import mask_text
from gongkai.records import hooks
from gongkai.records.models import (
    TRANSITIONS,
    Attachment,
    IndexCounter,
    Interpretation,
    LegalBasis,
    Record,
)
from gongkai.records.sanitize import clean_html

Status = Record.Status
Disclosure = Record.Disclosure

# Dates outside this range are typing errors (and beyond the working-day calendar).
EARLIEST_YEAR = 1949

RECORD_FIELDS = [
    "title",
    "doc_number",
    "written_on",
    "formed_on",
    "topic",
    "doc_type",
    "is_major_policy",
    "summary",
    "body",
    "channels",
    "disclosure",
    "disclosure_reason",
    "disclosure_basis_id",
]


@dataclass
class RecordData:
    """A record's fields as drafted (forms, imports and tests build this)."""

    title: str
    doc_number: str = ""
    written_on: datetime.date | None = None
    formed_on: datetime.date | None = None
    topic: str = ""
    doc_type: str = Record.DocType.OTHER
    is_major_policy: bool = False
    summary: str = ""
    body: str = ""
    channels: list[str] = field(default_factory=list)
    disclosure: str = Disclosure.PROACTIVE
    disclosure_reason: str = ""
    disclosure_basis_id: int | None = None
    catalog_item_ids: list[int] = field(default_factory=list)
    co_issuer_ids: list[int] = field(default_factory=list)

    def as_fields(self) -> dict:
        values = {name: getattr(self, name) for name in RECORD_FIELDS}
        for name in ("title", "doc_number", "topic", "summary", "disclosure_reason"):
            # Invisible characters would split a number for the personal-data scan.
            values[name] = drop_invisible(values[name]).strip()
        values["body"] = clean_html(self.body)
        values["channels"] = list(dict.fromkeys(self.channels))
        if self.disclosure == Disclosure.PROACTIVE:
            values["disclosure_reason"], values["disclosure_basis_id"] = "", None
        return values


def validate_record(*, unit: Unit, data: RecordData) -> dict[str, str]:
    """Field → problem, for everything that makes a draft unusable."""
    problems = {}
    if not data.title.strip():
        problems["title"] = _("请填写标题")
    if data.doc_type not in Record.DocType.values:
        problems["doc_type"] = _("未知的文件类型")
    if data.disclosure not in Disclosure.values:
        problems["disclosure"] = _("未知的公开属性")
    elif data.disclosure != Disclosure.PROACTIVE:
        # 源头认定: not publishing proactively needs a reason and a listed legal basis.
        label = Disclosure(data.disclosure).label
        if not data.disclosure_reason.strip():
            problems["disclosure_reason"] = _("%(d)s须写明理由") % {"d": label}
        basis = LegalBasis.objects.filter(pk=data.disclosure_basis_id).first()
        if basis is None:
            problems["disclosure_basis"] = _("%(d)s须选择法律依据") % {"d": label}
        elif data.disclosure not in basis.applies_to:
            problems["disclosure_basis"] = _("“%(b)s”不能作为%(d)s的依据") % {
                "b": basis,
                "d": label,
            }
    unknown = [c for c in data.channels if c not in Channel.values]
    if unknown:
        problems["channels"] = _("未知的公开渠道: %(c)s") % {"c": "、".join(unknown)}
    if data.catalog_item_ids:
        own = CatalogItem.objects.filter(
            pk__in=data.catalog_item_ids,
            version__catalog__unit=unit,
            version__status=CatalogVersion.Status.PUBLISHED,
        ).count()
        if own != len(set(data.catalog_item_ids)):
            problems["catalog_items"] = _("只能对应本单位已发布标准目录中的事项")
    if data.written_on and data.formed_on and data.formed_on < data.written_on:
        problems["formed_on"] = _("形成或变更日期不能早于成文日期")
    latest = timezone.localdate().year + 1
    for name in ("written_on", "formed_on"):
        value = getattr(data, name)
        if value is not None and not EARLIEST_YEAR <= value.year <= latest:
            problems[name] = _("日期%(d)s不合理,请检查年份") % {"d": value.isoformat()}
    return problems


def _check(unit: Unit, data: RecordData) -> None:
    problems = validate_record(unit=unit, data=data)
    if problems:
        raise ValidationError(problems)


def _assert_editable(record: Record) -> None:
    if not record.is_editable:
        raise ValidationError(
            _("“%(r)s”处于“%(s)s”状态,不能修改") % {"r": record, "s": record.get_status_display()}
        )


def _expect(record: Record, *statuses: str) -> None:
    """Checked after the lock: a second click or a stale page must not move the record again."""
    if record.status not in statuses:
        raise ValidationError(
            _("“%(r)s”当前为“%(s)s”,不能执行这一步(可能已被他人处理,请刷新页面)")
            % {"r": record, "s": record.get_status_display()}
        )


def _locked(record: Record) -> Record:
    return Record.objects.select_for_update().select_related("unit").get(pk=record.pk)


def next_index_number(unit: Unit, year: int) -> str:
    """索引号: the unit's code, the year and a sequence number, unique per unit and year.

    The counter row is locked, so two drafts created at once never share a number.
    """
    counter, _created = IndexCounter.objects.select_for_update().get_or_create(unit=unit, year=year)
    while True:
        counter.last += 1
        number = f"{unit.code}/{year}-{counter.last:05d}"
        # Imported history may already hold numbers in this pattern.
        if not Record.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


@transaction.atomic
def record_create(*, unit: Unit, actor, data: RecordData) -> Record:
    _check(unit, data)
    record = Record.objects.create(
        unit=unit,
        index_number=next_index_number(unit, timezone.localdate().year),
        created_by=actor,
        **data.as_fields(),
    )
    record.catalog_items.set(data.catalog_item_ids)
    record.co_issuers.set(data.co_issuer_ids)
    record.events.create(actor=actor, old_status="", new_status=Status.DRAFT)
    audit_record(
        actor=actor,
        action="record.create",
        obj=record,
        after={"index_number": record.index_number, "disclosure": record.disclosure},
    )
    return record


@transaction.atomic
def record_update(*, record: Record, actor, data: RecordData) -> Record:
    """Change a draft; a change of the disclosure attribute is audited as its own decision."""
    record = _locked(record)
    _assert_editable(record)
    _check(record.unit, data)
    fields = data.as_fields()
    before = {name: getattr(record, name) for name in fields}
    before["catalog_item_ids"] = sorted(record.catalog_items.values_list("pk", flat=True))
    before["co_issuer_ids"] = sorted(record.co_issuers.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    record.catalog_items.set(data.catalog_item_ids)
    record.co_issuers.set(data.co_issuer_ids)
    fields["catalog_item_ids"] = sorted(set(data.catalog_item_ids))
    fields["co_issuer_ids"] = sorted(set(data.co_issuer_ids))
    changed = {k: (before[k], fields[k]) for k in fields if before[k] != fields[k]}
    disclosure_keys = {"disclosure", "disclosure_reason", "disclosure_basis_id"}
    if changed.keys() & disclosure_keys:
        audit_record(
            actor=actor,
            action="record.disclosure_decision",
            obj=record,
            before={k: _plain(before[k]) for k in disclosure_keys},
            after={k: _plain(fields[k]) for k in disclosure_keys},
        )
    other = {k: v for k, v in changed.items() if k not in disclosure_keys}
    if other:
        audit_record(
            actor=actor,
            action="record.change",
            obj=record,
            before={k: _plain(v[0]) for k, v in other.items()},
            after={k: _plain(v[1]) for k, v in other.items()},
        )
    return record


def _plain(value):
    """A value for the audit log: dates as text, personal data masked."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return mask_text(value)
    return value


@transaction.atomic
def attachment_add(*, record: Record, actor, name: str, data: bytes) -> Attachment:
    """Store a file with its extracted text; a file that is not what it claims is refused."""
    record = _locked(record)
    _assert_editable(record)
    name = drop_invisible(name).strip()
    if scan_as_read(name):
        raise ValidationError({"file": _("文件名中含有个人信息,请改名后再上传")})
    try:
        extraction = extract_text(name, data)
    except AttachmentError as exc:
        raise ValidationError({"file": exc.errors}) from None
    attachment = Attachment(
        record=record,
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        check_status=extraction.status,
        check_note=extraction.reason,
        text=extraction.text,
        sort_order=record.attachments.count() + 1,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="record.attachment_add",
        obj=record,
        after={"name": name, "sha256": attachment.sha256, "check": extraction.status},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor) -> None:
    record = _locked(attachment.record)
    _assert_editable(record)
    audit_record(
        actor=actor,
        action="record.attachment_remove",
        obj=record,
        before={"name": attachment.name, "sha256": attachment.sha256},
    )
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    delete_file_when_unused(name, storage)


def delete_file_when_unused(name: str, storage) -> None:
    """After commit, delete a stored file no attachment uses any more.

    A removed or replaced file may hold unmasked personal data: it is not kept.
    Files are content-addressed, so another attachment may share it.
    """

    def delete():
        if not Attachment.objects.filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(delete)


@dataclass
class InterpretationData:
    title: str
    kind: str = Interpretation.Kind.TEXT
    body: str = ""
    video_url: str = ""
    qa: list[dict] = field(default_factory=list)


def validate_interpretation(data: InterpretationData) -> dict[str, str]:
    problems = {}
    if not data.title.strip():
        problems["title"] = _("请填写解读标题")
    if data.kind not in Interpretation.Kind.values:
        problems["kind"] = _("未知的解读形式")
    if data.kind == Interpretation.Kind.VIDEO and not data.video_url.strip():
        problems["video_url"] = _("视频解读须填写视频链接")
    if data.kind == Interpretation.Kind.QA and not any(
        pair.get("q", "").strip() and pair.get("a", "").strip() for pair in data.qa
    ):
        problems["qa"] = _("问答解读至少要有一组问题和回答")
    if data.kind in (Interpretation.Kind.TEXT, Interpretation.Kind.GRAPHIC) and not clean_html(
        data.body
    ):
        problems["body"] = _("请填写解读正文")
    return problems


@transaction.atomic
def interpretation_save(
    *, policy: Record, actor, data: InterpretationData, interpretation: Interpretation | None = None
) -> Interpretation:
    """谁起草谁解读: interpretations are drafted with the policy, by its unit, and locked with it."""
    policy = _locked(policy)
    _assert_editable(policy)
    problems = validate_interpretation(data)
    if problems:
        raise ValidationError(problems)
    values = {
        "title": drop_invisible(data.title).strip(),
        "kind": data.kind,
        "body": clean_html(data.body),
        "video_url": drop_invisible(data.video_url).strip(),
        "qa": [
            {"q": drop_invisible(pair["q"]).strip(), "a": drop_invisible(pair["a"]).strip()}
            for pair in data.qa
            if pair.get("q", "").strip() and pair.get("a", "").strip()
        ],
    }
    if interpretation is None:
        interpretation = Interpretation.objects.create(policy=policy, created_by=actor, **values)
        action = "record.interpretation_add"
    else:
        for name, value in values.items():
            setattr(interpretation, name, value)
        interpretation.save()
        action = "record.interpretation_change"
    audit_record(actor=actor, action=action, obj=policy, after={"title": interpretation.title})
    return interpretation


@transaction.atomic
def interpretation_delete(*, interpretation: Interpretation, actor) -> None:
    policy = _locked(interpretation.policy)
    _assert_editable(policy)
    audit_record(
        actor=actor,
        action="record.interpretation_delete",
        obj=policy,
        before={"title": interpretation.title},
    )
    interpretation.delete()


def content_hash(record: Record) -> str:
    """What approval locks: the published text, attachments and interpretations."""
    content = {
        "title": record.title,
        "doc_number": record.doc_number,
        "written_on": record.written_on,
        "formed_on": record.formed_on,
        "topic": record.topic,
        "doc_type": record.doc_type,
        "is_major_policy": record.is_major_policy,
        "summary": record.summary,
        "body": record.body,
        "channels": record.channels,
        "disclosure": record.disclosure,
        "disclosure_reason": record.disclosure_reason,
        "disclosure_basis": record.disclosure_basis_id,
        "catalog_items": sorted(record.catalog_items.values_list("pk", flat=True)),
        "co_issuers": sorted(record.co_issuers.values_list("pk", flat=True)),
        "attachments": list(record.attachments.values_list("name", "sha256")),
        "interpretations": list(
            record.interpretations.values_list("kind", "title", "body", "video_url", "qa")
        ),
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def record_submit(*, record: Record, actor) -> Record:
    """The editor sends a draft to the unit's secrecy review (《条例》第十七条)."""
    record = _locked(record)
    _assert_editable(record)
    _check(record.unit, record_to_data(record))
    move(record, Status.SECRECY_REVIEW, table=TRANSITIONS, actor=actor)
    return record


@transaction.atomic
def record_secrecy_review(*, record: Record, actor, passed: bool, note: str) -> Record:
    """保密审查: passed goes on to approval; anything else back to the editor, with why."""
    record = _locked(record)
    _expect(record, Status.SECRECY_REVIEW)
    if not passed and not note.strip():
        raise ValidationError({"note": _("退回须写明保密审查意见")})
    target = Status.APPROVAL if passed else Status.RETURNED
    move(
        record, target, table=TRANSITIONS, actor=actor, note=note.strip(), data={"step": "secrecy"}
    )
    return record


@transaction.atomic
def record_approve(*, record: Record, actor, approve: bool, note: str = "") -> Record:
    """The approver approves (locking the content by its hash) or returns with an opinion."""
    record = _locked(record)
    if approve:
        if record.status != Status.APPROVAL:
            raise ValidationError(_("只有待审批的信息才能审批"))
        record.approved_hash = content_hash(record)
        record.save(update_fields=["approved_hash"])
        move(record, Status.APPROVED, table=TRANSITIONS, actor=actor, note=note.strip(),
             data={"hash": record.approved_hash})  # fmt: skip
        return record
    _expect(record, Status.APPROVAL, Status.APPROVED)
    if not note.strip():
        raise ValidationError({"note": _("退回须写明审批意见")})
    record.approved_hash = ""
    record.save(update_fields=["approved_hash"])
    move(record, Status.RETURNED, table=TRANSITIONS, actor=actor, note=note.strip())
    return record


@transaction.atomic
def record_waive_interpretation(*, record: Record, actor, reason: str) -> Record:
    """An approver records why a policy that needs an interpretation goes out without one."""
    record = _locked(record)
    if record.status == Status.PUBLISHED:
        raise ValidationError(_("已发布的信息不能再更改解读安排"))
    if not reason.strip():
        raise ValidationError({"reason": _("请写明不作解读的理由")})
    record.interpretation_waiver = reason.strip()
    record.interpretation_waived_by = actor
    record.save(update_fields=["interpretation_waiver", "interpretation_waived_by"])
    audit_record(
        actor=actor, action="record.interpretation_waiver", obj=record, after={"reason": reason}
    )
    return record


def publish_blockers(record: Record, findings=None) -> list[str]:
    """Why `record` cannot be published now; empty when it can.

    `findings` (privacy_gate.record_findings) saves a second scan when the caller has them.
    """
    from gongkai.records.privacy_gate import gate_problems

    problems = []
    if record.status != Status.APPROVED:
        problems.append(_("须先通过保密审查和审批"))
    if record.disclosure != Disclosure.PROACTIVE:
        problems.append(_("公开属性为“%(d)s”,不主动发布") % {"d": record.get_disclosure_display()})
    if record.status == Status.APPROVED and record.approved_hash != content_hash(record):
        problems.append(_("审批后内容已被改动,须重新审批"))
    if (
        record.needs_interpretation
        and not record.interpretations.exists()
        and not record.interpretation_waiver
    ):
        problems.append(
            _("%(t)s须与政策解读同步发布,或由审批人写明不作解读的理由")
            % {
                "t": _("行政规范性文件")
                if record.doc_type == Record.DocType.NORMATIVE
                else _("重大政策")
            }
        )
    problems += gate_problems(record, findings)
    return problems


@transaction.atomic
def record_publish(*, record: Record, actor) -> Record:
    """Publish the approved content, with its interpretations, once nothing blocks it."""
    record = _locked(record)
    problems = publish_blockers(record)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    record.published_at = now
    record.save(update_fields=["published_at"])
    record.interpretations.update(published_at=now)
    move(
        record,
        Status.PUBLISHED,
        table=TRANSITIONS,
        actor=actor,
        data={"hash": record.approved_hash},
    )
    transaction.on_commit(lambda: hooks.record_published(record.pk))
    return record


@transaction.atomic
def record_withdraw(*, record: Record, actor, reason: str) -> Record:
    """Take a published record off the portal, with the written reason; search forgets it.

    The record stays in the workspace with its history; the portal answers 404 for it
    from the next request, and the search index drops it after commit.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回原因")})
    record = _locked(record)
    move(record, Status.WITHDRAWN, table=TRANSITIONS, actor=actor, note=reason)
    transaction.on_commit(lambda: hooks.record_withdrawn(record.pk))
    return record


@transaction.atomic
def record_set_validity(
    *, record: Record, actor, validity: str, on: datetime.date, replaced_by: Record | None = None
) -> Record:
    """Mark a published record expired, repealed or amended (清理), linking its replacement."""
    record = _locked(record)
    if record.status != Status.PUBLISHED:
        raise ValidationError(_("只有已发布的信息才有有效性变更"))
    if validity not in Record.Validity.values:
        raise ValidationError({"validity": _("未知的有效性")})
    if replaced_by is not None and (
        replaced_by.pk == record.pk or replaced_by.status != Status.PUBLISHED
    ):
        raise ValidationError({"replaced_by": _("替代文件须是另一份已发布的信息")})
    before = {"validity": record.validity, "on": _plain(record.validity_changed_on)}
    record.validity, record.validity_changed_on, record.replaced_by = validity, on, replaced_by
    record.save(update_fields=["validity", "validity_changed_on", "replaced_by"])
    audit_record(
        actor=actor,
        action="record.validity",
        obj=record,
        before=before,
        after={
            "validity": validity,
            "on": on.isoformat(),
            "replaced_by": replaced_by.index_number if replaced_by else None,
        },
    )
    transaction.on_commit(lambda: hooks.record_published(record.pk))
    return record


def record_to_data(record: Record) -> RecordData:
    return RecordData(
        **{name: getattr(record, name) for name in RECORD_FIELDS},
        catalog_item_ids=list(record.catalog_items.values_list("pk", flat=True)),
        co_issuer_ids=list(record.co_issuers.values_list("pk", flat=True)),
    )
