"""Steps that must refuse and change nothing: the wrong 经办人, a transfer with the clock
paused, another case's appeal, a date before the application, a 文号 already used.

- 何嘉慧 (坦洲镇's handler) cannot make 吴志明 (小榄镇) or 陈晓文 (an editor) 经办人.
- A case waiting for a third party's opinion stays where the letter came from.
- A transfer goes only to a unit that takes applications.
- An appeal of another case cannot be decided through this one, nor decided twice.
- A reply or an extension cannot predate the application, and a reply cannot
  predate a notice already sent.
- Two units whose 文号 prefixes coincide get a message, not a server error.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import services
from gongkai.foi.models import Appeal, LetterCounter
from gongkai.foi.tests.case_state import accepted, consult, reload, state
from gongkai.foi.tests.conftest import law_firm, register
from gongkai.orgs.models import Unit

D = datetime.date
REPLY_DAY = D(2026, 3, 20)


def _post(client, case, step: str, data: dict):
    return client.post(f"/staff/foi/{case.pk}/{step.replace('_', '-')}/", data)


def _replied(case, handler, issued_on=REPLY_DAY):
    services.info_request_reply(
        info_request=case,
        actor=handler,
        outcome="unavailable.1",
        issued_on=issued_on,
        reason="本机关未制作该信息",
    )
    return reload(case)


# ------------------------------------------------------------------ 经办人


def test_another_units_handler_cannot_be_made_handler_through_the_page(
    client, received_case, tanzhou_handler, xiaolan_handler
):
    client.force_login(tanzhou_handler)
    before = state(received_case)

    response = _post(client, received_case, "accept", {"handler": xiaolan_handler.pk})

    assert response.status_code == 400
    assert state(received_case) == before


@pytest.mark.parametrize("persona", ["xiaolan_handler", "tanzhou_editor"])
def test_only_the_units_request_handlers_can_be_handler(
    request, received_case, tanzhou_handler, persona
):
    case = accepted(received_case, tanzhou_handler)
    someone_else = request.getfixturevalue(persona)
    before = state(case)

    with pytest.raises(ValidationError, match="经办人须为本单位的依申请公开经办人"):
        services.info_request_assign(info_request=case, actor=tanzhou_handler, handler=someone_else)

    assert state(case) == before


# ------------------------------------------------------------------ transfer


def test_a_case_waiting_for_a_third_party_is_not_transferred(
    client, received_case, tanzhou_handler
):
    case = accepted(received_case, tanzhou_handler)
    consult(case, tanzhou_handler, D(2026, 3, 5))
    client.force_login(tanzhou_handler)
    before = state(case)

    response = _post(
        client,
        case,
        "transfer",
        {"to_unit": Unit.objects.get(code="civil-affairs").pk, "note": "信息由该单位掌握"},
    )

    assert response.status_code == 400
    assert "请先登记结果再转办" in response.content.decode()
    assert state(case) == before


def test_a_case_goes_only_to_a_unit_that_takes_applications(client, received_case, tanzhou_handler):
    client.force_login(tanzhou_handler)
    before = state(received_case)

    response = _post(
        client,
        received_case,
        "transfer",
        {"to_unit": Unit.objects.get(code="power-supply").pk, "note": "供电信息"},
    )

    assert response.status_code == 400
    assert state(received_case) == before


# ------------------------------------------------------------------ appeals


@pytest.fixture
def two_appeals(received_case, tanzhou_handler, tanzhou_approver):
    """张伟's case and the law firm's, both replied, each under 行政复议."""
    other = register(tanzhou_handler, D(2026, 3, 2), law_firm(description="另一件申请"))
    appeals = []
    for case in (received_case, other):
        case = _replied(accepted(case, tanzhou_handler), tanzhou_handler)
        appeals.append(
            services.appeal_record(
                info_request=case,
                actor=tanzhou_approver,
                kind=Appeal.Kind.REVIEW,
                filed_on=D(2026, 4, 1),
                result=Appeal.Result.PENDING,
            )
        )
    return appeals


def test_an_appeal_of_another_case_cannot_be_decided_through_this_one(
    client, two_appeals, tanzhou_approver
):
    mine, theirs = two_appeals
    client.force_login(tanzhou_approver)
    before = list(Appeal.objects.values_list("pk", "result", "decided_on"))

    response = _post(
        client,
        mine.info_request,
        "appeal_decide",
        {"appeal": theirs.pk, "result": "corrected", "decided_on": "2026-05-01"},
    )

    assert response.status_code == 400
    assert list(Appeal.objects.values_list("pk", "result", "decided_on")) == before


def test_an_appeal_is_decided_once(two_appeals, tanzhou_approver):
    appeal = two_appeals[0]
    services.appeal_decide(
        appeal=appeal, actor=tanzhou_approver, result="upheld", decided_on=D(2026, 5, 1)
    )
    before = state(appeal.info_request)

    with pytest.raises(ValidationError, match="已登记审结结果"):
        services.appeal_decide(
            appeal=appeal, actor=tanzhou_approver, result="corrected", decided_on=D(2026, 5, 2)
        )

    assert state(appeal.info_request) == before


# ------------------------------------------------------------------ dates


def test_a_reply_cannot_predate_the_application(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    before = state(case)

    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        _replied(case, tanzhou_handler, issued_on=D(2026, 2, 27))

    assert state(case) == before


def test_a_reply_cannot_predate_the_extension_notice(
    received_case, tanzhou_handler, tanzhou_approver
):
    case = accepted(received_case, tanzhou_handler)
    notice = services.info_request_extend(
        info_request=case,
        actor=tanzhou_approver,
        workdays=10,
        reason="需要调取档案",
        decided_on=D(2026, 3, 20),
    )
    before = state(case)

    with pytest.raises(ValidationError, match=notice.number):
        _replied(case, tanzhou_handler, issued_on=D(2026, 3, 19))

    assert state(case) == before
    assert _replied(case, tanzhou_handler, issued_on=D(2026, 3, 20)).status == "replied"


def test_an_extension_cannot_predate_the_application(received_case, tanzhou_approver):
    before = state(received_case)

    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        services.info_request_extend(
            info_request=received_case,
            actor=tanzhou_approver,
            workdays=10,
            reason="需要调取档案",
            decided_on=D(2026, 2, 27),
        )

    assert state(received_case) == before


# ------------------------------------------------------------------ 文号


def test_a_letter_number_already_used_is_a_message_not_a_server_error(
    client, received_case, tanzhou_handler, xiaolan_handler
):
    services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明范围",
        asked_on=D(2026, 3, 4),
        period_workdays=15,
    )  # 坦洲公复〔2026〕1号
    xiaolan = Unit.objects.get(code="xiaolan")
    # The office gave 小榄镇 the same prefix in the admin.
    LetterCounter.objects.create(unit=xiaolan, year=2026, prefix="坦洲")
    case, _code = services.info_request_register(
        unit=xiaolan,
        actor=xiaolan_handler,
        data=law_firm(),
        channel="in_person",
        received_on=D(2026, 3, 2),
    )
    client.force_login(xiaolan_handler)
    before = state(case)

    response = _post(
        client,
        case,
        "ask_correction",
        {"items": "请写明范围", "period_workdays": "15", "asked_on": "2026-03-04"},
    )

    assert response.status_code == 400
    assert "文号“坦洲公复〔2026〕1号”已被使用" in response.content.decode()
    assert state(case) == before


def test_the_office_cannot_delete_a_letter_counter(client, received_case, office_admin):
    counter = LetterCounter.objects.create(
        unit=received_case.unit, year=2026, prefix="坦洲", last=3
    )
    client.force_login(office_admin)

    response = client.post(f"/admin/foi/lettercounter/{counter.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert LetterCounter.objects.filter(pk=counter.pk, last=3).exists()
