"""Merging and renaming keep a unit's history (东升镇 merged into 小榄镇)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Unit
from gongkai.orgs.selectors import unit_get_by_name
from gongkai.orgs.services import unit_merge, unit_rename

MERGED_ON = datetime.date(2021, 1, 1)  # an illustrative date, not the official one


def test_merge_keeps_the_old_unit_with_its_dates(zhongshan, office_admin):
    dongsheng, xiaolan = Unit.objects.get(code="dongsheng"), Unit.objects.get(code="xiaolan")
    village = Unit.objects.create(
        code="dongsheng-v", name="东升镇某社区", kind="village", parent=dongsheng
    )
    unit_merge(unit=dongsheng, into=xiaolan, on=MERGED_ON, actor=office_admin)
    dongsheng.refresh_from_db()
    assert dongsheng.valid_to == datetime.date(2020, 12, 31)
    assert dongsheng.successor == xiaolan
    assert dongsheng in Unit.objects.active_on(datetime.date(2020, 10, 31))
    assert dongsheng not in Unit.objects.active_on(MERGED_ON)
    village.refresh_from_db()
    assert village.parent == xiaolan
    event = AuditEvent.objects.get(action="unit.merge")
    assert event.actor == office_admin and event.after["villages_moved"] == ["东升镇某社区"]


def test_a_unit_cannot_be_merged_twice_or_into_itself(zhongshan, office_admin):
    dongsheng, xiaolan = Unit.objects.get(code="dongsheng"), Unit.objects.get(code="xiaolan")
    with pytest.raises(ValidationError):
        unit_merge(unit=dongsheng, into=dongsheng, on=MERGED_ON, actor=office_admin)
    unit_merge(unit=dongsheng, into=xiaolan, on=MERGED_ON, actor=office_admin)
    with pytest.raises(ValidationError):
        unit_merge(unit=dongsheng, into=xiaolan, on=MERGED_ON, actor=office_admin)


def test_rename_keeps_the_former_name_for_old_documents(zhongshan, office_admin):
    unit = Unit.objects.get(code="education")
    unit_rename(
        unit=unit, new_name="市教育和体育局", on=datetime.date(2019, 3, 1), actor=office_admin
    )
    unit.refresh_from_db()
    assert unit.name == "市教育和体育局"
    assert unit.name_on(datetime.date(2018, 6, 1)) == "市教育体育局"
    assert unit.name_on(datetime.date(2020, 6, 1)) == "市教育和体育局"
    assert unit_get_by_name("市教育体育局") == unit
    assert AuditEvent.objects.filter(action="unit.rename", actor=office_admin).exists()


def test_rename_to_an_existing_name_is_refused(zhongshan, office_admin):
    with pytest.raises(ValidationError, match="已有单位名为"):
        unit_rename(
            unit=Unit.objects.get(code="dongsheng"),
            new_name="小榄镇",
            on=datetime.date(2021, 1, 1),
            actor=office_admin,
        )
    assert Unit.objects.get(code="dongsheng").name == "东升镇"
