"""The case page: the clock with its legal basis, the timeline, hints, and a failed step's message."""

import datetime

from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.models import InfoRequest, Pause, RequestEvent
from gongkai.foi.tests.conftest import law_firm, register, zhang_wei
from gongkai.orgs.models import Unit

D = datetime.date


def _page(client, case) -> str:
    response = client.get(f"/staff/foi/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_clock_explains_each_date_with_its_article(
    client, received_case, tanzhou_handler, tanzhou_approver
):
    case = received_case
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    pause = services.pause_start(
        info_request=case, actor=tanzhou_handler, kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某建筑公司", started_on=D(2026, 3, 5),
    )  # fmt: skip
    services.pause_end(pause=pause, actor=tanzhou_handler, ended_on=D(2026, 3, 12), result="不同意")
    services.info_request_extend(
        info_request=case, actor=tanzhou_approver, workdays=10, reason="需要调取档案",
        decided_on=D(2026, 3, 20),
    )  # fmt: skip
    client.force_login(tanzhou_handler)

    html = _page(client, case)

    for basis in ("《条例》第三十一条", "《条例》第三十三条第二款", "《条例》第三十三条第三款"):
        assert basis in html
    assert "2026-03-05 至 2026-03-12,5个工作日不计入" in html
    assert "10个工作日" in html
    assert "2026-04-21" in html  # the due date after both (see test_case_loop)
    # The timeline names who did what.
    assert "何嘉慧:办理中" in html
    assert "梁志强:延期答复(需要调取档案)" in html
    assert "征求第三方意见" in html


def test_a_preview_shows_the_letter_and_issues_nothing(client, received_case, tanzhou_handler):
    case = received_case
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    client.force_login(tanzhou_handler)
    events = RequestEvent.objects.count()

    response = client.post(
        f"/staff/foi/{case.pk}/reply/",
        {"outcome": "refused.6", "reason": "属于内部讨论记录", "issued_on": "2026-03-20",
         "preview": "1"},
    )  # fmt: skip

    assert response.status_code == 200
    html = response.content.decode()
    assert "以下为预览,尚未出具" in html
    assert "政府信息公开申请答复书(不予公开)" in html
    assert "第十六条第二款" in html
    assert "属于内部讨论记录" in html
    assert "应当先申请行政复议" in html
    case.refresh_from_db()
    assert case.status == InfoRequest.Status.IN_PROGRESS
    assert case.outcome == ""
    assert not case.letters.exists()
    assert RequestEvent.objects.count() == events


def test_a_step_the_service_refuses_shows_why_on_its_form_and_changes_nothing(
    client, received_case, tanzhou_handler
):
    case = received_case
    client.force_login(tanzhou_handler)

    late = client.post(
        f"/staff/foi/{case.pk}/ask-correction/",
        {"items": "请写明范围", "period_workdays": "15", "asked_on": "2026-03-20"},
    )
    too_long = client.post(
        f"/staff/foi/{case.pk}/ask-correction/",
        {"items": "请写明范围", "period_workdays": "30", "asked_on": "2026-03-04"},
    )
    wrong_time = client.post(
        f"/staff/foi/{case.pk}/confirm/", {"confirmed_on": timezone.localdate().isoformat()}
    )
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    no_how = client.post(
        f"/staff/foi/{case.pk}/reply/", {"outcome": "disclosed", "issued_on": "2026-03-20"}
    )

    assert late.status_code == 400
    assert "7个工作日内" in late.content.decode()
    assert late.context["failed"] == "ask_correction"
    assert too_long.status_code == 400
    assert 'id="id_ask_correction_period_workdays_error"' in too_long.content.decode()
    assert wrong_time.status_code == 400
    assert "申请当前状态为“已登记待审核”,不能执行此操作" in wrong_time.content.decode()
    assert no_how.status_code == 400
    reply_form = next(i["form"] for i in no_how.context["steps"] if i["name"] == "reply")
    assert "请写明信息的提供方式或已公开的位置" in reply_form.errors["provided_how"]
    case.refresh_from_db()
    assert case.status == InfoRequest.Status.IN_PROGRESS
    assert case.correction_asked_on is None
    assert not case.letters.exists()
    assert not case.events.filter(new_status="awaiting_correction").exists()


def test_other_applications_of_the_same_applicant_are_pointed_out(
    client, received_case, tanzhou_handler, xiaolan_handler, office_admin, official_calendar
):
    case = received_case
    ours = register(tanzhou_handler, D(2026, 2, 2), zhang_wei(description="2024年危房改造名单"))
    theirs, _code = services.info_request_register(
        unit=Unit.objects.get(code="xiaolan"), actor=xiaolan_handler,
        data=zhang_wei(description="小榄镇低保名单"), channel="email", received_on=D(2026, 2, 3),
    )  # fmt: skip
    client.force_login(tanzhou_handler)

    html = _page(client, case)

    assert "同一申请人的其他申请" in html
    assert "第三十六条第六项" in html
    assert ours.tracking_number in html
    assert theirs.tracking_number not in html  # another unit's case stays hidden
    client.force_login(office_admin)
    assert theirs.tracking_number in _page(client, case)


def test_the_same_information_asked_by_others_prompts_proactive_publication(
    client, received_case, tanzhou_handler
):
    other = register(tanzhou_handler, D(2026, 3, 3), law_firm())
    client.force_login(tanzhou_handler)

    html = _page(client, received_case)

    assert "其他申请人申请了相同的信息" in html
    assert "第四十四条" in html
    assert other.tracking_number in html
    assert "中山市明德律师事务所" not in html  # the other applicant is not named


def test_the_letter_is_shown_as_html_and_downloaded_as_word(client, received_case, tanzhou_handler):
    case = received_case
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    letter = services.info_request_reply(
        info_request=case, actor=tanzhou_handler, outcome="unavailable.1",
        issued_on=D(2026, 3, 20), reason="本机关未制作该名单",
    )  # fmt: skip
    other = register(tanzhou_handler, D(2026, 3, 3), law_firm(description="另一件"))
    client.force_login(tanzhou_handler)

    html = client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/").content.decode()
    word = client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/docx")

    assert letter.title in html
    assert letter.number in html
    assert "张伟:" in html
    assert "本机关未制作该名单" in html
    assert "2026年3月20日" in html
    assert word.status_code == 200
    assert word.content[:2] == b"PK"
    disposition = word["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="{case.tracking_number}-{letter.pk}.docx"' in disposition
    assert "filename*=UTF-8''" in disposition
    disposition.encode("ascii")  # the header itself is ASCII
    assert f'href="/staff/foi/{case.pk}/letters/{letter.pk}/docx"' in _page(client, case)
    # A letter is reached only through its own case.
    assert client.get(f"/staff/foi/{other.pk}/letters/{letter.pk}/").status_code == 404


def test_after_a_transfer_the_handler_returns_to_the_workbench(
    client, received_case, tanzhou_handler
):
    civil_affairs = Unit.objects.get(code="civil-affairs")
    client.force_login(tanzhou_handler)

    response = client.post(
        f"/staff/foi/{received_case.pk}/transfer/",
        {"to_unit": civil_affairs.pk, "note": "信息由该单位掌握"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/foi/"
    received_case.refresh_from_db()
    assert received_case.unit == civil_affairs
    assert client.get(f"/staff/foi/{received_case.pk}/").status_code == 404
