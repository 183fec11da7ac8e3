"""Demo catalogs from real Zhongshan rows (data/demo.toml), driven through the real workflow."""

import tomllib

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.catalogs import services
from gongkai.catalogs.models import Catalog, CatalogVersion, Guideline, GuidelineItem
from gongkai.catalogs.rows import channel_code, fill_same_as_above
from gongkai.catalogs.seeding import DATA_DIR
from gongkai.orgs.selectors import counterpart_for, domain_get_by_name, unit_get_by_name

Status = CatalogVersion.Status
STEPS = [Status.SUBMITTED, Status.APPROVED, Status.FILED, Status.PUBLISHED]
FILLED_FIELDS = ["elements", "legal_basis", "publisher", "channels", "channels_other", "levels"]


def _item(row: dict) -> services.ItemData:
    codes = [channel_code(label) for label in row.get("channels", [])]
    if None in codes:
        raise ValueError(f"unknown channel in demo data: {row['channels']}")
    return services.ItemData(
        category=row["category"],
        name=row["name"],
        elements=row.get("elements", []),
        legal_basis=row.get("legal_basis", []),
        time_limit_text=row.get("time_limit", ""),
        publisher=row.get("publisher", ""),
        channels=codes,
        channels_other=row.get("channels_other", ""),
        audience_public=row.get("audience") == "public",
        audience_specific=row.get("audience") == "specific",
        mode_proactive=row.get("mode") == "proactive",
        mode_on_request=row.get("mode") == "on_request",
        levels=row.get("levels", []),
    )


def _reviewer(domain):
    department = counterpart_for(domain)
    return department, get_user_model().objects.filter(
        memberships__unit=department, memberships__role="approver"
    ).first()


def _advance(version: CatalogVersion, target: str) -> None:
    """Drive a version through the real workflow up to `target`."""
    domain = version.catalog.domain
    for step in STEPS[: STEPS.index(target) + 1] if target in STEPS else []:
        if step == Status.SUBMITTED:
            services.version_submit(version=version, actor=None)
        elif step == Status.APPROVED and services.needs_counterpart_review(version):
            department, reviewer = _reviewer(domain)
            services.version_review(
                version=version,
                actor=reviewer,
                reviewer_unit=department,
                approve=True,
                text=f"经审核,该目录符合{domain.name}领域标准指引要求,同意报备。",
            )
        elif step == Status.FILED:
            services.version_file(version=version, actor=None, note="演示数据:已备案")
        elif step == Status.PUBLISHED:
            services.version_publish(version=version, actor=None)
        version.refresh_from_db()


@transaction.atomic
def load(*, actor=None, out=None) -> list[dict]:
    with (DATA_DIR / "demo.toml").open("rb") as handle:
        data = tomllib.load(handle)
    for entry in data["guidelines"]:
        domain = domain_get_by_name(entry["domain"])
        guideline, created = Guideline.objects.get_or_create(
            domain=domain, version=1, defaults={"title": entry["title"], "issuer": entry["issuer"]}
        )
        if created:
            for order, item in enumerate(entry["items"], start=1):
                GuidelineItem.objects.create(guideline=guideline, sort_order=order, **item)
    rows_by_unit: dict[str, list[dict]] = {}
    for entry in data["catalogs"]:
        unit = unit_get_by_name(entry["unit"])
        domain = domain_get_by_name(entry["domain"])
        if Catalog.objects.filter(unit=unit, domain=domain).exists():
            continue  # idempotent: demo catalogs are created once
        if "start_from_model" in entry:
            services.version_start_from_model(
                unit=unit,
                domain=domain,
                model_unit=unit_get_by_name(entry["start_from_model"]),
                actor=actor,
            )
            continue
        rows = entry.get("rows") or [
            {**row, "publisher": row.get("publisher", "").replace(entry["copy_of"], unit.name)}
            for row in rows_by_unit[entry["copy_of"]]
        ]
        rows = fill_same_as_above(rows, FILLED_FIELDS)
        rows_by_unit[entry["unit"]] = rows
        catalog = services.catalog_get_or_create(unit=unit, domain=domain, actor=actor)
        version = services.version_start(
            catalog=catalog, actor=actor, items=[_item(row) for row in rows], source_note="演示数据"
        )
        _advance(version, entry["state"])
    return []
