"""Draft → secrecy review → approval → published, each step by its role, with events."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditEvent
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to


def test_the_whole_path(draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver):
    record = take_to(
        draft,
        Record.Status.PUBLISHED,
        editor=tanzhou_editor,
        reviewer=tanzhou_secrecy_reviewer,
        approver=tanzhou_approver,
    )

    assert record.published_at is not None
    assert list(record.events.values_list("new_status", "actor__username")) == [
        ("draft", "chen_xiaowen"),
        ("secrecy_review", "chen_xiaowen"),
        ("approval", "zhou_mingzhu"),
        ("approved", "liang_zhiqiang"),
        ("published", "liang_zhiqiang"),
    ]
    assert AuditEvent.objects.filter(action="record.published", actor=tanzhou_approver).exists()


def test_secrecy_review_returns_with_an_opinion(draft, tanzhou_editor, tanzhou_secrecy_reviewer):
    services.record_submit(record=draft, actor=tanzhou_editor)

    with pytest.raises(ValidationError):
        services.record_secrecy_review(
            record=draft, actor=tanzhou_secrecy_reviewer, passed=False, note=" "
        )
    services.record_secrecy_review(
        record=draft, actor=tanzhou_secrecy_reviewer, passed=False, note="附件含内部请示,请删除"
    )

    draft.refresh_from_db()
    assert draft.status == Record.Status.RETURNED and draft.is_editable
    assert draft.events.last().note == "附件含内部请示,请删除"


def test_index_numbers_are_sequential_per_unit_and_year(draft, tanzhou_editor):
    second = services.record_create(
        unit=draft.unit, actor=tanzhou_editor, data=services.RecordData(title="第二份")
    )
    year = draft.created_at.year
    assert draft.index_number == f"tanzhou/{year}-00001"
    assert second.index_number == f"tanzhou/{year}-00002"


def test_on_request_records_are_approved_but_never_published(
    draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    from gongkai.records.models import LegalBasis

    data = services.record_to_data(draft)
    data.disclosure = Record.Disclosure.ON_REQUEST
    data.disclosure_reason = "涉及具体学生信息,仅向申请人提供"
    data.disclosure_basis_id = LegalBasis.objects.get(code="art13-on-request").pk
    services.record_update(record=draft, actor=tanzhou_editor, data=data)
    take_to(draft, Record.Status.APPROVED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        services.record_publish(record=draft, actor=tanzhou_approver)

    assert "不主动发布" in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == Record.Status.APPROVED and draft.published_at is None


def test_each_role_finds_its_work_on_the_home_page(
    client, draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver, xiaolan_editor
):
    services.record_submit(record=draft, actor=tanzhou_editor)

    client.force_login(tanzhou_secrecy_reviewer)
    page = client.get("/staff/").content.decode()
    assert "待保密审查(1)" in page and draft.title in page
    client.force_login(tanzhou_approver)
    assert draft.title not in client.get("/staff/").content.decode()
    client.force_login(xiaolan_editor)
    assert draft.title not in client.get("/staff/").content.decode()
