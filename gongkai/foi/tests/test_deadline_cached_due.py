"""The cached `InfoRequest.due_on` after each service that moves the clock.

The workbench sorts on the stored column, so every service must leave it equal
to what `deadlines.due_on` computes from the case's facts.
"""

import datetime

import pytest
import time_machine

from gongkai.core.workdays import is_provisional
from gongkai.foi import deadlines, services
from gongkai.foi.models import Pause
from gongkai.foi.tests.case_state import accepted, consult, reload
from gongkai.foi.tests.conftest import register

D = datetime.date
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.mark.parametrize(
    ("channel", "received", "expected"),
    [
        # Sat 2025-01-25 in person, before the Spring Festival 2025 makeup Sunday.
        ("in_person", D(2025, 1, 25), D(2025, 2, 27)),
        # Signed-for post on Fri 2024-09-27, before National Day 2024.
        ("post_signed", D(2024, 9, 27), D(2024, 10, 30)),
        # E-mail on Fri 2026-04-03, before 清明 2026.
        ("email", D(2026, 4, 3), D(2026, 5, 7)),
    ],
)
def test_registration_stores_the_due_date(
    official_calendar, tanzhou_handler, channel, received, expected
):
    case = register(tanzhou_handler, received, channel=channel)
    assert reload(case).due_on == expected


def test_correction_stops_the_clock_and_the_corrected_application_restarts_it(
    official_calendar, tanzhou_handler
):
    case = register(tanzhou_handler, D(2025, 1, 20))
    # Mon 2025-01-20 → Fri 2025-02-21 across Spring Festival 2025.
    assert reload(case).due_on == D(2025, 2, 21)
    services.info_request_ask_correction(
        info_request=case,
        actor=tanzhou_handler,
        items="请写明所需资金发放名单的年份和村(社区)",
        asked_on=D(2025, 1, 24),
        period_workdays=10,
    )
    assert reload(case).due_on is None  # stopped while awaiting the 补正
    services.info_request_receive_correction(
        info_request=case, actor=tanzhou_handler, corrected_on=D(2025, 2, 7)
    )
    # 20 working days from Fri 2025-02-07 (makeup Sat 02-08 counts), not from 01-20.
    assert reload(case).due_on == D(2025, 3, 6)


def test_overlapping_consultations_are_counted_once(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    third_party = consult(case, tanzhou_handler, D(2026, 3, 5))
    co_producer = consult(case, tanzhou_handler, D(2026, 3, 10), kind=Pause.Kind.CO_PRODUCER)
    services.pause_end(
        pause=third_party, actor=tanzhou_handler, ended_on=D(2026, 3, 12), result="不同意公开"
    )
    # The co-producer is still open: only the closed (03-05, 03-12] counts so far.
    assert reload(case).due_on == D(2026, 4, 7)
    services.pause_end(
        pause=co_producer, actor=tanzhou_handler, ended_on=D(2026, 3, 17), result="同意公开"
    )
    # Union (03-05, 03-17] = 8 working days, not 5 + 5.
    assert reload(case).due_on == D(2026, 4, 10)
    assert reload(case).due_on == deadlines.due_on(reload(case))


def test_extension_moves_the_due_date_across_spring_festival(
    official_calendar, tanzhou_handler, tanzhou_approver
):
    case = register(tanzhou_handler, D(2026, 1, 26))
    # The 20th working day is the Spring Festival 2026 makeup Saturday 02-28.
    assert reload(case).due_on == D(2026, 2, 28)
    services.info_request_extend(
        info_request=case,
        actor=tanzhou_approver,
        workdays=10,
        reason="涉及多个村(社区)的档案需逐一调取",
        decided_on=D(2026, 2, 10),
    )
    assert reload(case).due_on == D(2026, 3, 13)


def test_a_due_date_in_2027_is_stored_and_marked_provisional(official_calendar, tanzhou_handler):
    with time_machine.travel(datetime.datetime(2026, 12, 11, 10, tzinfo=SHANGHAI), tick=False):
        case = register(tanzhou_handler, D(2026, 12, 10))
        case = reload(case)
        assert case.due_on == D(2027, 1, 7)
        assert is_provisional(deadlines.due_on(case))
        lines = deadlines.explain(case, D(2026, 12, 11))
    assert "暂定" in lines[-1].value


def test_extension_into_2027_is_provisional(official_calendar, tanzhou_handler, tanzhou_approver):
    with time_machine.travel(datetime.datetime(2026, 11, 27, 10, tzinfo=SHANGHAI), tick=False):
        case = register(tanzhou_handler, D(2026, 11, 20))
        services.info_request_extend(
            info_request=case,
            actor=tanzhou_approver,
            workdays=20,
            reason="需会同市住房城乡建设局核实",
            decided_on=D(2026, 11, 27),
        )
        case = reload(case)
    assert case.due_on == D(2027, 1, 15)
    assert is_provisional(deadlines.due_on(case))
