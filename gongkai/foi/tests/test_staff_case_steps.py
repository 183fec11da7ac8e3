"""An online application through every remaining step of the case page, as the days pass.

Confirm receipt, accept for a colleague, reassign, consult a co-producer and
end it, reply, post, record the signature, archive, then a 行政复议 and its
decision. Each form is offered only while its step is valid.
"""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from conftest import make_staff
from gongkai.foi import services
from gongkai.foi.models import Appeal, InfoRequest
from gongkai.foi.tests.conftest import zhang_wei
from gongkai.orgs.models import Membership

D = datetime.date


def _at(day: D) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def _post(client, case, step: str, data: dict) -> None:
    response = client.post(f"/staff/foi/{case.pk}/{step}/", data)
    problems = [
        (i["name"], i["form"].errors)
        for i in (response.context or {}).get("steps", [])
        if i["form"].errors
    ]
    assert response.status_code == 302, problems


def _offered(client, case) -> set[str]:
    return {item["name"] for item in client.get(f"/staff/foi/{case.pk}/").context["steps"]}


def test_an_online_application_goes_through_every_step(
    client, official_calendar, tanzhou_handler, tanzhou
):
    colleague = make_staff("zhao_min", "赵敏", "tanzhou", Membership.Role.REQUEST_HANDLER)
    with time_machine.travel(_at(D(2026, 3, 2)), tick=False) as clock:
        case, _code = services.info_request_submit(unit=tanzhou, data=zhang_wei())
        client.force_login(tanzhou_handler)
        assert _offered(client, case) == {"confirm", "transfer"}

        _post(client, case, "confirm", {"confirmed_on": "2026-03-02"})
        case.refresh_from_db()
        assert case.status == InfoRequest.Status.REGISTERED
        assert case.due_on == D(2026, 3, 30)
        assert "confirm" not in _offered(client, case)

        _post(client, case, "accept", {"handler": colleague.pk})
        case.refresh_from_db()
        assert case.handler == colleague
        _post(client, case, "assign", {"handler": tanzhou_handler.pk})
        assert _offered(client, case) == {"assign", "pause_start", "reply", "transfer"}

        clock.move_to(_at(D(2026, 3, 20)))
        client.force_login(tanzhou_handler)
        _post(client, case, "pause-start",
              {"kind": "co_producer", "party": "市民政局", "started_on": "2026-03-05"})  # fmt: skip
        pause = case.pauses.get()
        assert "pause_end" in _offered(client, case)
        _post(client, case, "pause-end",
              {"pause": pause.pk, "ended_on": "2026-03-12", "result": "同意公开"})  # fmt: skip
        case.refresh_from_db()
        assert case.due_on == D(2026, 4, 7)  # 5 working days of consultation added

        _post(client, case, "reply",
              {"outcome": "disclosed", "provided_how": "电子邮件发送", "issued_on": "2026-03-20"})  # fmt: skip
        assert _offered(client, case) == {"deliver", "appeal"}
        _post(client, case, "deliver", {"method": "post", "posted_on": "2026-03-20"})

        clock.move_to(_at(D(2026, 4, 10)))
        client.force_login(tanzhou_handler)
        _post(client, case, "signature", {"signed_on": "2026-03-25"})
        _post(client, case, "archive", {})
        assert _offered(client, case) == {"appeal"}
        _post(client, case, "appeal", {"kind": "review", "filed_on": "2026-04-01",
                                       "result": "pending"})  # fmt: skip
        assert _offered(client, case) == {"appeal", "appeal_decide"}
        _post(client, case, "appeal-decide", {"appeal": case.appeals.get().pk,
                                              "result": "upheld", "decided_on": "2026-04-10"})  # fmt: skip

    case = InfoRequest.objects.get(pk=case.pk)
    assert case.status == InfoRequest.Status.ARCHIVED
    assert case.handler == tanzhou_handler
    assert case.replied_on == D(2026, 3, 20)
    assert case.signed_on == D(2026, 3, 25)
    appeal = case.appeals.get()
    assert (appeal.result, appeal.decided_on) == (Appeal.Result.UPHELD, D(2026, 4, 10))
    kinds = [e.data.get("kind") or e.new_status for e in case.events.all()]
    assert kinds == [
        "received", "registered", "in_progress", "assigned", "pause.co_producer",
        "pause_end.co_producer", "replied", "delivered", "signed", "archived",
        "appeal.review", "appeal_decided.review",
    ]  # fmt: skip
