"""Reference data of the catalogs app: the 公开层级 labels."""

import tomllib
from pathlib import Path

from django.db import transaction

from gongkai.catalogs.models import DisclosureLevel
from gongkai.orgs.seeding import SeedReport, _upsert

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def seed_levels(*, actor=None) -> SeedReport:
    report = SeedReport()
    with (DATA_DIR / "levels.toml").open("rb") as handle:
        data = tomllib.load(handle)
    for order, level in enumerate(data["levels"], start=1):
        _upsert(
            report,
            DisclosureLevel,
            {"code": level["code"]},
            {"label": level["label"], "aliases": level.get("aliases", []), "sort_order": order},
            actor,
        )
    return report
