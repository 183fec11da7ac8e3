"""Reference data of the foi app: the standard letter texts (data/letter_templates.toml)."""

import tomllib

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.foi.letters import DATA_FILE
from gongkai.foi.models import LetterTemplate
from gongkai.orgs.seeding import SeedReport


@transaction.atomic
def seed_letter_templates(*, actor=None) -> SeedReport:
    """Create missing templates; never overwrite one the office has edited."""
    report = SeedReport()
    with DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    grounds = data["grounds"]
    for order, row in enumerate(data["templates"], start=1):
        if LetterTemplate.objects.filter(code=row["code"]).exists():
            continue
        template = LetterTemplate.objects.create(
            code=row["code"],
            title=row["title"],
            outcomes=row.get("outcomes", []),
            body=row["body"],
            grounds={code: grounds[code] for code in row.get("outcomes", []) if code in grounds},
            remedy=row["remedy"],
            sort_order=order,
        )
        audit_record(actor=actor, action="lettertemplate.created", obj=template)
        report.created["LetterTemplate"] += 1
    return report
