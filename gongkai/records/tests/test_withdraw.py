"""梁志强 (approver) withdraws a published record: gone from the portal and from search, kept in the workspace.

The reason is required; an editor's attempt is a 404 like a missing record and
changes nothing; the step leaves an event and an audit entry with the actor.
"""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.records.models import Record
from gongkai.records.tests.conftest import take_to
from gongkai.search import services as search
from gongkai.search.tests.worker import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(settings, tmp_path, draft, tanzhou_editor, tanzhou_secrecy_reviewer, tanzhou_approver,
              django_capture_on_commit_callbacks):  # fmt: skip
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "index")
    with django_capture_on_commit_callbacks(execute=True):
        take_to(draft, Record.Status.PUBLISHED, editor=tanzhou_editor,
                reviewer=tanzhou_secrecy_reviewer, approver=tanzhou_approver)  # fmt: skip
    run_queued()
    return draft


def test_the_approver_withdraws_with_a_reason(
    client, published, tanzhou_approver, django_capture_on_commit_callbacks
):
    assert search.search(query="秋季义务教育招生计划").total == 1
    client.force_login(tanzhou_approver)
    address = reverse("records:withdraw", args=[published.pk])
    client.post(address, {"reason": "  "})
    published.refresh_from_db()
    assert published.status == "published"  # no reason, no withdrawal

    with django_capture_on_commit_callbacks(execute=True):
        client.post(address, {"reason": "附件含未遮蔽的身份证号码,撤回更正"})
    run_queued()
    published.refresh_from_db()
    assert published.status == "withdrawn"
    assert published.events.last().note == "附件含未遮蔽的身份证号码,撤回更正"
    assert AuditEvent.objects.filter(action="record.withdrawn", actor=tanzhou_approver).exists()
    client.logout()
    assert client.get(reverse("portal:record_page", args=[published.pk])).status_code == 404
    assert search.search(query="秋季义务教育招生计划").total == 0


def test_an_editor_cannot_withdraw(client, published, tanzhou_editor):
    client.force_login(tanzhou_editor)
    missing = client.post(reverse("records:withdraw", args=[999999]), {"reason": "x"})
    denied = client.post(reverse("records:withdraw", args=[published.pk]), {"reason": "x"})
    assert missing.status_code == denied.status_code == 404
    published.refresh_from_db()
    assert published.status == "published"
