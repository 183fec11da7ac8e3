"""送达 (国办公开办函〔2016〕235号): by post the posting day meets the deadline, by hand the signing day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import deadlines, services
from gongkai.foi.tests.case_state import reload, state

D = datetime.date


@pytest.fixture
def replied_case(received_case, tanzhou_handler):
    """张伟's case, answered 予以公开 on Fri 2026-03-27 (due Mon 03-30)."""
    services.info_request_reply(
        info_request=received_case,
        actor=tanzhou_handler,
        outcome="disclosed",
        issued_on=D(2026, 3, 27),
        provided_how="纸质复印件邮寄至申请人通信地址",
    )
    return reload(received_case)


def deliver(case, handler, method, **days):
    return services.info_request_deliver(info_request=case, actor=handler, method=method, **days)


def test_post_without_a_posting_date_is_refused(replied_case, tanzhou_handler):
    before = state(replied_case)
    with pytest.raises(ValidationError) as refused:
        deliver(replied_case, tanzhou_handler, "post", signed_on=D(2026, 3, 31))
    assert "posted_on" in refused.value.message_dict
    assert state(replied_case) == before


def test_the_posting_date_not_the_signing_date_counts(replied_case, tanzhou_handler):
    # Posted on the due date, signed for two days late: on time.
    deliver(replied_case, tanzhou_handler, "post", posted_on=D(2026, 3, 30))
    services.info_request_record_signature(
        info_request=replied_case, actor=tanzhou_handler, signed_on=D(2026, 4, 1)
    )
    case = reload(replied_case)
    assert (case.posted_on, case.signed_on) == (D(2026, 3, 30), D(2026, 4, 1))
    assert case.replied_on == D(2026, 3, 30)
    assert case.status == "delivered"
    assert deadlines.on_time(case) is True


def test_posting_after_the_due_date_is_late(replied_case, tanzhou_handler):
    deliver(replied_case, tanzhou_handler, "post", posted_on=D(2026, 3, 31))
    assert deadlines.on_time(reload(replied_case)) is False


def test_hand_delivery_counts_the_signing_date(replied_case, tanzhou_handler):
    deliver(replied_case, tanzhou_handler, "direct", signed_on=D(2026, 3, 31))
    case = reload(replied_case)
    assert case.replied_on == D(2026, 3, 31)
    assert deadlines.on_time(case) is False


@pytest.mark.parametrize(
    ("method", "days"),
    [
        ("direct", {}),  # no signing date
        ("email", {}),  # no sending date
        ("courier", {"posted_on": D(2026, 3, 27)}),  # not a permitted method
        ("post", {"posted_on": D(2026, 3, 26)}),  # before the letter was issued
        ("post", {"posted_on": D(2099, 3, 30)}),  # in the future
        ("post", {"posted_on": D(2026, 3, 30), "signed_on": D(2026, 3, 29)}),  # signed first
    ],
)
def test_a_delivery_that_cannot_be_true_is_refused(replied_case, tanzhou_handler, method, days):
    before = state(replied_case)
    with pytest.raises(ValidationError):
        deliver(replied_case, tanzhou_handler, method, **days)
    assert state(replied_case) == before


def test_delivery_before_a_reply_is_refused(received_case, tanzhou_handler):
    before = state(received_case)
    with pytest.raises(ValidationError):
        deliver(received_case, tanzhou_handler, "post", posted_on=D(2026, 3, 27))
    assert state(received_case) == before
