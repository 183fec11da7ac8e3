"""A 行政规范性文件 or a major policy is published with its interpretation, or an approver says why not."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.services import InterpretationData
from gongkai.records.tests.conftest import take_to


@pytest.fixture
def normative(draft, tanzhou_editor):
    data = services.record_to_data(draft)
    data.doc_type = Record.DocType.NORMATIVE
    return services.record_update(record=draft, actor=tanzhou_editor, data=data)


def _approve(record, editor, reviewer, approver):
    return take_to(
        record, Record.Status.APPROVED, editor=editor, reviewer=reviewer, approver=approver
    )


def test_without_interpretation_publishing_is_refused(
    normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    _approve(normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver)

    with pytest.raises(ValidationError) as refused:
        services.record_publish(record=normative, actor=tanzhou_approver)

    assert "须与政策解读同步发布" in str(refused.value)


def test_interpretation_is_published_at_the_same_time(
    normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    interpretation = services.interpretation_save(
        policy=normative,
        actor=tanzhou_editor,
        data=InterpretationData(
            title="图解:坦洲镇2026年秋季招生计划",
            kind="qa",
            qa=[{"q": "随迁子女如何报名?", "a": "通过中山市义务教育入学服务平台报名。"}],
        ),
    )
    _approve(normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver)

    services.record_publish(record=normative, actor=tanzhou_approver)

    normative.refresh_from_db()
    interpretation.refresh_from_db()
    assert interpretation.published_at == normative.published_at is not None


def test_an_approver_may_record_why_not(
    normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    _approve(normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver)
    with pytest.raises(ValidationError):
        services.record_waive_interpretation(record=normative, actor=tanzhou_approver, reason="")

    services.record_waive_interpretation(
        record=normative, actor=tanzhou_approver, reason="本文件为对上年计划的数字更新,政策未变"
    )
    services.record_publish(record=normative, actor=tanzhou_approver)

    normative.refresh_from_db()
    assert normative.status == Record.Status.PUBLISHED
    assert normative.interpretation_waived_by == tanzhou_approver


def test_an_interpretation_edited_after_approval_breaks_the_lock(
    normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    interpretation = services.interpretation_save(
        policy=normative, actor=tanzhou_editor,
        data=InterpretationData(title="解读", body="<p>原解读</p>"),
    )  # fmt: skip
    _approve(normative, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver)
    type(interpretation).objects.filter(pk=interpretation.pk).update(body="<p>改过的解读</p>")

    with pytest.raises(ValidationError) as refused:
        services.record_publish(record=normative, actor=tanzhou_approver)

    assert "审批后内容已被改动" in str(refused.value)
