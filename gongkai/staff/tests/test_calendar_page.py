"""The working-day calculator on the staff calendar page."""

from django.utils.http import urlencode


def calc(client, **params):
    return client.get("/staff/calendar/?" + urlencode(params)).content.decode()


def test_anonymous_is_sent_to_sign_in(client, zhongshan):
    response = client.get("/staff/calendar/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_staff_see_the_years_and_compute_a_deadline(client, tanzhou_editor, official_calendar):
    client.force_login(tanzhou_editor)
    page = calc(client, start="2024-09-27", days=20)
    assert "2024年10月30日" in page
    assert "chinese-calendar" in page  # the source of the loaded years
    assert "导入新年度节假日安排" not in page  # import is the office's job


def test_bad_date_is_explained_next_to_the_field(client, tanzhou_editor, official_calendar):
    client.force_login(tanzhou_editor)
    page = calc(client, start="2024-02-30", days=20)
    assert "日期“2024-02-30”不存在" in page
    page = calc(client, start="2024-09-27", days=-3)
    assert "确保该值大于或等于0" in page


def test_unofficial_year_is_refused_unless_an_estimate_is_asked(
    client, tanzhou_editor, official_calendar
):
    client.force_login(tanzhou_editor)
    page = calc(client, start="2026-12-15", days=20)
    assert "2027 年的工作日历尚未正式录入" in page
    page = calc(client, start="2026-12-15", days=20, provisional="on")
    assert "2027年1月12日" in page and "暂估" in page
