"""补正 (《条例》第三十条): one notice, within 7 working days; what may end a corrected case.

Every refusal leaves the case, its events, letters and the letter counter as they were.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import services
from gongkai.foi.tests.case_state import reload, state

D = datetime.date


def ask(case, handler, asked_on, period=10):
    return services.info_request_ask_correction(
        info_request=case,
        actor=handler,
        items="请写明所需发放名单的年份和村(社区)",
        asked_on=asked_on,
        period_workdays=period,
    )


def reply(case, handler, outcome, issued_on):
    return services.info_request_reply(
        info_request=case,
        actor=handler,
        outcome=outcome,
        issued_on=issued_on,
        reason="申请人未在补正期限内补正",
    )


def test_the_notice_may_go_out_on_the_7th_working_day(received_case, tanzhou_handler):
    # Received Mon 2026-03-02: the 7th working day after it is Wed 03-11.
    ask(received_case, tanzhou_handler, D(2026, 3, 11))
    case = reload(received_case)
    assert case.status == "awaiting_correction"
    assert case.correction_asked_on == D(2026, 3, 11)
    assert case.letters.get().template.code == "correction"


def test_a_notice_after_7_working_days_is_refused(received_case, tanzhou_handler):
    before = state(received_case)
    with pytest.raises(ValidationError, match="7个工作日内"):
        ask(received_case, tanzhou_handler, D(2026, 3, 12))
    assert state(received_case) == before


def test_correction_is_asked_only_once(received_case, tanzhou_handler):
    ask(received_case, tanzhou_handler, D(2026, 3, 4))
    services.info_request_receive_correction(
        info_request=received_case, actor=tanzhou_handler, corrected_on=D(2026, 3, 6)
    )
    assert reload(received_case).status == "registered"
    before = state(received_case)
    with pytest.raises(ValidationError, match="一次性告知"):
        ask(received_case, tanzhou_handler, D(2026, 3, 9))
    assert state(received_case) == before


@pytest.mark.parametrize(
    "asked_on",
    [
        D(2026, 3, 1),  # before receipt
        D(2099, 3, 3),  # in the future
    ],
)
def test_a_notice_dated_outside_the_case_is_refused(received_case, tanzhou_handler, asked_on):
    before = state(received_case)
    with pytest.raises(ValidationError):
        ask(received_case, tanzhou_handler, asked_on)
    assert state(received_case) == before


def test_a_correction_received_before_the_notice_is_refused(received_case, tanzhou_handler):
    ask(received_case, tanzhou_handler, D(2026, 3, 4))
    before = state(received_case)
    with pytest.raises(ValidationError):
        services.info_request_receive_correction(
            info_request=received_case, actor=tanzhou_handler, corrected_on=D(2026, 3, 3)
        )
    assert state(received_case) == before


def test_not_correcting_in_time_ends_the_case_only_after_the_period(received_case, tanzhou_handler):
    # Asked Wed 03-04 with 10 working days: the applicant may correct until Wed 03-18.
    ask(received_case, tanzhou_handler, D(2026, 3, 4))
    assert reload(received_case).correction_due_on == D(2026, 3, 18)
    before = state(received_case)
    with pytest.raises(ValidationError, match="尚未届满"):
        reply(received_case, tanzhou_handler, "other.1", D(2026, 3, 18))
    assert state(received_case) == before
    reply(received_case, tanzhou_handler, "other.1", D(2026, 3, 19))
    case = reload(received_case)
    assert case.status == "replied"
    assert case.outcome == "other.1"


def test_not_correcting_is_no_outcome_for_a_case_never_asked(received_case, tanzhou_handler):
    before = state(received_case)
    with pytest.raises(ValidationError, match="待补正"):
        reply(received_case, tanzhou_handler, "other.1", D(2026, 6, 1))
    assert state(received_case) == before


def test_an_awaiting_case_cannot_get_another_outcome(received_case, tanzhou_handler):
    ask(received_case, tanzhou_handler, D(2026, 3, 4))
    before = state(received_case)
    with pytest.raises(ValidationError, match="收到补正后再答复"):
        reply(received_case, tanzhou_handler, "unavailable.1", D(2026, 3, 10))
    assert state(received_case) == before


def test_still_unclear_after_correction_needs_a_received_correction(received_case, tanzhou_handler):
    before = state(received_case)
    with pytest.raises(ValidationError, match="已补正"):
        reply(received_case, tanzhou_handler, "unavailable.3", D(2026, 3, 10))
    assert state(received_case) == before

    ask(received_case, tanzhou_handler, D(2026, 3, 4))
    services.info_request_receive_correction(
        info_request=received_case, actor=tanzhou_handler, corrected_on=D(2026, 3, 9)
    )
    reply(received_case, tanzhou_handler, "unavailable.3", D(2026, 3, 20))
    assert reload(received_case).outcome == "unavailable.3"
