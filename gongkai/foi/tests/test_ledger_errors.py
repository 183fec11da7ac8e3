"""A bad ledger is refused as a whole: exit code 1, every problem named by row and column, nothing stored.

The bad row is the last one, after rows that are fine, so a partial import would show.
"""

import datetime
import io

import pytest
from django.core.management import CommandError
from openpyxl import Workbook

from gongkai.foi.models import InfoRequest, RequestEvent
from gongkai.foi.tests.conftest import register
from gongkai.foi.tests.ledger_files import HEADER, import_ledger, row, write_csv, write_xlsx

D = datetime.date


def good_rows() -> list[dict]:
    return [
        row("TZ-2025-001", D(2025, 1, 25), 答复日期=D(2025, 2, 20), 办理结果="予以公开"),
        row("TZ-2025-002", D(2025, 9, 15), 征询开始日期=D(2025, 9, 25), 征询结束日期=D(2025, 10, 10)),
        row("TZ-2026-003", D(2026, 3, 2)),
    ]  # fmt: skip


def refused(path) -> str:
    cases, events = InfoRequest.objects.count(), RequestEvent.objects.count()
    with pytest.raises(CommandError) as error:
        import_ledger(path)
    assert error.value.returncode == 1
    assert InfoRequest.objects.count() == cases
    assert RequestEvent.objects.count() == events
    return str(error.value)


# (last row's cells, column named in the message)
BAD_ROWS = [
    ({"申请人类型": "个人"}, "申请人类型"),
    ({"申请人类型": ""}, "申请人类型"),
    ({"申请人": ""}, "申请人"),
    ({"答复日期": D(2026, 3, 10), "办理结果": "同意公开"}, "办理结果"),
    ({"答复日期": D(2026, 3, 10), "办理结果": "不予公开/其他"}, "办理结果"),
    ({"答复日期": D(2026, 2, 27), "办理结果": "予以公开"}, "答复日期"),  # before receipt
    ({"办理结果": "予以公开"}, "答复日期"),  # an outcome without its reply date
    ({"答复日期": D(2026, 3, 20)}, "办理结果"),  # a reply date without its outcome
    ({"征询开始日期": D(2026, 3, 10), "征询结束日期": D(2026, 3, 9)}, "征询结束日期"),
    ({"征询开始日期": D(2026, 2, 20), "征询结束日期": D(2026, 3, 9)}, "征询开始日期"),
    ({"征询结束日期": D(2026, 3, 9)}, "征询结束日期"),  # an end without a start
    (  # replied while still waiting for the opinion: a paused clock on a closed case
        {"征询开始日期": D(2026, 3, 4), "答复日期": D(2026, 3, 20), "办理结果": "予以公开"},
        "征询结束日期",
    ),
    ({"补正告知日期": D(2026, 3, 4), "补正收到日期": D(2026, 3, 3)}, "补正收到日期"),
    ({"补正收到日期": D(2026, 3, 9)}, "补正收到日期"),  # a correction never asked for
    ({"补正告知日期": D(2026, 3, 12)}, "补正告知日期"),  # after the 7 working days (03-11)
    ({"延期工作日": "21"}, "延期工作日"),
    ({"延期工作日": "-1"}, "延期工作日"),
    ({"延期工作日": "五"}, "延期工作日"),
    ({"延期工作日": "5天"}, "延期工作日"),
    ({"收到日期": "2026-02-30"}, "收到日期"),  # no such day
    ({"收到日期": "3月2日"}, "收到日期"),  # no year
    ({"收到日期": D(2099, 3, 2)}, "收到日期"),  # in the future
    ({"收到日期": "1926-03-02"}, "收到日期"),  # a typo for 2026, before any working-day calendar
    ({"收到日期": "2206-03-02", "补正告知日期": "2206-03-04"}, "收到日期"),  # typo, future
    ({"申请内容": "<a href='x'>名单</a>"}, "申请内容"),
]


@pytest.mark.parametrize(("cells", "column"), BAD_ROWS)
def test_a_bad_last_row_refuses_the_whole_csv(official_calendar, tmp_path, cells, column):
    bad = {**row("TZ-2026-004", D(2026, 3, 2)), **cells}
    message = refused(write_csv(tmp_path / "台账.csv", [*good_rows(), bad]))
    assert f"第5行“{column}”列" in message


@pytest.mark.parametrize(("cells", "column"), BAD_ROWS[:8])
def test_a_bad_last_row_refuses_the_whole_xlsx(official_calendar, tmp_path, cells, column):
    bad = {**row("TZ-2026-004", D(2026, 3, 2)), **cells}
    message = refused(write_xlsx(tmp_path / "台账.xlsx", [*good_rows(), bad]))
    assert f"第5行“{column}”列" in message


def test_every_bad_row_is_listed(official_calendar, tmp_path):
    rows = [
        *good_rows(),
        row("TZ-2026-004", D(2026, 3, 2), 申请人类型="个人"),
        row("TZ-2026-005", D(2026, 3, 2), 延期工作日="30"),
    ]
    message = refused(write_csv(tmp_path / "台账.csv", rows))
    assert "第5行“申请人类型”列" in message
    assert "第6行“延期工作日”列" in message


def test_a_number_twice_in_the_file_is_refused(official_calendar, tmp_path):
    rows = [*good_rows(), row("TZ-2025-001", D(2026, 3, 3))]
    message = refused(write_csv(tmp_path / "台账.csv", rows))
    assert "第5行“申请编号”列" in message
    assert "与第2行重复" in message


def test_a_missing_column_is_named(official_calendar, tmp_path):
    header = [heading for heading in HEADER if heading != "延期工作日"]
    message = refused(write_csv(tmp_path / "台账.csv", good_rows(), header=header))
    assert "第1行" in message
    assert "延期工作日" in message


def test_an_unknown_heading_is_named(official_calendar, tmp_path):
    message = refused(write_csv(tmp_path / "台账.csv", good_rows(), header=[*HEADER, "备注"]))
    assert "第1行第13列" in message
    assert "备注" in message


def test_a_csv_not_in_utf8_is_refused(official_calendar, tmp_path):
    message = refused(write_csv(tmp_path / "台账.csv", good_rows(), encoding="gbk"))
    assert "UTF-8" in message


def test_a_damaged_xlsx_is_refused(official_calendar, tmp_path):
    path = write_xlsx(tmp_path / "台账.xlsx", good_rows())
    path.write_bytes(path.read_bytes()[:800])
    assert "损坏" in refused(path)


def test_an_xlsx_with_only_a_header_is_refused(official_calendar, tmp_path):
    book = Workbook()
    book.active.append(HEADER)
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "台账.xlsx"
    path.write_bytes(out.getvalue())
    assert "没有任何数据行" in refused(path)


def test_a_number_of_a_platform_case_is_refused(official_calendar, tmp_path, tanzhou_handler):
    platform_case = register(tanzhou_handler, D(2026, 3, 2))
    rows = [*good_rows(), row(platform_case.ledger_no, D(2026, 3, 2))]
    message = refused(write_csv(tmp_path / "台账.csv", rows))
    assert f"第5行“申请编号”列:“{platform_case.ledger_no}”已是本平台受理的申请" in message
    platform_case.refresh_from_db()
    assert platform_case.source == "staff"


def test_an_unknown_unit_or_file_is_refused(official_calendar, tmp_path):
    path = write_csv(tmp_path / "台账.csv", good_rows())
    with pytest.raises(CommandError) as error:
        import_ledger(path, unit="不存在镇")
    assert error.value.returncode == 1
    with pytest.raises(CommandError) as error:
        import_ledger(tmp_path / "没有这个文件.csv")
    assert error.value.returncode == 1
    assert InfoRequest.objects.count() == 0
