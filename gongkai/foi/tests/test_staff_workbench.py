"""The workbench: open cases by due date, urgency in words and colour, filters, and pages.

Today is frozen at Monday 2026-04-20 so each case's urgency is known.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.foi import deadlines, services
from gongkai.foi.models import Pause
from gongkai.foi.tests.conftest import law_firm, register, zhang_wei

D = datetime.date
TODAY = D(2026, 4, 20)


@pytest.fixture
def april_20():
    moment = datetime.datetime(2026, 4, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


def _received_for(due: D) -> D:
    """The receipt date whose 20-working-day deadline falls on `due`."""
    day = due - datetime.timedelta(days=40)
    while deadlines.compute_due_on(received_on=day) != due:
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def cases(april_20, official_calendar, tanzhou_handler):
    """One case of each urgency, registered out of order."""
    h = tanzhou_handler
    made = {
        "ok": register(h, TODAY, zhang_wei(description="ok")),
        "stopped": register(h, D(2026, 4, 14), zhang_wei(description="stopped")),
        "due_soon": register(h, _received_for(D(2026, 4, 23)), zhang_wei(description="soon")),
        "overdue": register(h, D(2026, 3, 2), zhang_wei(description="overdue")),
        "paused": register(h, D(2026, 4, 10), law_firm(description="paused")),
        "due_today": register(h, _received_for(TODAY), zhang_wei(description="today")),
    }
    services.info_request_ask_correction(
        info_request=made["stopped"],
        actor=h,
        items="请写明范围",
        asked_on=TODAY,
        period_workdays=10,
    )
    services.info_request_accept(info_request=made["paused"], actor=h)
    services.pause_start(
        info_request=made["paused"],
        actor=h,
        kind=Pause.Kind.THIRD_PARTY,
        party="某公司",
        started_on=D(2026, 4, 15),
    )
    return made


def _row_html(html: str, tracking_number: str) -> str:
    return next(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if tracking_number in row)


def test_open_cases_come_by_due_date_with_their_urgency_in_words(client, cases, tanzhou_handler):
    client.force_login(tanzhou_handler)

    response = client.get("/staff/foi/")

    order = [row.case.pk for row, _name, _label in response.context["rows"]]
    expected = ["overdue", "due_today", "due_soon", "paused", "ok", "stopped"]
    assert order == [cases[name].pk for name in expected]
    html = response.content.decode()
    labels = {
        "overdue": "逾期",
        "due_today": "今日到期",
        "due_soon": "即将到期",
        "paused": "计时暂停",
        "stopped": "待补正",
        "ok": "正常",
    }
    for name, label in labels.items():
        row = _row_html(html, cases[name].tracking_number)
        assert f'<span class="urgency urgency-{name}">{label}</span>' in row
    assert "2026-03-30" in _row_html(html, cases["overdue"].tracking_number)
    assert "单位" not in html.split("<thead>")[1].split("</thead>")[0]  # one unit: no column


def test_filters_status_handler_and_closed(client, cases, tanzhou_handler):
    client.force_login(tanzhou_handler)
    services.info_request_reply(
        info_request=cases["ok"], actor=tanzhou_handler, outcome="unavailable.1",
        issued_on=TODAY, reason="本机关未制作",
    )  # fmt: skip

    def shown(query: str) -> set[int]:
        return {row.case.pk for row, _n, _l in client.get(f"/staff/foi/{query}").context["rows"]}

    # Issued but not delivered: still open (the delivery date meets the deadline).
    assert cases["ok"].pk in shown("")
    assert shown("?status=replied") == {cases["ok"].pk}
    services.info_request_deliver(
        info_request=cases["ok"], actor=tanzhou_handler, method="email", sent_on=TODAY
    )
    assert cases["ok"].pk not in shown("")
    assert cases["ok"].pk in shown("?closed=1")
    assert shown("?status=awaiting_correction") == {cases["stopped"].pk}
    assert shown("?handler=me") == {cases["paused"].pk}
    assert shown("?status=nonsense") == shown("")


def test_the_office_sees_every_unit_and_filters_by_unit(
    client, cases, office_admin, xiaolan_handler, zhongshan
):
    from gongkai.orgs.models import Unit

    xiaolan = Unit.objects.get(code="xiaolan")
    theirs, _code = services.info_request_register(
        unit=xiaolan, actor=xiaolan_handler, data=zhang_wei(), channel="email", received_on=TODAY
    )
    client.force_login(office_admin)

    everything = client.get("/staff/foi/")
    only_xiaolan = client.get(f"/staff/foi/?unit={xiaolan.pk}")

    assert len(everything.context["rows"]) == 7
    assert '<th scope="col">单位</th>' in everything.content.decode()
    assert [row.case.pk for row, _n, _l in only_xiaolan.context["rows"]] == [theirs.pk]
    # A handler's unit filter is ignored: his list is his unit's anyway.
    client.force_login(xiaolan_handler)
    mine = client.get(f"/staff/foi/?unit={cases['ok'].unit_id}")
    assert [row.case.pk for row, _n, _l in mine.context["rows"]] == [theirs.pk]


def test_the_register_link_is_for_request_handlers(client, cases, tanzhou_handler, tanzhou_editor):
    client.force_login(tanzhou_handler)
    assert 'href="/staff/foi/new/"' in client.get("/staff/foi/").content.decode()
    client.force_login(tanzhou_editor)
    assert 'href="/staff/foi/new/"' not in client.get("/staff/foi/").content.decode()
