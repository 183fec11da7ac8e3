"""The 补正 notice deadline, the derived urgency of a case, and the "why this date" lines."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from gongkai.foi import deadlines, services
from gongkai.foi.tests.case_state import accepted, consult, reload
from gongkai.foi.tests.conftest import register, zhang_wei

D = datetime.date
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.mark.parametrize(
    ("received", "last_day"),
    [
        # Spring Festival 2025: makeup Sun 01-26 counts, 01-28–02-04 do not.
        (D(2025, 1, 20), D(2025, 2, 5)),
        # National Day 2024: the 7th working day is the makeup Saturday 10-12.
        (D(2024, 9, 27), D(2024, 10, 12)),
        # Labour Day 2026 (05-01–05-05, makeup Sat 05-09).
        (D(2026, 4, 30), D(2026, 5, 13)),
        # Received on the Spring Festival 2026 makeup Saturday 02-14 (not counted itself).
        (D(2026, 2, 14), D(2026, 3, 3)),
        # National Day 2026 (10-01–10-07, makeup Sat 10-10).
        (D(2026, 9, 30), D(2026, 10, 15)),
    ],
)
def test_correction_notice_is_due_within_7_working_days(official_calendar, received, last_day):
    assert deadlines.correction_notice_due(received) == last_day


def _today(day: datetime.date):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI), tick=False
    )


@pytest.mark.parametrize(
    ("today", "expected", "left"),
    [
        (D(2026, 3, 31), "overdue", -1),
        (D(2026, 3, 30), "due_today", 0),
        # Mon 03-23: 03-24…03-27 and 03-30 are 5 working days.
        (D(2026, 3, 23), "due_soon", 5),
        # Fri 03-20 and the weekend after it: 6 working days left.
        (D(2026, 3, 20), "ok", 6),
        (D(2026, 3, 22), "ok", 6),
    ],
)
def test_urgency_of_a_running_case(received_case, today, expected, left):
    assert received_case.due_on == D(2026, 3, 30)
    with _today(today):
        case = reload(received_case)
        assert deadlines.urgency(case, timezone.localdate()) == expected
        assert deadlines.workdays_left(case, timezone.localdate()) == left


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Due Tue 2026-04-07, after 清明 (04-04–04-06): on Tue 03-31 only 4 working
        # days are left (04-01, 04-02, 04-03, 04-07), though 7 calendar days remain.
        (D(2026, 3, 31), "due_soon"),
        # Fri 03-27: 6 working days left.
        (D(2026, 3, 27), "ok"),
    ],
)
def test_due_soon_counts_working_days_across_qingming(
    official_calendar, tanzhou_handler, today, expected
):
    case = register(tanzhou_handler, D(2026, 3, 9))
    assert reload(case).due_on == D(2026, 4, 7)
    with _today(today):
        assert deadlines.urgency(reload(case), timezone.localdate()) == expected


def test_an_open_consultation_shows_paused_even_past_the_date(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    consult(case, tanzhou_handler, D(2026, 3, 25))
    with _today(D(2026, 4, 15)):
        assert deadlines.urgency(reload(case), timezone.localdate()) == "paused"


def test_awaiting_correction_shows_stopped(received_case, tanzhou_handler):
    services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明所需名单的年份",
        asked_on=D(2026, 3, 4),
        period_workdays=10,
    )
    with _today(D(2026, 6, 1)):
        case = reload(received_case)
        assert deadlines.urgency(case, timezone.localdate()) == "stopped"
        assert deadlines.workdays_left(case, timezone.localdate()) is None


def test_a_reply_counts_once_delivered(received_case, tanzhou_handler):
    """The delivery date meets the deadline (国办公开办函〔2016〕235号): an issued but
    undelivered reply still runs against the due date; a delivered one is closed."""
    services.info_request_reply(
        info_request=received_case,
        actor=tanzhou_handler,
        outcome="disclosed",
        issued_on=D(2026, 3, 10),
        provided_how="电子邮件发送至申请人邮箱",
    )
    with _today(D(2026, 4, 15)):
        assert deadlines.urgency(reload(received_case), timezone.localdate()) == "overdue"
    services.info_request_deliver(
        info_request=received_case, actor=tanzhou_handler, method="email", sent_on=D(2026, 3, 11)
    )
    with _today(D(2026, 4, 15)):
        assert deadlines.urgency(reload(received_case), timezone.localdate()) == "closed"


def test_explain_cites_the_article_of_every_clock_event(
    received_case, tanzhou_handler, tanzhou_approver
):
    case = received_case
    services.info_request_ask_correction(
        info_request=case,
        actor=tanzhou_handler,
        items="请写明所需名单的年份",
        asked_on=D(2026, 3, 4),
        period_workdays=10,
    )
    services.info_request_receive_correction(
        info_request=case, actor=tanzhou_handler, corrected_on=D(2026, 3, 9)
    )
    case = accepted(case, tanzhou_handler)
    pause = consult(case, tanzhou_handler, D(2026, 3, 11))
    services.pause_end(pause=pause, actor=tanzhou_handler, ended_on=D(2026, 3, 18), result="同意")
    services.info_request_extend(
        info_request=case, actor=tanzhou_approver, workdays=5, reason="需调取档案",
        decided_on=D(2026, 3, 20),
    )  # fmt: skip
    lines = deadlines.explain(reload(case), D(2026, 3, 20))
    basis = {line.label: line.basis for line in lines}
    assert basis["收到申请日期"] == "《条例》第三十一条"
    assert basis["补正告知"] == "《条例》第三十条"
    assert basis["收到补正后的申请"] == "《条例》第三十条"
    assert basis["法定答复期限"] == "《条例》第三十三条第二款"
    assert basis["经批准延期"] == "《条例》第三十三条第二款"
    assert basis["征求第三方意见"] == "《条例》第三十三条第三款"
    values = {line.label: line.value for line in lines}
    assert "2026-03-09" in values["收到补正后的申请"]
    assert "5个工作日不计入" in values["征求第三方意见"]
    # 2026-03-09 + 20 + 5 paused + 5 extension, across 清明 2026.
    assert values["答复截止日期"] == "2026-04-21"


def test_explain_before_an_online_application_is_confirmed(official_calendar, tanzhou):
    case, _code = services.info_request_submit(unit=tanzhou, data=zhang_wei())
    lines = deadlines.explain(case, D(2026, 11, 27))
    assert len(lines) == 1
    assert lines[0].basis == "《条例》第三十一条"
    assert "双方确认之日" in lines[0].value
