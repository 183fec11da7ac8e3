"""Every path to the portal goes through the gate: fields, names, links, hidden parts, look-alikes."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from gongkai.core.models import AuditEvent
from gongkai.privacy.tests.files import ID_CHEN, ID_HUANG
from gongkai.records import privacy_gate, services
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to

MOBILE = "13812345678"


def _update(record, editor, **changes):
    data = services.record_to_data(record)
    for name, value in changes.items():
        setattr(data, name, value)
    services.record_update(record=record, actor=editor, data=data)
    record.refresh_from_db()
    return record


def _kinds(record) -> set[tuple[str, str]]:
    return {(f.where, f.finding.kind) for f in privacy_gate.record_findings(record)}


def test_doc_number_topic_and_link_targets_are_scanned(draft, tanzhou_editor):
    _update(
        draft, tanzhou_editor,
        doc_number=f"坦{MOBILE}号", topic=f"联系{MOBILE}",
        body=f'<p><a href="https://example.org/?sfz={ID_CHEN}">张三</a></p>',
    )  # fmt: skip

    kinds = _kinds(draft)

    assert ("文号", "mobile") in kinds and ("主题分类", "mobile") in kinds
    assert ("正文", "id_number") in kinds


def test_invisible_characters_are_dropped_when_saved(draft, tanzhou_editor):
    _update(draft, tanzhou_editor, summary="联系电话138\u200b1234\u00ad5678")

    draft.refresh_from_db()
    assert MOBILE in draft.summary
    assert ("内容概述", "mobile") in _kinds(draft)


def test_look_alike_digits_block_and_are_reported_for_manual_fixing(draft, tanzhou_editor):
    bold = "".join(chr(0x1D7CE + int(d)) if d.isdigit() else d for d in ID_CHEN)
    _update(draft, tanzhou_editor, summary=f"身份证{bold}")

    report = privacy_gate.record_mask(record=draft, actor=tanzhou_editor)

    assert any("无法自动遮蔽" in problem for problem in report.problems)
    assert privacy_gate.gate_problems(draft)


def test_a_file_name_with_personal_data_is_refused(draft, tanzhou_editor):
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            record=draft, actor=tanzhou_editor, name=f"张三{ID_CHEN}.txt", data=b"hello"
        )

    assert "文件名中含有个人信息" in str(refused.value)


def test_document_properties_are_found_and_block_until_fixed(draft, tanzhou_editor):
    document = Document()
    document.add_paragraph("临时救助审批表")
    document.core_properties.author = f"黄志明{ID_HUANG}"
    buffer = io.BytesIO()
    document.save(buffer)

    attachment = services.attachment_add(
        record=draft, actor=tanzhou_editor, name="审批表.docx", data=buffer.getvalue()
    )

    assert not attachment.cleared_for_publishing
    assert any("附件“审批表.docx”中有1处未遮蔽的身份证号码" in p
               for p in privacy_gate.gate_problems(draft))  # fmt: skip
    report = privacy_gate.record_mask(record=draft, actor=tanzhou_editor)
    assert report.problems  # masking cannot reach the properties: fix the source file


def test_the_audit_log_keeps_masked_values_only(draft, tanzhou_editor, catalog_items):
    _update(
        draft, tanzhou_editor, summary=f"身份证{ID_CHEN}", co_issuer_ids=[], catalog_item_ids=[]
    )

    event = AuditEvent.objects.filter(action="record.change").latest("pk")
    assert ID_CHEN not in str(event.after) and "4420" in str(event.after)
    assert event.before["catalog_item_ids"] == [catalog_items[0].pk]
    assert event.after["catalog_item_ids"] == []


def test_the_lock_covers_topic_channels_and_links(
    draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    take_to(draft, Record.Status.APPROVED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    Record.objects.filter(pk=draft.pk).update(topic="改过的主题")
    draft.refresh_from_db()

    assert "审批后内容已被改动,须重新审批" in services.publish_blockers(draft)


def test_an_email_exemption_covers_that_address_only(draft, tanzhou_editor, tanzhou_approver):
    _update(draft, tanzhou_editor, body="<p>zhang_san@qq.com 与 zhangsan@qq.com</p>")
    emails = {f.finding.text: f for f in privacy_gate.record_findings(draft)}

    privacy_gate.privacy_exempt(
        record=draft, actor=tanzhou_approver, key=emails["zhang_san@qq.com"].key,
        reason="本人同意公开", legal_basis="《条例》第十五条",
    )  # fmt: skip

    still_open = [f.finding.text for f in privacy_gate.record_findings(draft) if not f.exempted]
    assert still_open == ["zhangsan@qq.com"]


def test_a_mistyped_year_is_refused_and_never_breaks_a_page(client, draft, tanzhou_editor):
    with pytest.raises(ValidationError) as refused:
        _update(draft, tanzhou_editor, formed_on=datetime.date(2062, 9, 25))
    assert "formed_on" in refused.value.message_dict

    Record.objects.filter(pk=draft.pk).update(formed_on=datetime.date(2062, 9, 25))
    client.force_login(tanzhou_editor)
    assert client.get(f"/staff/records/{draft.pk}/").status_code == 200
    assert client.get("/staff/records/timeliness/").status_code == 200


def test_a_step_taken_twice_is_refused_cleanly(
    client, draft, tanzhou_editor, tanzhou_secrecy_reviewer
):
    services.record_submit(record=draft, actor=tanzhou_editor)
    services.record_secrecy_review(
        record=draft, actor=tanzhou_secrecy_reviewer, passed=True, note=""
    )

    with pytest.raises(ValidationError):
        services.record_secrecy_review(
            record=draft, actor=tanzhou_secrecy_reviewer, passed=False, note="再次退回"
        )
    draft.refresh_from_db()
    assert draft.status == Record.Status.APPROVAL
