"""答复: refused while a consultation is open; 逾期未缴费 only with an unpaid fee notice past 20 days.

国办函〔2020〕109号: the time from a fee notice to payment does not count, and an
applicant who does not pay within 20 working days has abandoned the application.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import deadlines, services
from gongkai.foi.models import Pause
from gongkai.foi.tests.case_state import accepted, consult, reload, state

D = datetime.date


def reply(case, handler, outcome, issued_on, **texts):
    texts.setdefault("reason", "申请人逾期未缴纳信息处理费")
    return services.info_request_reply(
        info_request=case, actor=handler, outcome=outcome, issued_on=issued_on, **texts
    )


NOTICE_DAY = D(2026, 3, 5)


def fee_notice(case, handler, started_on=NOTICE_DAY) -> Pause:
    return services.pause_start(
        info_request=case,
        actor=handler,
        kind=Pause.Kind.FEE,
        started_on=started_on,
        amount_yuan=Decimal("300.00"),
        reason="本月第41件申请,按件计收",
    )


def test_reply_is_refused_while_a_consultation_is_open(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    pause = consult(case, tanzhou_handler, D(2026, 3, 5))
    before = state(case)
    with pytest.raises(ValidationError, match="征求意见尚未结束"):
        reply(case, tanzhou_handler, "refused.4", D(2026, 3, 10), reason="涉及个人隐私")
    assert state(case) == before
    services.pause_end(pause=pause, actor=tanzhou_handler, ended_on=D(2026, 3, 12), result="不同意")
    reply(case, tanzhou_handler, "refused.4", D(2026, 3, 13), reason="涉及个人隐私")
    assert reload(case).status == "replied"


def test_unpaid_fee_needs_a_fee_notice(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    before = state(case)
    with pytest.raises(ValidationError, match="没有未缴费的收费通知"):
        reply(case, tanzhou_handler, "other.2", D(2026, 5, 6))
    assert state(case) == before


def test_unpaid_fee_only_after_20_working_days(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    fee_notice(case, tanzhou_handler)
    # Notice Thu 03-05: the applicant may pay until Thu 04-02 (20 working days).
    before = state(case)
    with pytest.raises(ValidationError, match="缴费期限\\(2026-04-02\\)尚未届满"):
        reply(case, tanzhou_handler, "other.2", D(2026, 4, 2))
    assert state(case) == before
    reply(case, tanzhou_handler, "other.2", D(2026, 4, 3))
    case = reload(case)
    assert case.outcome == "other.2"
    fee = case.pauses.get()
    assert (fee.ended_on, fee.result) == (D(2026, 4, 3), "逾期未缴费")


def test_a_paid_fee_is_no_ground_for_unpaid(received_case, tanzhou_handler):
    case = accepted(received_case, tanzhou_handler)
    fee = fee_notice(case, tanzhou_handler)
    services.pause_end(pause=fee, actor=tanzhou_handler, ended_on=D(2026, 3, 10), result="已缴费")
    before = state(case)
    with pytest.raises(ValidationError, match="没有未缴费的收费通知"):
        reply(case, tanzhou_handler, "other.2", D(2026, 4, 10))
    assert state(case) == before


def test_the_fee_wait_does_not_count_against_a_reply_ending_the_case(
    received_case, tanzhou_handler
):
    """The reply that closes an unpaid fee notice must not make the case look late.

    Due Mon 03-30 without the fee; the notice went out 03-05 and the case ended
    (unpaid) on Fri 04-03: the 21 working days of waiting are not counted.
    """
    case = accepted(received_case, tanzhou_handler)
    fee_notice(case, tanzhou_handler)
    reply(case, tanzhou_handler, "other.2", D(2026, 4, 3))
    services.info_request_deliver(
        info_request=case, actor=tanzhou_handler, method="post", posted_on=D(2026, 4, 3)
    )
    case = reload(case)
    assert case.due_on == deadlines.due_on(case) == D(2026, 4, 29)
    assert deadlines.on_time(case) is True


@pytest.mark.parametrize(
    ("outcome", "texts", "field"),
    [
        ("disclosed", {"provided_how": ""}, "provided_how"),
        ("refused.4", {"reason": "  "}, "reason"),
        ("refused.4", {"reason": "<script>alert(1)</script>"}, "reason"),
        ("no_such_outcome", {}, "outcome"),
    ],
)
def test_a_reply_missing_its_text_is_refused(received_case, tanzhou_handler, outcome, texts, field):
    before = state(received_case)
    with pytest.raises(ValidationError) as refused:
        reply(received_case, tanzhou_handler, outcome, D(2026, 3, 10), **texts)
    assert field in refused.value.message_dict
    assert state(received_case) == before


def test_a_reply_dated_in_the_future_is_refused(received_case, tanzhou_handler):
    before = state(received_case)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        reply(received_case, tanzhou_handler, "disclosed", D(2099, 1, 1), provided_how="邮寄")
    assert state(received_case) == before
