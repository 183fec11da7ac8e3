"""A record published through the real workflow is searchable within 5 seconds.

Real commits (transaction=True): publishing only enqueues; the real worker
loop runs the index task; the search then finds it.
"""

import datetime
import time

import pytest
from django.core.management import call_command

from gongkai.orgs.models import Unit
from gongkai.records import services as records
from gongkai.records.services import RecordData
from gongkai.search import services
from gongkai.search.tests.conftest import titles

DRAIN = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]


@pytest.mark.django_db(transaction=True)
def test_published_record_is_searchable_within_5_seconds(
    engine, official_calendar, tanzhou_editor, tanzhou_approver
):
    from conftest import make_staff

    reviewer = make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")
    call_command(*DRAIN)  # whatever earlier set-up left queued
    record = records.record_create(
        unit=Unit.objects.get(code="tanzhou"),
        actor=tanzhou_editor,
        data=RecordData(
            title="坦洲镇粤港澳大湾区青年创业基地入驻公告",
            formed_on=datetime.date(2026, 11, 2),
            body="<p>基地面向港澳青年开放入驻申请。</p>",
            channels=["gov_website"],
        ),
    )
    records.record_submit(record=record, actor=tanzhou_editor)
    records.record_secrecy_review(record=record, actor=reviewer, passed=True, note="")
    records.record_approve(record=record, actor=tanzhou_approver, approve=True)

    started = time.monotonic()
    records.record_publish(record=record, actor=tanzhou_approver)
    assert services.search(query="青年创业基地").total == 0  # the request did not index
    call_command(*DRAIN)
    page = services.search(query="青年创业基地")
    elapsed = time.monotonic() - started

    assert titles(page) == ["坦洲镇粤港澳大湾区青年创业基地入驻公告"]
    assert elapsed < 5
