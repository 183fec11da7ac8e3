"""`gongkai workdays import FILE`: a year's notice from CSV or JSON, all or nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.models import AuditEvent, CalendarException, CalendarYear

GOOD_CSV = """date,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,休,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-20,makeup_workday,春节
2027-01-30,班,春节
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_csv_notice_becomes_an_official_year(official_calendar, tmp_path):
    output = run("import", write(tmp_path, "2027.csv", GOOD_CSV), "--notice", "测试通知")
    assert "已导入: 2027" in output
    year = CalendarYear.objects.get(year=2027)
    assert year.status == CalendarYear.Status.OFFICIAL
    assert year.source == CalendarYear.Source.NOTICE
    assert year.notice == "测试通知"
    kinds = list(year.exceptions.values_list("kind", flat=True))
    assert kinds.count(CalendarException.Kind.HOLIDAY) == 8
    assert kinds.count(CalendarException.Kind.MAKEUP_WORKDAY) == 2
    event = AuditEvent.objects.get(action="calendar.year_replace", object_id="2027")
    assert event.before is None and len(event.after["days"]) == 10


def test_json_notice_with_ranges(official_calendar, tmp_path):
    data = {
        "year": 2027,
        "notice": "测试通知",
        "days": [
            {"from": "2027-02-06", "to": "2027-02-12", "kind": "holiday", "name": "春节"},
            {"date": "2027-01-30", "kind": "makeup_workday", "name": "春节"},
        ],
    }
    run("import", write(tmp_path, "2027.json", json.dumps(data, ensure_ascii=False)))
    assert CalendarException.objects.filter(date__year=2027).count() == 8


def test_importing_the_same_file_again_changes_nothing(official_calendar, tmp_path):
    path = write(tmp_path, "2027.csv", GOOD_CSV)
    run("import", path)
    events = AuditEvent.objects.count()
    assert "无变化" in run("import", path)
    assert AuditEvent.objects.count() == events
    assert CalendarYear.objects.get(year=2027).revision == 1


def test_a_changed_notice_replaces_the_year_and_is_audited(official_calendar, tmp_path):
    run("import", write(tmp_path, "a.csv", GOOD_CSV))
    run(
        "import", write(tmp_path, "b.csv", GOOD_CSV.replace("2027-02-20,makeup_workday,春节\n", ""))
    )
    year = CalendarYear.objects.get(year=2027)
    assert year.revision == 2
    assert not year.exceptions.filter(date="2027-02-20").exists()
    event = AuditEvent.objects.filter(action="calendar.year_replace", object_id="2027").first()
    assert ["2027-02-20", "makeup_workday", "春节"] in event.before["days"]
    assert ["2027-02-20", "makeup_workday", "春节"] not in event.after["days"]


BAD_FILES = [
    ("both.csv", GOOD_CSV + "2027-02-06,makeup_workday,春节\n", "同时被列为放假日和调休上班日"),
    ("date.csv", "date,kind,name\n2027-02-30,holiday,春节\n", "第2行: 日期“2027-02-30”不存在"),
    ("format.csv", "date,kind,name\n2027/01/01,holiday,元旦\n", "格式不对"),
    ("weekday.csv", "date,kind,name\n2027-02-22,makeup_workday,春节\n", "是星期一"),
    ("kind.csv", "date,kind,name\n2027-01-01,vacation,元旦\n", "类型“vacation”无法识别"),
    (
        "years.csv",
        "date,kind,name\n2027-01-01,holiday,元旦\n2028-01-01,holiday,元旦\n",
        "跨越多个年份(2027、2028)",
    ),
    ("header.csv", "day,type\n2027-01-01,holiday\n", "表头缺少列"),
    ("empty.csv", "date,kind,name\n", "没有任何日期"),
    ("dup.csv", "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n", "重复出现"),
    ("broken.json", '{"year": 2027, "days": [', "JSON 格式错误"),
    (
        "range.json",
        '{"days": [{"from": "2027-02-12", "to": "2027-02-06", "kind": "holiday"}]}',
        "不合理",
    ),
    ("notes.txt", "2027-01-01", "只支持 .csv 或 .json"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES)
def test_bad_file_is_refused_with_row_and_nothing_changes(
    official_calendar, tmp_path, name, text, message
):
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError) as raised:
        run("import", write(tmp_path, name, text))
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    assert not CalendarYear.objects.filter(year__in=[2027, 2028]).exists()
    assert AuditEvent.objects.count() == events


def test_missing_file_is_a_clear_error(official_calendar, tmp_path):
    with pytest.raises(CommandError, match="文件不存在") as raised:
        run("import", str(tmp_path / "nope.csv"))
    assert raised.value.returncode == 2


def test_year_option_must_match_the_file(official_calendar, tmp_path):
    with pytest.raises(CommandError, match="不属于 2028 年"):
        run("import", write(tmp_path, "2027.csv", GOOD_CSV), "--year", "2028")
    assert not CalendarYear.objects.filter(year__in=[2027, 2028]).exists()
