"""The openness office enters a year in the admin; the same rules and audit apply."""

import datetime

from gongkai.core import workdays
from gongkai.core.models import AuditEvent, CalendarYear


def form(year, rows, status="official"):
    data = {
        "year": str(year),
        "status": status,
        "source": "notice",
        "notice": "测试通知",
        "exceptions-TOTAL_FORMS": str(len(rows)),
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
    }
    for i, (day, kind, name) in enumerate(rows):
        data.update(
            {
                f"exceptions-{i}-date": day,
                f"exceptions-{i}-kind": kind,
                f"exceptions-{i}-name": name,
            }
        )
    return data


def test_adding_2027_in_the_admin_takes_effect_and_is_audited(
    client, office_admin, official_calendar
):
    client.force_login(office_admin)
    response = client.post(
        "/admin/core/calendaryear/add/",
        form(2027, [("2027-01-01", "holiday", "元旦"), ("2027-01-30", "makeup_workday", "春节")]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CalendarYear.objects.get(year=2027).exceptions.count() == 2
    assert workdays.add_workdays(datetime.date(2026, 12, 15), 20) == datetime.date(2027, 1, 13)
    event = AuditEvent.objects.get(action="calendar.admin_edit")
    assert event.actor == office_admin and event.before is None
    assert ["2027-01-01", "holiday", "元旦"] in event.after["days"]


def test_a_weekday_makeup_day_is_refused_and_nothing_saved(client, office_admin, official_calendar):
    client.force_login(office_admin)
    response = client.post(
        "/admin/core/calendaryear/add/", form(2027, [("2027-01-04", "makeup_workday", "春节")])
    )
    assert response.status_code == 200
    assert "是星期一,调休上班日只能是周六或周日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_day_outside_the_year_is_refused(client, office_admin, official_calendar):
    client.force_login(office_admin)
    response = client.post(
        "/admin/core/calendaryear/add/", form(2027, [("2028-01-01", "holiday", "元旦")])
    )
    assert "不属于 2027 年" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_official_years_cannot_be_deleted(client, office_admin, official_calendar):
    client.force_login(office_admin)
    response = client.post("/admin/core/calendaryear/2025/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert CalendarYear.objects.filter(year=2025).exists()
