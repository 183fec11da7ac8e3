"""Rich text typed or pasted by an editor never carries script onto the public record page.

The portal prints record and interpretation bodies unescaped (they are markup), so
the records app cleans them with nh3 when they are saved. 陈晓文 drafts a record
through the staff form with every common way of smuggling script; it goes through
保密审查, approval and publication; the citizen's page keeps the text and none of
the script.
"""

import re

import pytest

from conftest import make_staff
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.services import InterpretationData
from gongkai.records.tests.conftest import published_catalog_items, take_to

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>招生计划正文</p>"
    '<script>alert("s")</script>'
    "<ScRiPt src=//evil.example/x.js></ScRiPt>"
    "<img src=x onerror=alert(1)>"
    '<svg onload="alert(2)"><circle r="1"/></svg>'
    '<p onclick="alert(3)" style="background:url(javascript:alert(4))">点击</p>'
    '<a href="javascript:alert(5)">链接一</a>'
    '<a href="jav&#x09;ascript:alert(6)">链接二</a>'
    '<iframe src="https://evil.example/"></iframe>'
    '<object data="x.swf"></object>'
    '<form action="https://evil.example/"><input name="q"></form>'
    '<table><tr><td onmouseover="alert(7)">单元格</td></tr></table>'
)
FORBIDDEN = re.compile(
    r"<script|<img|<svg|<iframe|<object|<form|\son\w+\s*=|style=|javascript:|evil\.example",
    re.IGNORECASE,
)


@pytest.fixture
def published(client, tanzhou_editor, tanzhou_approver, official_calendar):
    catalog_items = published_catalog_items()
    reviewer = make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")
    client.force_login(tanzhou_editor)
    response = client.post(
        "/staff/records/units/tanzhou/new/",
        {
            "title": "坦洲镇2026年秋季义务教育招生计划",
            "doc_type": "other",
            "disclosure": "proactive",
            "catalog_items": [catalog_items[0].pk],
            "formed_on": "2026-09-25",
            "body": HOSTILE,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Record.objects.get()
    services.interpretation_save(
        policy=record,
        actor=tanzhou_editor,
        data=InterpretationData(title="招生计划解读", body=HOSTILE),
    )
    client.logout()
    return take_to(
        record,
        Record.Status.PUBLISHED,
        editor=tanzhou_editor,
        reviewer=reviewer,
        approver=tanzhou_approver,
    )


def body_of(html: str) -> str:
    return html.split('<div class="record-body">', 1)[1].split("</div>", 1)[0]


def test_record_page_keeps_text_and_drops_script(client, published):
    response = client.get(f"/xxgk/{published.pk}/")
    assert response.status_code == 200
    body = body_of(response.content.decode())
    for text in ("招生计划正文", "点击", "链接一", "链接二", "单元格"):
        assert text in body
    assert not FORBIDDEN.search(body), body


def test_interpretation_page_keeps_text_and_drops_script(client, published):
    interpretation = published.interpretations.get()
    response = client.get(f"/xxgk/{published.pk}/jiedu/{interpretation.pk}/")
    assert response.status_code == 200
    body = body_of(response.content.decode())
    assert "招生计划正文" in body and "单元格" in body
    assert not FORBIDDEN.search(body), body
