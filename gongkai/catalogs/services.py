"""Writes to catalogs: versions, items and the review → filing → publishing workflow.

Services assume the caller is authorised (permissions.py decides who may act);
they enforce that the step is valid now (status, unit kind, required opinion).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalogs.models import (
    CHANNEL_ORDER,
    TRANSITIONS,
    Catalog,
    CatalogItem,
    CatalogVersion,
    Channel,
    CoverageException,
    DisclosureLevel,
    GuidelineItem,
    ReviewOpinion,
    Stage,
)
from gongkai.catalogs.time_limits import TimeLimit, parse_time_limit
from gongkai.core.audit import audit_record
from gongkai.core.transitions import move
from gongkai.orgs.models import Domain, Unit

Status = CatalogVersion.Status

ITEM_FIELDS = [
    "stage",
    "category",
    "name",
    "sub_name",
    "elements",
    "legal_basis",
    "time_limit_text",
    "publisher",
    "channels",
    "channels_other",
    "audience_public",
    "audience_specific",
    "mode_proactive",
    "mode_on_request",
    "levels",
    "remarks",
]


@dataclass
class ItemData:
    """One catalog row as entered or imported, before it is stored."""

    category: str
    name: str
    sub_name: str = ""
    elements: list[str] | None = None
    legal_basis: list[str] | None = None
    time_limit_text: str = ""
    publisher: str = ""
    channels: list[str] | None = None
    channels_other: str = ""
    audience_public: bool = False
    audience_specific: bool = False
    mode_proactive: bool = False
    mode_on_request: bool = False
    levels: list[str] | None = None
    stage: str = ""
    remarks: str = ""
    guideline_item_id: int | None = None

    def as_fields(self) -> dict:
        channels = set(self.channels or [])
        if self.channels_other.strip():
            channels.add(Channel.OTHER)  # free text is the 其他 channel's content
        return {
            "category": self.category.strip(),
            "name": self.name.strip(),
            "sub_name": self.sub_name.strip(),
            "elements": [e for e in (self.elements or []) if e.strip()],
            "legal_basis": [b for b in (self.legal_basis or []) if b.strip()],
            "time_limit_text": self.time_limit_text.strip(),
            "publisher": self.publisher.strip(),
            "channels": sorted(channels, key=CHANNEL_ORDER.__getitem__),
            "channels_other": self.channels_other.strip(),
            "audience_public": self.audience_public,
            "audience_specific": self.audience_specific,
            "mode_proactive": self.mode_proactive,
            "mode_on_request": self.mode_on_request,
            "levels": list(dict.fromkeys(self.levels or [])),
            "stage": self.stage,
            "remarks": self.remarks.strip(),
            "guideline_item_id": self.guideline_item_id,
        }


def validate_item(data: ItemData, *, known_levels: set[str] | None = None) -> list[str]:
    """Problems that make a row unusable (not the softer coverage warnings).

    Pass `known_levels` when validating many rows, to read the levels once.
    """
    problems = []
    if not data.category.strip():
        problems.append(_("一级事项不能为空"))
    if not data.name.strip():
        problems.append(_("二级事项不能为空"))
    unknown = [c for c in (data.channels or []) if c not in CHANNEL_ORDER]
    if unknown:
        problems.append(_("未知的公开渠道: %(c)s") % {"c": "、".join(unknown)})
    if known_levels is None:
        known_levels = set(DisclosureLevel.objects.values_list("code", flat=True))
    bad_levels = [level for level in (data.levels or []) if level not in known_levels]
    if bad_levels:
        problems.append(_("未知的公开层级: %(l)s") % {"l": "、".join(bad_levels)})
    if data.stage not in Stage.values:
        problems.append(_("未知的五公开环节: %(s)s") % {"s": data.stage})
    return problems


def _assert_editable(version: CatalogVersion) -> None:
    if not version.is_editable:
        raise ValidationError(
            _("%(v)s 处于“%(s)s”状态,不能修改;请新建版本。")
            % {"v": version, "s": version.get_status_display()}
        )


def _store_items(version: CatalogVersion, items: list[ItemData]) -> list[CatalogItem]:
    rows, previous = [], None
    for order, data in enumerate(items, start=1):
        fields = data.as_fields()
        rule = parse_time_limit(fields["time_limit_text"], previous=previous)
        previous = rule
        rows.append(
            CatalogItem(version=version, sort_order=order, time_limit=rule.to_dict(), **fields)
        )
    return CatalogItem.objects.bulk_create(rows)


@transaction.atomic
def catalog_get_or_create(*, unit: Unit, domain: Domain, actor) -> Catalog:
    catalog, created = Catalog.objects.get_or_create(unit=unit, domain=domain)
    if created:
        audit_record(
            actor=actor,
            action="catalog.create",
            obj=catalog,
            after={"unit": unit.code, "domain": domain.code},
        )
    return catalog


@transaction.atomic
def version_start(
    *, catalog: Catalog, actor, items: list[ItemData] | None = None, source_note: str = ""
) -> CatalogVersion:
    """Open a new draft; it starts from the published version unless `items` are given."""
    Catalog.objects.select_for_update().get(pk=catalog.pk)
    open_version = catalog.versions.exclude(
        status__in=[Status.PUBLISHED, Status.SUPERSEDED]
    ).first()
    if open_version is not None:
        raise ValidationError(
            _("%(c)s 已有未发布的版本(第%(n)s版,%(s)s),请在该版本上继续。")
            % {"c": catalog, "n": open_version.number, "s": open_version.get_status_display()}
        )
    published = catalog.published_version()
    number = (catalog.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CatalogVersion.objects.create(
        catalog=catalog,
        number=number,
        based_on=published,
        created_by=actor,
        source_note=source_note
        or (_("基于第%(n)s版") % {"n": published.number} if published else ""),
    )
    if items is None and published is not None:
        items = [item_to_data(item) for item in published.items.all()]
    if published is not None:
        # Reasons for leaving guideline items out stand until an editor changes them.
        for exclusion in published.exclusions.all():
            CoverageException.objects.create(
                version=version,
                guideline_item_id=exclusion.guideline_item_id,
                reason=exclusion.reason,
                legal_basis=exclusion.legal_basis,
            )
    _store_items(version, items or [])
    version.events.create(
        actor=actor, old_status="", new_status=Status.DRAFT, note=version.source_note
    )
    audit_record(
        actor=actor,
        action="catalogversion.start",
        obj=version,
        after={"number": number, "items": len(items or []), "source": version.source_note},
    )
    return version


def item_to_data(item: CatalogItem) -> ItemData:
    return ItemData(
        **{field: getattr(item, field) for field in ITEM_FIELDS},
        guideline_item_id=item.guideline_item_id,
    )


@transaction.atomic
def version_replace_items(
    *, version: CatalogVersion, items: list[ItemData], actor, note: str = ""
) -> int:
    """Replace all items of a draft at once (an import); all or nothing."""
    version = CatalogVersion.objects.select_for_update().get(pk=version.pk)
    _assert_editable(version)
    before = version.items.count()
    version.items.all().delete()
    stored = _store_items(version, items)
    audit_record(
        actor=actor,
        action="catalogversion.replace_items",
        obj=version,
        before={"items": before},
        after={"items": len(stored)},
        note=note,
    )
    return len(stored)


@transaction.atomic
def item_save(
    *, version: CatalogVersion, actor, data: ItemData, item: CatalogItem | None = None
) -> CatalogItem:
    """Add an item to a draft, or change one; the time limit is parsed again."""
    version = CatalogVersion.objects.select_for_update().get(pk=version.pk)
    _assert_editable(version)
    problems = validate_item(data)
    if problems:
        raise ValidationError(problems)
    fields = data.as_fields()
    previous_item = (
        version.items.filter(sort_order__lt=item.sort_order).order_by("-sort_order").first()
        if item
        else version.items.order_by("-sort_order").first()
    )
    previous_rule = None
    if previous_item is not None and previous_item.time_limit:
        previous_rule = TimeLimit.from_dict(previous_item.time_limit)
    fields["time_limit"] = parse_time_limit(
        fields["time_limit_text"], previous=previous_rule
    ).to_dict()
    if item is None:
        fields["sort_order"] = (version.items.aggregate(n=Max("sort_order"))["n"] or 0) + 1
        item = CatalogItem.objects.create(version=version, **fields)
        audit_record(actor=actor, action="catalogitem.add", obj=item, after={"key": list(item.key)})
        return item
    before = {field: getattr(item, field) for field in ITEM_FIELDS}
    for field, value in fields.items():
        setattr(item, field, value)
    item.save()
    after = {field: getattr(item, field) for field in ITEM_FIELDS}
    changed = {k: after[k] for k in after if after[k] != before[k]}
    if changed:
        audit_record(
            actor=actor,
            action="catalogitem.change",
            obj=item,
            before={k: before[k] for k in changed},
            after=changed,
        )
    return item


@transaction.atomic
def item_delete(*, item: CatalogItem, actor) -> None:
    version = CatalogVersion.objects.select_for_update().get(pk=item.version_id)
    _assert_editable(version)
    audit_record(actor=actor, action="catalogitem.delete", obj=item, before={"key": list(item.key)})
    item.delete()


@transaction.atomic
def exclusion_record(
    *, version: CatalogVersion, guideline_item: GuidelineItem, reason: str, legal_basis: str, actor
) -> CoverageException:
    """Record why a guideline item is left out; both a reason and a legal basis are required."""
    version = CatalogVersion.objects.select_for_update().get(pk=version.pk)
    _assert_editable(version)
    if not reason.strip() or not legal_basis.strip():
        raise ValidationError(_("不列入标准目录的事项须写明理由和法律依据"))
    exclusion, _created = CoverageException.objects.update_or_create(
        version=version,
        guideline_item=guideline_item,
        defaults={"reason": reason.strip(), "legal_basis": legal_basis.strip()},
    )
    audit_record(
        actor=actor,
        action="catalogversion.exclude_item",
        obj=version,
        after={"guideline_item": str(guideline_item), "reason": reason, "legal_basis": legal_basis},
    )
    return exclusion


def _locked(version: CatalogVersion) -> CatalogVersion:
    return (
        CatalogVersion.objects.select_for_update()
        .select_related("catalog__unit", "catalog__domain")
        .get(pk=version.pk)
    )


def needs_counterpart_review(version: CatalogVersion) -> bool:
    """Town catalogs are reviewed by the city department responsible for the domain (四(三))."""
    return version.catalog.unit.kind == Unit.Kind.TOWN


@transaction.atomic
def version_submit(*, version: CatalogVersion, actor) -> CatalogVersion:
    """The unit's approver submits a draft; blocking coverage problems refuse it."""
    from gongkai.catalogs.selectors import coverage_check

    version = _locked(version)
    report = coverage_check(version)
    if report.errors:
        raise ValidationError([_("提交前须处理:") + error for error in report.errors])
    version.submitted_at = timezone.now()
    version.save(update_fields=["submitted_at"])
    move(
        version,
        Status.SUBMITTED,
        table=TRANSITIONS,
        actor=actor,
        data={"warnings": report.warnings},
    )
    return version


@transaction.atomic
def version_review(
    *, version: CatalogVersion, actor, reviewer_unit: Unit, approve: bool, text: str
) -> ReviewOpinion:
    """The counterpart department approves a town's catalog or returns it with a written opinion.

    The openness office may also return a version it is asked to file.
    """
    version = _locked(version)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("请填写书面审核意见")})
    if approve:
        if not needs_counterpart_review(version) or version.status != Status.SUBMITTED:
            raise ValidationError(_("该版本当前不需要对口部门审核"))
        target = Status.APPROVED
    else:
        target = Status.RETURNED
    opinion = ReviewOpinion.objects.create(
        version=version,
        reviewer_unit=reviewer_unit,
        reviewer=actor,
        text=text,
        decision=ReviewOpinion.Decision.APPROVED if approve else ReviewOpinion.Decision.RETURNED,
    )
    move(
        version,
        target,
        table=TRANSITIONS,
        actor=actor,
        note=text,
        data={"reviewer_unit": reviewer_unit.code},
    )
    return opinion


@transaction.atomic
def version_file(*, version: CatalogVersion, actor, note: str = "") -> CatalogVersion:
    """The openness office files (备案) a version: approved for towns, submitted for departments."""
    version = _locked(version)
    expected = Status.APPROVED if needs_counterpart_review(version) else Status.SUBMITTED
    if version.status != expected:
        raise ValidationError(
            _("只有“%(e)s”的版本才能备案,当前为“%(s)s”")
            % {"e": Status(expected).label, "s": version.get_status_display()}
        )
    version.filed_at = timezone.now()
    version.save(update_fields=["filed_at"])
    move(
        version,
        Status.FILED,
        table=TRANSITIONS,
        actor=actor,
        note=note,
        data={"opinions": list(version.opinions.values_list("pk", flat=True))},
    )
    return version


@transaction.atomic
def version_publish(*, version: CatalogVersion, actor) -> CatalogVersion:
    """Publish a filed version; the previously published one is superseded, never edited."""
    version = _locked(version)
    current = (
        CatalogVersion.objects.select_for_update()
        .filter(catalog=version.catalog, status=Status.PUBLISHED)
        .exclude(pk=version.pk)
        .first()
    )
    if version.status != Status.FILED:
        raise ValidationError(_("只有已备案的版本才能发布"))
    if current is not None:
        move(
            current,
            Status.SUPERSEDED,
            table=TRANSITIONS,
            actor=actor,
            note=_("被第%(n)s版取代") % {"n": version.number},
        )
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    move(version, Status.PUBLISHED, table=TRANSITIONS, actor=actor)
    return version


def _replace_name(text: str, old: str, new: str) -> str:
    return text.replace(old, new) if old and text else text


@transaction.atomic
def version_start_from_model(
    *, unit: Unit, domain: Domain, model_unit: Unit, actor
) -> CatalogVersion:
    """Start a town's draft from a model unit's published catalog (seed 三(一)2).

    Publisher names and named channels are mapped from the model unit to the
    town (坦洲镇人民政府网站 → 小榄镇人民政府网站); everything else is copied
    for the town to edit.
    """
    if not model_unit.is_model_unit:
        raise ValidationError(_("%(u)s 不是示范单位") % {"u": model_unit.name})
    source = Catalog.objects.filter(unit=model_unit, domain=domain).first()
    published = source.published_version() if source else None
    if published is None:
        raise ValidationError(
            _("%(u)s 尚未发布%(d)s领域标准目录") % {"u": model_unit.name, "d": domain.name}
        )
    items = []
    for item in published.items.all():
        data = item_to_data(item)
        data.publisher = _replace_name(data.publisher, model_unit.name, unit.name)
        data.channels_other = _replace_name(data.channels_other, model_unit.name, unit.name)
        data.elements = [_replace_name(e, model_unit.name, unit.name) for e in data.elements]
        items.append(data)
    catalog = catalog_get_or_create(unit=unit, domain=domain, actor=actor)
    return version_start(
        catalog=catalog,
        actor=actor,
        items=items,
        source_note=_("参照%(u)s第%(n)s版") % {"u": model_unit.name, "n": published.number},
    )


@transaction.atomic
def version_import(
    *, unit: Unit, domain: Domain, items: list[ItemData], actor, source_name: str
) -> tuple[CatalogVersion, bool]:
    """Put imported rows into the catalog's draft, all or nothing; returns (version, created).

    The rows go into a new draft (based on the published version, for
    comparison) or replace the items of the draft being edited. A version
    under review is never touched: the import is refused.
    """
    known_levels = set(DisclosureLevel.objects.values_list("code", flat=True))
    for number, data in enumerate(items, start=1):
        problems = validate_item(data, known_levels=known_levels)
        if problems:
            raise ValidationError([_("第%(n)s项:") % {"n": number} + p for p in problems])
    catalog = catalog_get_or_create(unit=unit, domain=domain, actor=actor)
    Catalog.objects.select_for_update().get(pk=catalog.pk)
    open_version = catalog.versions.exclude(
        status__in=[Status.PUBLISHED, Status.SUPERSEDED]
    ).first()
    note = _("从 %(f)s 导入") % {"f": source_name}
    if open_version is None:
        version = version_start(catalog=catalog, actor=actor, items=items, source_note=note)
        return version, True
    _assert_editable(open_version)
    version_replace_items(version=open_version, items=items, actor=actor, note=note)
    return open_version, False
