"""Nothing with an unmasked ID, mobile or bank card number is published: mask it or exempt it."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditEvent
from gongkai.privacy.extract import extract_text
from gongkai.privacy.tests.files import ID_CHEN, ID_HUANG, relief_form, subsidy_sheet
from gongkai.records import privacy_gate, services
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to

MOBILE = "13812345678"


@pytest.fixture
def roster(draft, tanzhou_editor):
    """A 低保 公示名单 whose body carries a full ID number and a mobile number."""
    data = services.record_to_data(draft)
    data.body = f"<p>陈阿婆,身份证号{ID_CHEN},联系电话{MOBILE},月保障金额1,120元。</p>"
    return services.record_update(record=draft, actor=tanzhou_editor, data=data)


def _approve(record, editor, reviewer, approver):
    return take_to(
        record, Record.Status.APPROVED, editor=editor, reviewer=reviewer, approver=approver
    )


def test_unmasked_values_block_publishing(
    roster, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    _approve(roster, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver)

    with pytest.raises(ValidationError) as refused:
        services.record_publish(record=roster, actor=tanzhou_approver)

    assert "正文中有1处未遮蔽的身份证号码" in str(refused.value)
    assert "正文中有1处未遮蔽的手机号码" in str(refused.value)
    roster.refresh_from_db()
    assert roster.status == Record.Status.APPROVED and roster.published_at is None


def test_one_click_masks_text_and_attachment_files(
    roster, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    services.attachment_add(
        record=roster, actor=tanzhou_editor, name="补贴发放表.xlsx", data=subsidy_sheet()
    )
    services.attachment_add(
        record=roster, actor=tanzhou_editor, name="临时救助审批表.docx", data=relief_form()
    )

    report = privacy_gate.record_mask(record=roster, actor=tanzhou_editor)

    roster.refresh_from_db()
    assert report.problems == []
    assert ID_CHEN not in roster.body and "4420**********" in roster.body
    assert "138****5678" in roster.body
    for attachment in roster.attachments.all():
        with attachment.file.open("rb") as handle:
            again = extract_text(attachment.name, handle.read())
        assert attachment.masked and again.text == attachment.text
        assert ID_HUANG not in again.text and ID_CHEN not in again.text
    assert privacy_gate.gate_problems(roster) == []
    event = AuditEvent.objects.get(action="record.mask")
    assert ID_CHEN not in str(event.after) and event.after["masked"]["id_number"] >= 2

    take_to(roster, Record.Status.PUBLISHED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    assert roster.status == Record.Status.PUBLISHED


def test_an_approver_exempts_a_value_the_law_requires_published(
    roster, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver
):
    located = {f.finding.kind: f for f in privacy_gate.record_findings(roster)}
    with pytest.raises(ValidationError):
        privacy_gate.privacy_exempt(
            record=roster, actor=tanzhou_approver, key=located["id_number"].key,
            reason="", legal_basis="",
        )  # fmt: skip

    privacy_gate.privacy_exempt(
        record=roster,
        actor=tanzhou_approver,
        key=located["id_number"].key,
        reason="失信被执行人惩戒公示",
        legal_basis="《最高人民法院关于公布失信被执行人名单信息的若干规定》第六条",
    )
    privacy_gate.record_mask(record=roster, actor=tanzhou_editor)  # masks the mobile only

    roster.refresh_from_db()
    assert ID_CHEN in roster.body and MOBILE not in roster.body
    take_to(roster, Record.Status.PUBLISHED, editor=tanzhou_editor,
            reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    event = AuditEvent.objects.get(action="record.privacy_exemption")
    assert event.actor == tanzhou_approver and ID_CHEN not in str(event.after)


def test_a_pdf_cannot_be_masked_and_keeps_publishing_blocked(roster, tanzhou_editor):
    from gongkai.privacy.tests.files import pdf_bytes

    services.attachment_add(
        record=roster, actor=tanzhou_editor, name="名单.pdf",
        data=pdf_bytes([f"ID {ID_HUANG}"]),
    )  # fmt: skip

    report = privacy_gate.record_mask(record=roster, actor=tanzhou_editor)

    assert any("PDF 附件不能自动遮蔽" in problem for problem in report.problems)
    assert any(
        "附件“名单.pdf”中有1处未遮蔽的身份证号码" in p for p in privacy_gate.gate_problems(roster)
    )


def test_a_scan_waits_for_an_approvers_check(draft, tanzhou_editor, tanzhou_approver):
    from gongkai.privacy.tests.files import png_bytes

    attachment = services.attachment_add(
        record=draft, actor=tanzhou_editor, name="公示照片.png", data=png_bytes()
    )
    assert any("未能完整自动检查" in p for p in privacy_gate.gate_problems(draft))

    privacy_gate.attachment_confirm_checked(attachment=attachment, actor=tanzhou_approver)

    assert privacy_gate.gate_problems(draft) == []


def test_a_file_that_is_not_what_it_says_is_refused(draft, tanzhou_editor):
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            record=draft, actor=tanzhou_editor, name="名单.docx", data=b"<html>not a docx</html>"
        )

    assert refused.value.message_dict["file"]
    assert not draft.attachments.exists()
