"""When the clock starts (《条例》第三十一条), and that a transfer does not restart it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gongkai.foi import services
from gongkai.foi.models import InfoRequest
from gongkai.foi.tests.case_state import reload, state
from gongkai.foi.tests.conftest import law_firm, register, zhang_wei
from gongkai.orgs.models import Unit

D = datetime.date
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def submitted_on(day: datetime.date, tanzhou):
    moment = datetime.datetime(day.year, day.month, day.day, 20, tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        case, _code = services.info_request_submit(unit=tanzhou, data=law_firm())
    return case


def test_an_online_application_has_no_receipt_date_until_confirmed(official_calendar, tanzhou):
    # Submitted online on Friday evening 2026-09-25 (中秋节, a holiday).
    case = reload(submitted_on(D(2026, 9, 25), tanzhou))
    assert case.channel == "online"
    assert case.status == "received"
    assert case.received_on is None
    assert case.due_on is None


def test_confirming_sets_the_receipt_date_and_starts_the_clock(
    official_calendar, tanzhou, tanzhou_handler
):
    case = submitted_on(D(2026, 9, 25), tanzhou)
    # Confirmed Mon 09-28: National Day 2026 (10-01–10-07) and the makeup
    # Saturday 10-10 fall inside the 20 working days counted from it.
    services.info_request_confirm(
        info_request=case, actor=tanzhou_handler, confirmed_on=D(2026, 9, 28)
    )
    case = reload(case)
    assert case.status == "registered"
    assert case.received_on == D(2026, 9, 28)
    assert case.due_on == D(2026, 10, 30)


@pytest.mark.parametrize(
    "confirmed_on",
    [
        D(2026, 9, 24),  # before the applicant submitted
        D(2099, 1, 4),  # in the future
    ],
)
def test_an_impossible_confirmation_date_is_refused(
    official_calendar, tanzhou, tanzhou_handler, confirmed_on
):
    case = submitted_on(D(2026, 9, 25), tanzhou)
    before = state(case)
    with pytest.raises(ValidationError):
        services.info_request_confirm(
            info_request=case, actor=tanzhou_handler, confirmed_on=confirmed_on
        )
    assert state(case) == before


def test_an_application_is_confirmed_once(official_calendar, tanzhou, tanzhou_handler):
    case = submitted_on(D(2026, 9, 25), tanzhou)
    services.info_request_confirm(
        info_request=case, actor=tanzhou_handler, confirmed_on=D(2026, 9, 28)
    )
    before = state(case)
    with pytest.raises(ValidationError):
        services.info_request_confirm(
            info_request=case, actor=tanzhou_handler, confirmed_on=D(2026, 9, 29)
        )
    assert state(case) == before


def test_registration_with_a_future_receipt_date_stores_nothing(official_calendar, tanzhou_handler):
    count = InfoRequest.objects.count()
    with pytest.raises(ValidationError, match="不能晚于今天"):
        register(tanzhou_handler, D(2099, 3, 2), data=zhang_wei())
    assert InfoRequest.objects.count() == count


def test_a_transfer_keeps_the_clock(received_case, tanzhou_handler):
    services.info_request_accept(info_request=received_case, actor=tanzhou_handler)
    xiaolan = Unit.objects.get(code="xiaolan")
    services.info_request_transfer(
        info_request=received_case,
        actor=tanzhou_handler,
        to_unit=xiaolan,
        note="所需名单由小榄镇制作和保存",
    )
    case = reload(received_case)
    assert case.unit == xiaolan
    assert case.handler is None
    assert case.received_on == D(2026, 3, 2)
    assert case.due_on == D(2026, 3, 30)
    event = case.events.get(data__kind="transferred")
    assert (event.data["from"], event.data["to"], event.public) == ("坦洲镇", "小榄镇", True)


def test_a_transfer_to_the_same_unit_is_refused(received_case, tanzhou_handler, tanzhou):
    before = state(received_case)
    with pytest.raises(ValidationError):
        services.info_request_transfer(
            info_request=received_case, actor=tanzhou_handler, to_unit=tanzhou, note="误转"
        )
    assert state(received_case) == before


def test_unsigned_post_waits_for_the_applicant_to_be_reached(official_calendar, tanzhou_handler):
    """国办公开办函〔2015〕207号: no answer on the phone, the clock starts when contact is made."""
    with time_machine.travel(datetime.datetime(2026, 9, 25, 10, tzinfo=SHANGHAI), tick=False):
        case = register(tanzhou_handler, None, channel="post_unsigned")
    case = reload(case)
    assert (case.status, case.received_on, case.due_on) == ("received", None, None)
    with time_machine.travel(datetime.datetime(2026, 9, 28, 10, tzinfo=SHANGHAI), tick=False):
        services.info_request_confirm(
            info_request=case, actor=tanzhou_handler, confirmed_on=D(2026, 9, 28)
        )
    case = reload(case)
    assert (case.status, case.received_on, case.due_on) == (
        "registered",
        D(2026, 9, 28),
        D(2026, 10, 30),
    )


@pytest.mark.parametrize("channel", ["in_person", "post_signed", "email"])
def test_a_channel_with_a_known_receipt_date_needs_it(official_calendar, tanzhou_handler, channel):
    count = InfoRequest.objects.count()
    with pytest.raises(ValidationError) as refused:
        register(tanzhou_handler, None, channel=channel)
    assert "received_on" in refused.value.message_dict
    assert InfoRequest.objects.count() == count
