"""Public reads over published catalogs (标准目录) for the portal.

Only published versions, and earlier versions that were published and have
since been superseded, are public. A draft, a version under review or a filed
version that is not yet published is never shown, not even by its number: the
portal answers as if it did not exist.
"""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db import connection
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gongkai.catalogs.models import Catalog, CatalogItem, CatalogVersion, DisclosureLevel, Stage
from gongkai.orgs.models import Domain, Unit

Status = CatalogVersion.Status
PUBLIC_STATUSES = [Status.PUBLISHED, Status.SUPERSEDED]

# The index lists towns first, then departments, as the home page does; other kinds follow.
KIND_ORDER = [Unit.Kind.TOWN, Unit.Kind.DEPARTMENT]


def published_catalogs() -> QuerySet[Catalog]:
    """Catalogs with a published version, each annotated with its number and date."""
    return (
        Catalog.objects.annotate(
            published=FilteredRelation("versions", condition=Q(versions__status=Status.PUBLISHED))
        )
        .filter(published__isnull=False)
        .annotate(
            published_number=F("published__number"), published_at=F("published__published_at")
        )
        .select_related("unit", "domain")
        .order_by("unit__kind", "unit__sort_order", "unit__code", "domain__sort_order")
    )


def published_catalogs_by_unit() -> list[tuple[str, list[tuple[Unit, list[Catalog]]]]]:
    """Units with at least one published catalog, grouped by kind (镇区, 市直部门, …)."""
    by_kind: dict[str, list[tuple[Unit, list[Catalog]]]] = {}
    for _unit_id, catalogs in groupby(published_catalogs(), key=lambda c: c.unit_id):
        catalogs = list(catalogs)
        unit = catalogs[0].unit
        by_kind.setdefault(unit.kind, []).append((unit, catalogs))
    kinds = sorted(
        by_kind,
        key=lambda kind: (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind),
    )
    return [(Unit.Kind(kind).label, by_kind[kind]) for kind in kinds]


@dataclass(frozen=True)
class Named:
    """A unit or a domain as the catalog page names and links it."""

    code: str
    name: str


@dataclass(frozen=True)
class PublicVersion:
    """A public version of one unit's catalog in one domain: what its page shows of it."""

    pk: int
    number: int
    status: str
    published_at: datetime.datetime | None
    unit: Named
    domain: Named


def _public_versions_sql() -> str:
    """One statement; raw, because compiling the equivalent ORM query (three joins)
    cost more than the rest of an uncached catalog page."""
    version, catalog = CatalogVersion._meta, Catalog._meta
    unit, domain = Unit._meta.db_table, Domain._meta.db_table
    catalog_fk = version.get_field("catalog").column
    unit_fk, domain_fk = catalog.get_field("unit").column, catalog.get_field("domain").column
    statuses = ", ".join(["%s"] * len(PUBLIC_STATUSES))
    return f"""
        SELECT v.id, v.number, v.status, v.published_at, u.code, u.name, d.code, d.name
        FROM {version.db_table} v
        JOIN {catalog.db_table} c ON c.id = v.{catalog_fk}
        JOIN {unit} u ON u.id = c.{unit_fk}
        JOIN {domain} d ON d.id = c.{domain_fk}
        WHERE u.code = %s AND d.code = %s AND v.status IN ({statuses})
        ORDER BY v.number DESC
    """


PUBLIC_VERSIONS_SQL = _public_versions_sql()


def public_versions(unit_code: str, domain_code: str) -> list[PublicVersion]:
    """The published and superseded versions of a unit's catalog in a domain, newest first.

    Empty when the unit or the domain is unknown or the catalog was never published.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            PUBLIC_VERSIONS_SQL,
            [unit_code, domain_code, *(status.value for status in PUBLIC_STATUSES)],
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    _pk, _number, _status, _published_at, unit_code, unit_name, domain_code, domain_name = rows[0]
    unit, domain = Named(unit_code, unit_name), Named(domain_code, domain_name)
    return [
        PublicVersion(
            pk=pk,
            number=number,
            status=status,
            published_at=_aware(published_at),
            unit=unit,
            domain=domain,
        )
        for pk, number, status, published_at, *_names in rows
    ]


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    # SQLite gives the stored UTC instant without its offset; the ORM would add it.
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, datetime.UTC)
    return value


@dataclass
class CatalogTable:
    """The standard table of one version, with the optional columns it needs.

    `groups` are runs of consecutive rows sharing 过程 and 一级事项, whose cells the
    printed table merges: {"stage", "category", "size", "rows"}. Each row is a plain
    dict (the template reads dicts much faster than objects, which matters at
    thousands of rows): number, stage, name, sub_name, time_limit, publisher, remarks,
    elements / legal_basis / channels (one entry per line) and ticks (全社会, 特定群体,
    主动, 依申请, then one per level).
    """

    levels: list[DisclosureLevel]
    groups: list[dict]
    has_stage: bool
    has_sub_name: bool
    has_remarks: bool

    @property
    def item_columns(self) -> int:
        return 3 if self.has_sub_name else 2

    @property
    def column_count(self) -> int:
        # 序号, the 公开事项 columns, 内容/依据/时限/主体/渠道, 对象 ×2, 方式 ×2, one per level.
        fixed = 1 + self.item_columns + 5 + 4 + len(self.levels)
        return fixed + self.has_stage + self.has_remarks


def catalog_table(version: PublicVersion) -> CatalogTable:
    """Build the standard table for `version`: one query for the items, one for the levels."""
    levels = list(DisclosureLevel.objects.all())
    level_codes = [level.code for level in levels]
    stage_labels = {value: str(label) for value, label in Stage.choices if value}
    channel_lines: dict[tuple, str] = {}  # most rows share a few channel choices
    items = (
        CatalogItem.objects.filter(version_id=version.pk)
        .defer("time_limit")
        .order_by("sort_order", "id")
    )
    groups: list[dict] = []
    has_stage = has_sub_name = has_remarks = False
    # Each item's page lists the records published under it; one prefix, then the pk.
    item_prefix = reverse("portal:catalog_page", args=[version.unit.code, version.domain.code])
    item_prefix += "items/"
    for number, item in enumerate(items, start=1):
        if not groups or (groups[-1]["stage_code"], groups[-1]["category"]) != (
            item.stage,
            item.category,
        ):
            groups.append(
                {"stage_code": item.stage, "category": item.category, "size": 0, "rows": []}
            )
        channels_key = (tuple(item.channels), item.channels_other)
        if channels_key not in channel_lines:
            channel_lines[channels_key] = "\n".join(item.channel_labels())
        item_levels = item.levels
        group = groups[-1]
        group["size"] += 1
        group["rows"].append(
            {
                # Printed catalogs number their rows 1…n, whatever gaps editing left.
                "number": number,
                "stage": stage_labels.get(item.stage, item.stage),
                "name": item.name,
                "url": f"{item_prefix}{item.pk}/",
                "sub_name": item.sub_name,
                # One entry per line: the template prints them with linebreaksbr.
                "elements": "\n".join(item.elements),
                "legal_basis": "\n".join(item.legal_basis),
                "time_limit": item.time_limit_text,
                "publisher": item.publisher,
                "channels": channel_lines[channels_key],
                "ticks": [
                    item.audience_public,
                    item.audience_specific,
                    item.mode_proactive,
                    item.mode_on_request,
                    *(code in item_levels for code in level_codes),
                ],
                "remarks": item.remarks,
            }
        )
        has_stage = has_stage or bool(item.stage)
        has_sub_name = has_sub_name or bool(item.sub_name)
        has_remarks = has_remarks or bool(item.remarks)
    return CatalogTable(
        levels=levels,
        groups=groups,
        has_stage=has_stage,
        has_sub_name=has_sub_name,
        has_remarks=has_remarks,
    )


def published_records(*, unit_code: str = "") -> QuerySet:
    """Records published proactively, newest first; nothing else is ever public."""
    from gongkai.records.models import Record

    records = Record.objects.filter(
        status=Record.Status.PUBLISHED, disclosure=Record.Disclosure.PROACTIVE
    ).select_related("unit", "replaced_by")
    if unit_code:
        records = records.filter(unit__code=unit_code)
    return records.order_by("-published_at", "-pk")


def public_record(pk: int):
    return published_records().filter(pk=pk).first()
