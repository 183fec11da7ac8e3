"""The disclosure attribute is decided at drafting; not publishing needs a reason and a listed basis."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditEvent
from gongkai.records import services
from gongkai.records.models import LegalBasis, Record


def _withheld(draft, **changes):
    data = services.record_to_data(draft)
    data.disclosure = Record.Disclosure.WITHHELD
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_withheld_without_reason_or_basis_is_refused_and_nothing_changes(draft, tanzhou_editor):
    with pytest.raises(ValidationError) as refused:
        services.record_update(record=draft, actor=tanzhou_editor, data=_withheld(draft))

    assert set(refused.value.message_dict) == {"disclosure_reason", "disclosure_basis"}
    draft.refresh_from_db()
    assert draft.disclosure == Record.Disclosure.PROACTIVE


def test_a_basis_must_apply_to_the_attribute(draft, tanzhou_editor):
    on_request_only = LegalBasis.objects.get(code="art13-on-request")

    with pytest.raises(ValidationError) as refused:
        services.record_update(
            record=draft,
            actor=tanzhou_editor,
            data=_withheld(
                draft, disclosure_reason="内部请示", disclosure_basis_id=on_request_only.pk
            ),
        )

    assert "不能作为不予公开的依据" in refused.value.message_dict["disclosure_basis"][0]


def test_changing_the_attribute_is_an_audited_decision(draft, tanzhou_editor):
    basis = LegalBasis.objects.get(code="art16-process")

    services.record_update(
        record=draft,
        actor=tanzhou_editor,
        data=_withheld(draft, disclosure_reason="属于请示报告", disclosure_basis_id=basis.pk),
    )

    event = AuditEvent.objects.get(action="record.disclosure_decision")
    assert event.actor == tanzhou_editor
    assert event.before["disclosure"] == "proactive" and event.after["disclosure"] == "withheld"
    assert event.after["disclosure_basis_id"] == basis.pk
