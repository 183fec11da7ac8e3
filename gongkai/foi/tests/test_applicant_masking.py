"""The applicant's identity and contact: in full for the unit's handler and approver and the office,
masked for the unit's other staff, on every staff page (permissions.applicant_for).
"""

import datetime
import io

import docx
import pytest

from gongkai.foi import services
from gongkai.foi.tests.conftest import ZHANG_WEI_ID, register, zhang_wei

FULL = [
    "张伟",
    ZHANG_WEI_ID,
    "13800138000",
    "zhangwei@example.cn",
    "中山市坦洲镇界狮南路38号",
    "528467",
]
MASKED = ["张*", "4420**********2319", "138****8000", "z***@example.cn"]


@pytest.fixture
def case(received_case, tanzhou_handler):
    """张伟's open case with one letter addressed to him (the 补正 notice)."""
    services.info_request_ask_correction(
        info_request=received_case,
        actor=tanzhou_handler,
        items="请写明所需名单的村(社区)范围",
        asked_on=datetime.date(2026, 3, 4),
        period_workdays=15,
    )
    return received_case


def _pages(client, case) -> dict[str, str]:
    letter = case.letters.get()
    return {
        "workbench": client.get("/staff/foi/").content.decode(),
        "case": client.get(f"/staff/foi/{case.pk}/").content.decode(),
        "letter": client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/").content.decode(),
        "receipt": client.get(f"/staff/foi/{case.pk}/receipt/").content.decode(),
    }


def _docx_text(client, case) -> str:
    letter = case.letters.get()
    response = client.get(f"/staff/foi/{case.pk}/letters/{letter.pk}/docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_the_units_editor_sees_the_applicant_masked_everywhere(client, case, tanzhou_editor):
    client.force_login(tanzhou_editor)

    pages = _pages(client, case)

    assert "张*" in pages["workbench"]
    for masked in MASKED:
        assert masked in pages["case"]
    assert "张*" in pages["letter"]
    for name, html in pages.items():
        for value in FULL:
            assert value not in html, (name, value)
    docx_text = _docx_text(client, case)
    assert "张*" in docx_text
    assert "张伟" not in docx_text


def test_the_editor_is_not_shown_the_applicants_other_applications(
    client, case, tanzhou_editor, tanzhou_handler
):
    earlier = register(
        tanzhou_handler, datetime.date(2026, 2, 2), zhang_wei(description="2024年危房改造名单")
    )
    client.force_login(tanzhou_editor)

    page = client.get(f"/staff/foi/{case.pk}/").content.decode()

    assert "同一申请人的其他申请" not in page
    assert earlier.tracking_number not in page


@pytest.mark.parametrize("persona", ["tanzhou_handler", "tanzhou_approver", "office_admin"])
def test_handler_approver_and_office_see_the_applicant_in_full(client, case, request, persona):
    client.force_login(request.getfixturevalue(persona))

    pages = _pages(client, case)

    assert "张伟" in pages["workbench"]
    for value in FULL:
        assert value in pages["case"], value
    assert "张伟" in pages["letter"]
    for html in pages.values():
        assert "张*" not in html
    assert "张伟" in _docx_text(client, case)


def test_a_letter_to_a_consulted_third_party_keeps_its_addressee(
    client, received_case, tanzhou_handler, tanzhou_editor
):
    services.info_request_accept(info_request=received_case, actor=tanzhou_handler)
    pause = services.pause_start(
        info_request=received_case,
        actor=tanzhou_handler,
        kind="third_party",
        party="坦洲镇某建筑公司",
        started_on=datetime.date(2026, 3, 5),
    )
    letter = received_case.letters.get(template__code=pause.kind)
    client.force_login(tanzhou_editor)

    html = client.get(f"/staff/foi/{received_case.pk}/letters/{letter.pk}/").content.decode()

    assert html.count("坦洲镇某建筑公司:") == 1
    assert "张" not in html
