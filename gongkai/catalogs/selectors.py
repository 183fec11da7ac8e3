"""Reads over catalogs: coverage checks, version comparison, the progress board."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalogs.models import (
    Catalog,
    CatalogItem,
    CatalogVersion,
    Guideline,
)
from gongkai.catalogs.services import ITEM_FIELDS
from gongkai.orgs.models import Domain, Unit

Status = CatalogVersion.Status


@dataclass
class CoverageReport:
    """应公开尽公开 checks: errors block submission, warnings are shown to reviewers."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def guideline_for(domain: Domain) -> Guideline | None:
    return domain.guidelines.order_by("-version").first()


def coverage_check(version: CatalogVersion) -> CoverageReport:
    """Compare a version with its domain's guideline and list what is missing or incomplete."""
    report = CoverageReport()
    items = list(version.items.all())
    guideline = guideline_for(version.catalog.domain)
    if guideline is not None:
        present_ids = {item.guideline_item_id for item in items if item.guideline_item_id}
        present_keys = {item.key for item in items} | {item.key[:2] for item in items}
        excluded = {e.guideline_item_id: e for e in version.exclusions.all()}
        for g_item in guideline.items.all():
            if (
                g_item.pk in present_ids
                or g_item.key in present_keys
                or g_item.key[:2] in present_keys
            ):
                continue
            if g_item.pk in excluded:
                continue
            report.missing.append(g_item)
            report.errors.append(
                _("标准指引事项“%(i)s”未列入目录,也未说明理由和依据") % {"i": g_item}
            )
    for item in items:
        label = _("第%(n)s项“%(i)s”") % {"n": item.sort_order, "i": item}
        if item.mode_on_request and not item.mode_proactive and not item.legal_basis:
            report.errors.append(label + _(": 仅依申请公开的事项须写明法律依据"))
        if not item.mode_on_request and not item.mode_proactive:
            report.errors.append(label + _(": 未选择公开方式(主动或依申请)"))
        if item.time_limit.get("kind") == "unparsed":
            report.warnings.append(
                label + _(": 公开时限“%(t)s”无法识别") % {"t": item.time_limit_text}
            )
        if not item.channels and not item.channels_other:
            report.warnings.append(label + _(": 未选择公开渠道"))
        if not item.publisher:
            report.warnings.append(label + _(": 未填写公开主体"))
    if not items:
        report.errors.append(_("目录中还没有任何事项"))
    return report


@dataclass
class ItemChange:
    key: tuple[str, str, str]
    fields: dict[str, tuple]


@dataclass
class VersionDiff:
    added: list[CatalogItem]
    removed: list[CatalogItem]
    changed: list[ItemChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


COMPARED_FIELDS = [f for f in ITEM_FIELDS if f not in ("category", "name", "sub_name")]


def versions_compare(old: CatalogVersion, new: CatalogVersion) -> VersionDiff:
    """Items added, removed and changed field by field, matched on 一级/二级/三级事项."""
    old_items = {item.key: item for item in old.items.all()}
    new_items = {item.key: item for item in new.items.all()}
    changed = []
    for key in old_items.keys() & new_items.keys():
        a, b = old_items[key], new_items[key]
        fields = {
            name: (getattr(a, name), getattr(b, name))
            for name in COMPARED_FIELDS
            if getattr(a, name) != getattr(b, name)
        }
        if fields:
            changed.append(ItemChange(key=key, fields=fields))
    return VersionDiff(
        added=[new_items[k] for k in new_items.keys() - old_items.keys()],
        removed=[old_items[k] for k in old_items.keys() - new_items.keys()],
        changed=sorted(changed, key=lambda c: c.key),
    )


@dataclass
class BoardCell:
    unit: Unit
    domain: Domain
    catalog: Catalog | None
    latest: CatalogVersion | None
    published: CatalogVersion | None
    due_on: datetime.date | None
    first_filed_on: datetime.date | None

    @property
    def state(self) -> str:
        return self.latest.status if self.latest else "none"

    @property
    def state_label(self) -> str:
        return self.latest.get_status_display() if self.latest else _("未编制")

    late: bool = False


def is_late(
    due_on: datetime.date | None, first_filed_on: datetime.date | None, today: datetime.date
) -> bool:
    """The batch deadline is for a catalog compiled and filed (备案) with the office (三(一))."""
    if due_on is None:
        return False
    if first_filed_on is None:
        return today > due_on
    return first_filed_on > due_on


def progress_board(*, units, domains, today: datetime.date) -> list[tuple[Unit, list[BoardCell]]]:
    """Units × domains with each catalog's state, for the openness office and each unit."""
    catalogs = {
        (c.unit_id, c.domain_id): c
        for c in Catalog.objects.filter(unit__in=units, domain__in=domains).prefetch_related(
            Prefetch("versions", queryset=CatalogVersion.objects.order_by("-number"))
        )
    }
    rows = []
    for unit in units:
        cells = []
        due = unit.batch.catalog_due_on if unit.batch_id else None
        for domain in domains:
            catalog = catalogs.get((unit.pk, domain.pk))
            versions = list(catalog.versions.all()) if catalog else []
            published = next((v for v in versions if v.status == Status.PUBLISHED), None)
            filed = [timezone.localtime(v.filed_at).date() for v in versions if v.filed_at]
            first_filed = min(filed) if filed else None
            cells.append(
                BoardCell(
                    unit=unit,
                    domain=domain,
                    catalog=catalog,
                    latest=versions[0] if versions else None,
                    published=published,
                    due_on=due,
                    first_filed_on=first_filed,
                    late=is_late(due, first_filed, today),
                )
            )
        rows.append((unit, cells))
    return rows


def version_as_dict(version: CatalogVersion) -> dict:
    """A version with every item and field, for `gongkai catalog export --format json`."""
    catalog = version.catalog
    items = []
    for item in version.items.all():
        row = {name: getattr(item, name) for name in ITEM_FIELDS}
        row["time_limit"] = item.time_limit
        row["sequence"] = item.sort_order
        items.append(row)
    return {
        "unit": {"code": catalog.unit.code, "name": catalog.unit.name},
        "domain": {"code": catalog.domain.code, "name": catalog.domain.name},
        "version": version.number,
        "status": version.status,
        "submitted_at": version.submitted_at and version.submitted_at.isoformat(),
        "filed_at": version.filed_at and version.filed_at.isoformat(),
        "published_at": version.published_at and version.published_at.isoformat(),
        "items": items,
    }
