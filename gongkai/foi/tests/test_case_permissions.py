"""Staff see and act on their own unit's cases only; a denied step answers 404 and changes nothing.

- 吴志明 (小榄镇's handler) gets the same 404 as for a missing case on 坦洲镇's
  case page, its letters and every step.
- 陈晓文 (坦洲镇's editor) may read the case but not work it.
- Only 梁志强 (the approver) extends; 何嘉慧 (the handler) cannot.
- The anonymous public is sent to the login page.
"""

import datetime

import pytest

from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import Appeal, InfoRequest, Letter, Pause, RequestEvent
from gongkai.foi.tests.conftest import law_firm, register
from gongkai.foi.views import STEPS

D = datetime.date

# Data each step would accept from its own unit's handler (or approver).
STEP_DATA = {
    "confirm": {"confirmed_on": "2026-03-03"},
    "accept": {"handler": ""},
    "ask_correction": {"items": "请写明范围", "period_workdays": "15", "asked_on": "2026-03-04"},
    "receive_correction": {"corrected_on": "2026-03-06"},
    "assign": {"handler": ""},
    "pause_start": {"kind": "third_party", "party": "某公司", "started_on": "2026-03-05"},
    "pause_end": {"ended_on": "2026-03-12", "result": "同意公开"},
    "extend": {"workdays": "10", "reason": "需要调取档案", "decided_on": "2026-03-20"},
    "reply": {"outcome": "unavailable.1", "reason": "本机关未制作", "issued_on": "2026-03-20"},
    "transfer": {"note": "信息由市民政局掌握"},
    "deliver": {"method": "post", "posted_on": "2026-03-23"},
    "signature": {"signed_on": "2026-03-25"},
    "archive": {},
    "appeal": {"kind": "review", "filed_on": "2026-04-01", "result": "pending"},
    "appeal_decide": {"result": "upheld", "decided_on": "2026-05-01"},
}


def _url(case, step: str) -> str:
    return f"/staff/foi/{case.pk}/{step.replace('_', '-')}/"


def _state():
    return (
        list(
            InfoRequest.objects.values_list(
                "pk", "status", "unit_id", "handler_id", "due_on", "extension_workdays", "outcome"
            )
        ),
        RequestEvent.objects.count(),
        Letter.objects.count(),
        list(Pause.objects.values_list("pk", "ended_on")),
        list(Appeal.objects.values_list("pk", "result")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def case_in_progress(received_case, tanzhou_handler):
    """张伟's case, accepted, with a third-party consultation open and one letter issued."""
    services.info_request_accept(info_request=received_case, actor=tanzhou_handler)
    services.pause_start(
        info_request=received_case,
        actor=tanzhou_handler,
        kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某建筑公司",
        started_on=D(2026, 3, 5),
    )
    return received_case


def test_every_step_has_data_here():
    assert set(STEP_DATA) == set(STEPS)


def test_another_units_handler_gets_404_like_a_missing_case(
    client, case_in_progress, xiaolan_handler
):
    case = case_in_progress
    letter = case.letters.get()
    client.force_login(xiaolan_handler)

    denied = client.get(f"/staff/foi/{case.pk}/")
    missing = client.get("/staff/foi/999999/")

    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content
    assert client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/").status_code == 404
    assert client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/docx").status_code == 404
    assert client.get(f"/staff/foi/{case.pk}/receipt/").status_code == 404
    assert case.tracking_number not in client.get("/staff/foi/?closed=1").content.decode()


@pytest.mark.parametrize("step", list(STEPS))
def test_another_units_handler_cannot_take_any_step(
    client, case_in_progress, xiaolan_handler, tanzhou, step
):
    client.force_login(xiaolan_handler)
    data = dict(STEP_DATA[step])
    data.setdefault("to_unit", tanzhou.pk)
    data["pause"] = case_in_progress.pauses.get().pk
    before = _state()

    response = client.post(_url(case_in_progress, step), data)

    assert response.status_code == 404
    assert _state() == before


def test_another_units_handler_cannot_preview_a_reply(client, case_in_progress, xiaolan_handler):
    client.force_login(xiaolan_handler)

    response = client.post(_url(case_in_progress, "reply"), {**STEP_DATA["reply"], "preview": "1"})

    assert response.status_code == 404
    assert "本机关于" not in response.content.decode()


@pytest.mark.parametrize("step", list(STEPS))
def test_the_units_editor_reads_the_case_but_cannot_take_any_step(
    client, case_in_progress, tanzhou_editor, step
):
    client.force_login(tanzhou_editor)
    assert client.get(f"/staff/foi/{case_in_progress.pk}/").status_code == 200
    before = _state()

    response = client.post(_url(case_in_progress, step), STEP_DATA[step])

    assert response.status_code == 404
    assert _state() == before


def test_the_public_is_sent_to_the_login_page(client, case_in_progress):
    case = case_in_progress
    letter = case.letters.get()
    before = _state()

    for url in (
        "/staff/foi/",
        "/staff/foi/new/",
        f"/staff/foi/{case.pk}/",
        f"/staff/foi/{case.pk}/letters/{letter.pk}/",
        f"/staff/foi/{case.pk}/letters/{letter.pk}/docx",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")
    response = client.post(_url(case, "extend"), STEP_DATA["extend"])
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert _state() == before


def test_the_handler_cannot_extend(client, case_in_progress, tanzhou_handler):
    client.force_login(tanzhou_handler)
    assert (
        "延期答复(审核人批准)"
        not in client.get(f"/staff/foi/{case_in_progress.pk}/").content.decode()
    )
    before = _state()

    response = client.post(_url(case_in_progress, "extend"), STEP_DATA["extend"])

    assert response.status_code == 404
    assert _state() == before


def test_the_approver_extends_and_the_applicant_gets_a_notice(
    client, case_in_progress, tanzhou_approver
):
    case = case_in_progress
    client.force_login(tanzhou_approver)
    page = client.get(f"/staff/foi/{case.pk}/").content.decode()
    assert "延期答复(审核人批准)" in page
    assert "出具答复书" not in page  # the approver approves; handling is the handler's

    response = client.post(_url(case, "extend"), STEP_DATA["extend"])

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.extension_workdays == 10
    assert case.extension_approved_by == tanzhou_approver
    assert case.letters.filter(template__code="extension").count() == 1


def test_a_pause_of_another_case_cannot_be_ended_through_this_one(
    client, case_in_progress, tanzhou_handler, official_calendar
):
    other = register(tanzhou_handler, D(2026, 3, 2), law_firm(description="另一件申请"))
    services.info_request_accept(info_request=other, actor=tanzhou_handler)
    foreign = services.pause_start(
        info_request=other,
        actor=tanzhou_handler,
        kind=Pause.Kind.CO_PRODUCER,
        party="市民政局",
        started_on=D(2026, 3, 5),
    )
    client.force_login(tanzhou_handler)
    before = _state()

    response = client.post(
        _url(case_in_progress, "pause_end"), {**STEP_DATA["pause_end"], "pause": foreign.pk}
    )

    assert response.status_code == 400
    assert _state() == before
