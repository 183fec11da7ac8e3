"""The office edits the standard texts in the admin; a text that cannot be filled is refused there.

A template is filled with `str.format_map` over the fixed PLACEHOLDERS, so
anything else in braces would only fail later, when a handler issues a letter.
"""

import datetime
import json

import pytest

from gongkai.foi import services
from gongkai.foi.admin import LetterTemplateForm
from gongkai.foi.models import LetterTemplate

D = datetime.date


def edit(template: LetterTemplate, **changes) -> LetterTemplateForm:
    data = {
        "title": template.title,
        "outcomes": json.dumps(template.outcomes, ensure_ascii=False),
        "body": template.body,
        "grounds": json.dumps(template.grounds, ensure_ascii=False),
        "remedy": template.remedy,
        "sort_order": template.sort_order,
        **changes,
    }
    return LetterTemplateForm(data=data, instance=template)


@pytest.mark.parametrize(
    "body",
    [
        "经审查,{申请人}申请的信息予以公开。",  # a Chinese name the office guessed
        "经审查,{applicant_name}申请的信息予以公开。",  # a model field, not a placeholder
        "获取方式:{}",  # an empty field
        "获取方式:{0}",  # a positional field
        "申请人:{applicant.__class__}",  # attribute access
        "答复期限:{due_on:%Y年%m月%d日}",  # a format spec on a text value
        "申请人:{applicant!r}",  # a conversion
        "获取方式:{provided_how",  # an unclosed brace
        "获取方式:provided_how}",  # a stray closing brace
    ],
)
def test_a_body_that_cannot_be_filled_is_refused(zhongshan, body):
    template = LetterTemplate.objects.get(code="disclosed")
    form = edit(template, body=body)
    assert not form.is_valid()
    assert "body" in form.errors
    template.refresh_from_db()
    assert template.body != body


def test_a_ground_that_cannot_be_filled_is_refused(zhongshan):
    template = LetterTemplate.objects.get(code="refused")
    grounds = template.grounds | {"refused.4": "涉及{第三方}的商业秘密。"}
    form = edit(template, grounds=json.dumps(grounds, ensure_ascii=False))
    assert not form.is_valid()
    assert "grounds" in form.errors


def test_an_edited_body_is_used_by_the_next_letter(received_case, tanzhou_handler):
    template = LetterTemplate.objects.get(code="disclosed")
    body = "经审查,您申请获取的政府信息予以公开。\n获取方式:{provided_how}\n联系人:坦洲镇党政办"
    form = edit(template, body=body)
    assert form.is_valid(), form.errors
    form.save()
    letter = services.info_request_reply(
        info_request=received_case,
        actor=tanzhou_handler,
        outcome="disclosed",
        issued_on=D(2026, 3, 20),
        provided_how="到坦洲镇政务服务中心现场领取",
    )
    assert "获取方式:到坦洲镇政务服务中心现场领取\n联系人:坦洲镇党政办" in letter.body
