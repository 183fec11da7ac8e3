"""The openness office uploads a year's notice; nobody else can, and bad files change nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditEvent, CalendarYear

CSV = "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-30,makeup_workday,春节\n"


def upload(client, text, name="2027.csv", **extra):
    data = {"file": SimpleUploadedFile(name, text.encode("utf-8")), "notice": "测试通知", **extra}
    return client.post("/staff/calendar/import/", data)


def test_office_admin_imports_a_year(client, office_admin, official_calendar):
    client.force_login(office_admin)
    response = upload(client, CSV)
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.status == "official" and year.exceptions.count() == 2
    assert (
        AuditEvent.objects.get(action="calendar.year_replace", object_id="2027").actor
        == office_admin
    )
    page = client.get("/staff/calendar/").content.decode()
    assert "已导入 2027 年工作日历" in page


def test_bad_file_lists_every_problem_and_imports_nothing(client, office_admin, official_calendar):
    client.force_login(office_admin)
    bad = "date,kind,name\n2027-01-04,makeup_workday,春节\n2027-02-30,holiday,春节\n"
    response = upload(client, bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "第2行: 2027-01-04 是星期一" in page
    assert "第3行: 日期“2027-02-30”不存在" in page
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_wrong_file_type_is_named(client, office_admin, official_calendar):
    client.force_login(office_admin)
    page = upload(client, "hello", name="notice.docx").content.decode()
    assert "只支持 .csv 或 .json 文件" in page


def test_town_editor_gets_the_missing_answer_and_nothing_changes(
    client, tanzhou_editor, official_calendar
):
    client.force_login(tanzhou_editor)
    assert client.get("/staff/calendar/import/").status_code == 404
    events = AuditEvent.objects.count()
    assert upload(client, CSV).status_code == 404
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert AuditEvent.objects.count() == events
