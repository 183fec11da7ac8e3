"""Every result row of table 3, reached through the staff pages from registration to delivery.

Each case is driven only by POSTs to the staff views, as a handler would: the
test proves that every outcome is reachable, issues exactly one reply letter on
the right template, and that the letter cites the rule it rests on.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.foi.models import InfoRequest, Outcome
from gongkai.foi.tests.conftest import ZHANG_WEI_ID

# The legal basis each reply must cite (DOMAIN.md §1.3; data/letter_templates.toml).
BASIS = {
    "disclosed": "第三十六条第(一)项",
    "partly_disclosed": "第三十七条",
    "refused.1": "第十四条",
    "refused.2": "第十四条",
    "refused.3": "第十四条",
    "refused.4": "第十五条",
    "refused.5": "第十六条第一款",
    "refused.6": "第十六条第二款",
    "refused.7": "第十六条第二款",
    "refused.8": "第三十六条第(七)项",
    "unavailable.1": "第三十六条第(四)项",
    "unavailable.2": "第三十八条",
    "unavailable.3": "第三十条",
    "not_processed.1": "第三十九条第一款",
    "not_processed.2": "第三十六条第(六)项",
    "not_processed.3": "第三十九条第二款",
    "not_processed.4": "第三十五条",
    "not_processed.5": "不属于《中华人民共和国政府信息公开条例》规定的政府信息公开申请",
    "other.1": "第三十条",
    "other.2": "国办函〔2020〕109号",
    "other.3": "本机关对您的申请作如下处理",
}

D = datetime.date


@pytest.fixture
def april_20():
    """Today is Monday 2026-04-20: every date below is in the past, whenever the suite runs."""
    moment = datetime.datetime(2026, 4, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


def _problems(response) -> list:
    steps = (response.context or {}).get("steps") or []
    return [(item["name"], item["form"].errors) for item in steps if item["form"].errors]


def _step(client, case, step, data):
    response = client.post(f"/staff/foi/{case.pk}/{step}/", data)
    assert response.status_code == 302, _problems(response)


def _register_by_post(client, unit) -> InfoRequest:
    response = client.post(
        "/staff/foi/new/",
        {
            "unit": unit.pk,
            "channel": "in_person",
            "received_on": "2026-03-02",
            "applicant_kind": "natural_person",
            "applicant_name": "张伟",
            "id_type": "resident_id",
            "id_number": ZHANG_WEI_ID,
            "phone": "13800138000",
            "email": "zhangwei@example.cn",
            "address": "中山市坦洲镇界狮南路38号",
            "postcode": "528467",
            "description": "坦洲镇2025年农村危房改造补助资金发放名单",
            "doc_number": "",
            "form_wanted": "electronic",
            "receive_by": "email",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return InfoRequest.objects.get()


def _reply_data(outcome: str, issued_on: str) -> dict:
    data = {"outcome": outcome, "issued_on": issued_on, "provided_how": "", "reason": ""}
    if Outcome.group_of(outcome) in ("disclosed", "partly_disclosed"):
        data["provided_how"] = "通过电子邮件发送至申请人邮箱"
    if outcome != "disclosed":
        data["reason"] = "经办人核实的具体情况"
    return data


@pytest.mark.parametrize("outcome", Outcome.values)
def test_every_outcome_is_reached_through_the_staff_pages(
    april_20, client, official_calendar, tanzhou_handler, tanzhou, outcome
):
    client.force_login(tanzhou_handler)
    case = _register_by_post(client, tanzhou)
    assert case.status == InfoRequest.Status.REGISTERED

    if outcome in ("other.1", "unavailable.3"):
        _step(client, case, "ask-correction",
              {"items": "请写明所需名单的村(社区)范围", "period_workdays": "15", "asked_on": "2026-03-04"})  # fmt: skip
    if outcome == "other.1":
        # The 15 working days from 3-04 end on 3-25; the reply comes after them.
        reply_on, posted_on = "2026-03-26", "2026-03-27"
    elif outcome == "other.2":
        _step(client, case, "accept", {"handler": ""})
        _step(client, case, "pause-start",
              {"kind": "fee", "amount_yuan": "100.00", "reason": "超出合理范围", "started_on": "2026-03-03"})  # fmt: skip
        # Unpaid 20 working days after 3-03, i.e. after 3-31.
        reply_on, posted_on = "2026-04-01", "2026-04-02"
    else:
        if outcome == "unavailable.3":
            _step(client, case, "receive-correction",
                  {"corrected_on": "2026-03-06", "description": "坦洲镇全镇危房改造补助名单"})  # fmt: skip
        _step(client, case, "accept", {"handler": ""})
        reply_on, posted_on = "2026-03-20", "2026-03-23"

    _step(client, case, "reply", _reply_data(outcome, reply_on))
    _step(client, case, "deliver", {"method": "post", "posted_on": posted_on})

    case.refresh_from_db()
    assert case.status == InfoRequest.Status.DELIVERED
    assert case.outcome == outcome
    assert case.replied_on == D.fromisoformat(posted_on)
    replies = [
        letter for letter in case.letters.select_related("template") if letter.template.outcomes
    ]
    assert len(replies) == 1
    reply = replies[0]
    assert reply.template.code == Outcome.group_of(outcome)
    assert outcome in reply.template.outcomes
    assert BASIS[outcome] in reply.body
    ground = reply.template.grounds.get(outcome, "")
    assert ground.format(correction_asked_on="2026年3月4日") in reply.body
    page = client.get(f"/staff/foi/{case.pk}/letters/{reply.pk}/")
    assert page.status_code == 200
    assert BASIS[outcome] in page.content.decode()
