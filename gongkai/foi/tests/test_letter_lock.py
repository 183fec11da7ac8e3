"""An issued letter is frozen: its number, title and text carry a hash, and a changed row shows."""

import datetime

import pytest

from gongkai.foi import letters, services
from gongkai.foi.models import Letter, LetterTemplate

D = datetime.date


@pytest.fixture
def letter(received_case, tanzhou_handler) -> Letter:
    return services.info_request_reply(
        info_request=received_case,
        actor=tanzhou_handler,
        outcome="refused.4",
        issued_on=D(2026, 3, 20),
        reason="名单含有村民身份证号码、银行账号等个人信息",
    )


def test_an_issued_letter_is_intact(letter):
    assert letters.letter_is_intact(Letter.objects.get(pk=letter.pk))


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("body", lambda body: body.replace("决定不予公开", "决定予以公开")),
        ("body", lambda body: body + "\n"),
        ("title", lambda title: title.replace("不予公开", "予以公开")),
        ("number", lambda number: number.replace("1号", "9号")),
    ],
)
def test_tampering_in_the_database_shows(letter, field, change):
    Letter.objects.filter(pk=letter.pk).update(**{field: change(getattr(letter, field))})
    assert not letters.letter_is_intact(Letter.objects.get(pk=letter.pk))


def test_editing_the_template_later_does_not_change_an_issued_letter(letter):
    body = letter.body
    template = LetterTemplate.objects.get(code="refused")
    template.grounds = template.grounds | {"refused.4": "涉及第三方合法权益。"}
    template.save()
    issued = Letter.objects.get(pk=letter.pk)
    assert issued.body == body
    assert letters.letter_is_intact(issued)
