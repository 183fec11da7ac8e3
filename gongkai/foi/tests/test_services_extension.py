"""延期 (《条例》第三十三条第二款): at most 20 working days in all, decided before the due date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import services
from gongkai.foi.tests.case_state import accepted, consult, reload, state

D = datetime.date


DECIDED_ON = D(2026, 3, 20)


def extend(case, approver, workdays, decided_on=DECIDED_ON):
    return services.info_request_extend(
        info_request=case,
        actor=approver,
        workdays=workdays,
        reason="涉及多个村(社区)的档案需逐一调取",
        decided_on=decided_on,
    )


def test_two_extensions_may_add_up_to_20(received_case, tanzhou_approver):
    extend(received_case, tanzhou_approver, 15)
    extend(received_case, tanzhou_approver, 5)
    case = reload(received_case)
    assert case.extension_workdays == 20
    # Mon 2026-03-02 + 40 working days, 清明 (04-06) skipped.
    assert case.due_on == D(2026, 4, 28)
    assert [e.data["workdays"] for e in case.events.filter(data__kind="extended")] == [15, 5]


@pytest.mark.parametrize(("first", "second"), [(15, 6), (20, 1)])
def test_more_than_20_in_all_is_refused(received_case, tanzhou_approver, first, second):
    extend(received_case, tanzhou_approver, first)
    before = state(received_case)
    with pytest.raises(ValidationError, match="最长不得超过20个工作日"):
        extend(received_case, tanzhou_approver, second)
    assert state(received_case) == before


@pytest.mark.parametrize("workdays", [0, -3, 21])
def test_a_single_extension_outside_1_to_20_is_refused(received_case, tanzhou_approver, workdays):
    before = state(received_case)
    with pytest.raises(ValidationError):
        extend(received_case, tanzhou_approver, workdays)
    assert state(received_case) == before


def test_extension_on_the_due_date_is_allowed(received_case, tanzhou_approver):
    extend(received_case, tanzhou_approver, 5, decided_on=D(2026, 3, 30))
    assert reload(received_case).due_on == D(2026, 4, 7)


def test_extension_after_the_due_date_is_refused(received_case, tanzhou_approver):
    assert received_case.due_on == D(2026, 3, 30)
    before = state(received_case)
    with pytest.raises(ValidationError, match="答复期限已过"):
        extend(received_case, tanzhou_approver, 5, decided_on=D(2026, 3, 31))
    assert state(received_case) == before


def test_extension_dated_in_the_future_is_refused(received_case, tanzhou_approver):
    before = state(received_case)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        extend(received_case, tanzhou_approver, 5, decided_on=D(2099, 1, 5))
    assert state(received_case) == before


def test_extension_while_awaiting_correction_is_refused(
    received_case, tanzhou_handler, tanzhou_approver
):
    services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明年份",
        asked_on=D(2026, 3, 4),
        period_workdays=10,
    )
    before = state(received_case)
    with pytest.raises(ValidationError):
        extend(received_case, tanzhou_approver, 5, decided_on=D(2026, 3, 5))
    assert state(received_case) == before


def test_extension_during_a_consultation_past_the_nominal_date_is_allowed(
    received_case, tanzhou_handler, tanzhou_approver
):
    """The consultation's days do not count (第三十三条第三款), so the deadline has not passed.

    Due Mon 03-30 without the consultation; the third party was asked on 03-20
    and has not answered by Thu 04-02, when the extension is decided.
    """
    case = accepted(received_case, tanzhou_handler)
    pause = consult(case, tanzhou_handler, D(2026, 3, 20))
    extend(case, tanzhou_approver, 10, decided_on=D(2026, 4, 2))
    services.pause_end(pause=pause, actor=tanzhou_handler, ended_on=D(2026, 4, 3), result="同意")
    # 20 + 10 + (03-20, 04-03] = 10 working days: Mon 2026-03-02 + 40, 清明 skipped.
    assert reload(case).due_on == D(2026, 4, 28)
