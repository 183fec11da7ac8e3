"""Reference data of the records app: the maintained list of legal bases."""

import tomllib
from pathlib import Path

from django.db import transaction

from gongkai.orgs.seeding import SeedReport, _upsert
from gongkai.records.models import LegalBasis

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def seed_legal_bases(*, actor=None) -> SeedReport:
    report = SeedReport()
    with (DATA_DIR / "legal_bases.toml").open("rb") as handle:
        data = tomllib.load(handle)
    for order, basis in enumerate(data["bases"], start=1):
        _upsert(
            report,
            LegalBasis,
            {"code": basis["code"]},
            {
                "article": basis["article"],
                "summary": basis["summary"],
                "applies_to": basis["applies_to"],
                "sort_order": order,
            },
            actor,
        )
    return report
