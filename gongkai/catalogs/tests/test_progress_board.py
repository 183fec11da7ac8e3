"""The progress board: units × domains, state and lateness against the batch deadline."""

import datetime

import time_machine

from gongkai.catalogs.selectors import is_late
from gongkai.catalogs.services import version_file, version_review, version_submit
from gongkai.orgs.models import Unit

D = datetime.date


def test_lateness_rule():
    due = D(2020, 10, 31)
    assert not is_late(due, None, D(2020, 10, 31))
    assert is_late(due, None, D(2020, 11, 1))
    assert not is_late(due, D(2020, 10, 30), D(2021, 1, 1))
    assert is_late(due, D(2020, 11, 2), D(2021, 1, 1))
    assert not is_late(None, None, D(2030, 1, 1))


def test_board_shows_state_and_lateness(client, office_admin, xiaolan_draft, jiaoti_approver):
    with time_machine.travel(datetime.datetime(2020, 11, 5, 10, tzinfo=datetime.UTC)):
        version_submit(version=xiaolan_draft, actor=None)
        version_review(
            version=xiaolan_draft,
            actor=jiaoti_approver,
            approve=True,
            text="同意",
            reviewer_unit=Unit.objects.get(code="education"),
        )
        version_file(version=xiaolan_draft, actor=None)
    client.force_login(office_admin)
    page = client.get("/staff/catalogs/board/?domain=compulsory-education&batch=2").content.decode()
    assert "小榄镇" in page and "已备案" in page and "2020-11-05备案" in page
    assert "逾期" in page  # filed after 2020-10-31
    assert "坦洲镇" not in page  # batch 1 filtered out


def test_a_unit_sees_only_its_own_row(client, xiaolan_editor, xiaolan_draft):
    client.force_login(xiaolan_editor)
    page = client.get("/staff/catalogs/board/").content.decode()
    assert "小榄镇" in page and "坦洲镇" not in page and "草稿" in page
