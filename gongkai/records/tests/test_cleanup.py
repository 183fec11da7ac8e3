"""清理: records are marked in a batch and the unit drafts its result list as a record of its own."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.records import cleanup, services
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to

D = datetime.date


@pytest.fixture
def published_pair(draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver):
    people = {"editor": tanzhou_editor, "reviewer": tanzhou_secrecy_reviewer,
              "approver": tanzhou_approver}  # fmt: skip
    second = services.record_create(
        unit=draft.unit, actor=tanzhou_editor,
        data=services.RecordData(title="坦洲镇2025年秋季招生范围", doc_number="坦教〔2025〕9号"),
    )  # fmt: skip
    return [take_to(r, Record.Status.PUBLISHED, **people) for r in (draft, second)]


def test_batch_then_result_list(published_pair, tanzhou_editor):
    first, second = published_pair
    cleanup.records_set_validity_batch(
        unit=first.unit, records=published_pair, actor=tanzhou_editor,
        validity="expired", on=D(2026, 11, 30),
    )  # fmt: skip

    result = cleanup.cleanup_result_draft(
        unit=first.unit, actor=tanzhou_editor, since=D(2026, 11, 1), until=D(2026, 11, 30)
    )

    assert result.status == Record.Status.DRAFT
    assert "坦洲镇政策文件清理结果" in result.title
    assert (
        second.title in result.body and "坦教〔2025〕9号" in result.body and "失效" in result.body
    )
    assert "<table>" in result.body  # the sanitiser keeps the list as a table


def test_nothing_to_list_and_another_units_record_are_refused(published_pair, tanzhou_editor):
    from gongkai.orgs.models import Unit

    with pytest.raises(ValidationError):
        cleanup.cleanup_result_draft(
            unit=published_pair[0].unit, actor=tanzhou_editor,
            since=D(2026, 1, 1), until=D(2026, 1, 31),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        cleanup.records_set_validity_batch(
            unit=Unit.objects.get(code="xiaolan"), records=published_pair, actor=tanzhou_editor,
            validity="repealed", on=D(2026, 11, 30),
        )  # fmt: skip
    assert all(r.validity == "in_force" for r in Record.objects.all())


def test_the_cleanup_page_marks_and_drafts(client, published_pair, tanzhou_editor, xiaolan_editor):
    url = "/staff/records/units/tanzhou/cleanup/"
    client.force_login(xiaolan_editor)
    assert client.get(url).status_code == 404

    client.force_login(tanzhou_editor)
    client.post(url, {"action": "mark", "records": [published_pair[0].pk], "validity": "repealed",
                      "on": "2026-11-30"})  # fmt: skip
    response = client.post(url, {"action": "result", "since": "2026-11-01", "until": "2026-11-30"})

    result = Record.objects.get(status="draft")
    assert response.url == f"/staff/records/{result.pk}/"
    assert Record.objects.get(pk=published_pair[0].pk).validity == "repealed"
