"""The applicant's identity stays out of letters to third parties and out of the mail log.

- The office cannot put {applicant} into a consultation template, and a template
  that has it anyway (edited before this rule) still prints no name.
- 何嘉慧, handler of 坦洲镇 and (here) also editor of 小榄镇, sees 张伟 in full on
  坦洲镇's case; 张伟's case at 小榄镇, where she sees him masked, is not listed
  as "the same applicant's other application", which would unmask him there.
- A refused recipient (smtplib puts the address in the exception) is logged by
  the kind of failure only, not by 张伟's e-mail address.
"""

import datetime
import json
import logging
import smtplib
from unittest import mock

import pytest

from gongkai.foi import notify, services
from gongkai.foi.admin import LetterTemplateForm
from gongkai.foi.models import LetterTemplate, Pause
from gongkai.foi.tests.conftest import register, zhang_wei
from gongkai.orgs.models import Membership, Unit

D = datetime.date


def _form(template: LetterTemplate, body: str) -> LetterTemplateForm:
    return LetterTemplateForm(
        data={
            "title": template.title,
            "outcomes": json.dumps(template.outcomes),
            "body": body,
            "grounds": json.dumps(template.grounds),
            "remedy": template.remedy,
            "sort_order": template.sort_order,
        },
        instance=template,
    )


@pytest.mark.parametrize("code", [Pause.Kind.THIRD_PARTY, Pause.Kind.CO_PRODUCER])
def test_the_office_cannot_name_the_applicant_in_a_consultation_template(zhongshan, code):
    template = LetterTemplate.objects.get(code=code)
    body = template.body + "\n申请人:{applicant}"

    form = _form(template, body)

    assert not form.is_valid()
    assert "申请人姓名" in str(form.errors["body"])
    template.refresh_from_db()
    assert "{applicant}" not in template.body


def test_a_reply_template_may_still_name_the_applicant(zhongshan):
    template = LetterTemplate.objects.get(code="disclosed")
    assert _form(template, "{applicant}:\n" + template.body).is_valid()


def test_a_consultation_letter_never_carries_the_applicants_name(received_case, tanzhou_handler):
    # Stored directly, as a template edited before the admin refused it would be.
    LetterTemplate.objects.filter(code=Pause.Kind.THIRD_PARTY).update(
        body="{third_party}:\n申请人{applicant}申请公开:{description}"
    )
    services.info_request_accept(info_request=received_case, actor=tanzhou_handler)

    pause = services.pause_start(
        info_request=received_case,
        actor=tanzhou_handler,
        kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某建筑公司",
        started_on=D(2026, 3, 5),
    )

    letter = received_case.letters.get(template__code=pause.kind)
    assert letter.addressee == "坦洲镇某建筑公司"
    assert "张伟" not in letter.body
    assert "坦洲镇2025年农村危房改造补助资金发放名单" in letter.body


def test_a_refused_recipient_is_not_written_to_the_log(caplog):
    refused = smtplib.SMTPRecipientsRefused({"zhangwei@example.cn": (550, b"mailbox unavailable")})
    with mock.patch.object(notify, "send_mail", side_effect=refused):
        with caplog.at_level(logging.INFO, logger="gongkai.foi.notify"):
            notify.send_logged("政府信息公开申请已收到", "正文", ["zhangwei@example.cn"])

    [record] = [r for r in caplog.records if r.name == "gongkai.foi.notify"]
    assert record.levelname == "ERROR"
    assert "SMTPRecipientsRefused" in record.getMessage()
    assert "zhangwei" not in caplog.text


def test_an_application_where_the_applicant_is_masked_is_not_listed_as_his(
    client, received_case, tanzhou_handler, xiaolan_handler
):
    xiaolan = Unit.objects.get(code="xiaolan")
    Membership.objects.create(user=tanzhou_handler, unit=xiaolan, role=Membership.Role.EDITOR)
    at_xiaolan, _code = services.info_request_register(
        unit=xiaolan,
        actor=xiaolan_handler,
        data=zhang_wei(description="小榄镇2025年低保名单"),
        channel="in_person",
        received_on=D(2026, 3, 2),
    )
    earlier_here = register(tanzhou_handler, D(2026, 2, 2), zhang_wei(description="2024年名单"))
    client.force_login(tanzhou_handler)
    assert client.get(f"/staff/foi/{at_xiaolan.pk}/").status_code == 200  # readable, masked

    page = client.get(f"/staff/foi/{received_case.pk}/").content.decode()

    assert "同一申请人的其他申请" in page
    assert earlier_here.tracking_number in page
    assert at_xiaolan.tracking_number not in page
