"""Demo records (data/demo.toml) driven through the real workflow by 坦洲镇's demo staff.

One record of each situation an official meets: published with its
interpretation, published plainly, a 公示名单 still holding personal data (the
gate refuses it until masked), a withheld 请示, and one overdue in review.
"""

import tomllib

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.catalogs.models import CatalogItem, CatalogVersion
from gongkai.orgs.models import Unit
from gongkai.privacy.checks import id_check_character
from gongkai.records import services
from gongkai.records.models import LegalBasis, Record
from gongkai.records.seeding import DATA_DIR
from gongkai.records.services import InterpretationData, RecordData

Status = Record.Status
STEPS = [Status.SECRECY_REVIEW, Status.APPROVAL, Status.APPROVED, Status.PUBLISHED]


def _demo_id(region: str, born: str, sequence: str) -> str:
    """A fictitious resident ID number with a valid GB 11643-1999 check character."""
    first17 = region + born + sequence
    return first17 + id_check_character(first17)


PERSONAL = {
    "id1": _demo_id("442000", "19520308", "042"),
    "id2": _demo_id("442000", "19780512", "313"),
    "mobile1": "13912345678",
    "mobile2": "13712348765",
}


def _item(unit: Unit, path: list[str]) -> CatalogItem | None:
    domain, category, name = path
    return CatalogItem.objects.filter(
        version__catalog__unit=unit,
        version__catalog__domain__name=domain,
        version__status=CatalogVersion.Status.PUBLISHED,
        category=category,
        name=name,
    ).first()


@transaction.atomic
def load(*, actor=None, out=None) -> list[dict]:
    unit = Unit.objects.get(code="tanzhou")
    if Record.objects.filter(unit=unit).exists():
        return []  # idempotent: demo records are created once
    users = get_user_model().objects.in_bulk(
        ["tanzhou_editor", "tanzhou_secrecy", "tanzhou_approver"], field_name="username"
    )
    editor, reviewer, approver = (
        users["tanzhou_editor"],
        users["tanzhou_secrecy"],
        users["tanzhou_approver"],
    )
    with (DATA_DIR / "demo.toml").open("rb") as handle:
        entries = tomllib.load(handle)["records"]
    for entry in entries:
        item = _item(unit, entry["catalog_item"]) if "catalog_item" in entry else None
        basis = entry.get("disclosure_basis")
        record = services.record_create(
            unit=unit,
            actor=editor,
            data=RecordData(
                title=entry["title"],
                doc_number=entry.get("doc_number", ""),
                doc_type=entry["doc_type"],
                written_on=entry.get("written_on"),
                formed_on=entry.get("formed_on"),
                topic=entry.get("topic", ""),
                summary=entry.get("summary", ""),
                body=entry["body"].format(**PERSONAL),
                channels=["gov_website"],
                disclosure=entry.get("disclosure", Record.Disclosure.PROACTIVE),
                disclosure_reason=entry.get("disclosure_reason", ""),
                disclosure_basis_id=LegalBasis.objects.get(code=basis).pk if basis else None,
                catalog_item_ids=[item.pk] if item else [],
            ),
        )
        if "interpretation" in entry:
            spec = entry["interpretation"]
            services.interpretation_save(
                policy=record,
                actor=editor,
                data=InterpretationData(
                    title=spec["title"], kind=spec["kind"], body=spec.get("body", ""),
                    qa=spec.get("qa", []),
                ),
            )  # fmt: skip
        target = entry["state"]
        for step in STEPS[: STEPS.index(target) + 1] if target in STEPS else []:
            if step == Status.SECRECY_REVIEW:
                services.record_submit(record=record, actor=editor)
            elif step == Status.APPROVAL:
                services.record_secrecy_review(record=record, actor=reviewer, passed=True, note="")
            elif step == Status.APPROVED:
                services.record_approve(record=record, actor=approver, approve=True)
            else:
                services.record_publish(record=record, actor=approver)
            record.refresh_from_db()
    return []
