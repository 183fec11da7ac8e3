"""Approval locks the content by its hash; anything else is refused at publishing."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to


def test_content_changed_after_approval_cannot_be_published(
    draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    take_to(draft, Record.Status.APPROVED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    # Not through a service (they refuse): the lock must hold against any other path.
    Record.objects.filter(pk=draft.pk).update(body="<p>审批后被改动的正文</p>")

    with pytest.raises(ValidationError) as refused:
        services.record_publish(record=draft, actor=tanzhou_approver)

    assert "审批后内容已被改动" in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == Record.Status.APPROVED


def test_an_approved_record_cannot_be_edited(
    draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    take_to(draft, Record.Status.APPROVED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip

    with pytest.raises(ValidationError):
        services.record_update(
            record=draft, actor=tanzhou_editor, data=services.RecordData(title="改标题")
        )
