"""`gongkai workdays`: the official working-day calendar for operators and scripts.

Exit codes: 0 success; 2 malformed input (nothing changed); 3 a year touched
has no official calendar (see `--provisional`).
"""

import datetime
import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import workdays
from gongkai.core.calendar_files import CalendarFileError, parse_iso_date, read_notice_file
from gongkai.core.services import calendar_import_notice, calendar_status, calendar_sync_package

EXIT_BAD_INPUT = 2
EXIT_NOT_OFFICIAL = 3


def _date(text: str, label: str) -> datetime.date:
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise CommandError(f"{label}: {exc}", returncode=EXIT_BAD_INPUT) from None


def _count(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text.strip()):
        raise CommandError(f"工作日数“{text}”应为整数", returncode=EXIT_BAD_INPUT)
    n = int(text)
    if n < 0:
        raise CommandError(f"工作日数不能为负数: {n}", returncode=EXIT_BAD_INPUT)
    return n


class Command(BaseCommand):
    help = "法定工作日历:计算期限、导入国务院节假日安排、查看各年度状态"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="START 之后第 N 个工作日(START 当天不计)")
        add.add_argument("start")
        add.add_argument("n")
        add.add_argument("--provisional", action="store_true", help="未正式录入的年份按周末估算")
        between = sub.add_parser("between", help="A 之后至 B(含)之间的工作日数")
        between.add_argument("a")
        between.add_argument("b")
        between.add_argument("--provisional", action="store_true")
        imp = sub.add_parser("import", help="导入一年的节假日安排(CSV 或 JSON)")
        imp.add_argument("file")
        imp.add_argument("--year", type=str, default=None)
        imp.add_argument("--notice", default="", help="依据的通知文号")
        imp.add_argument("--draft", action="store_true", help="作为草稿导入,暂不生效")
        sub.add_parser("sync", help="从 chinese-calendar 数据包载入已知年份")
        sub.add_parser("status", help="列出各年度日历状态")

    def handle(self, *args, action, **options):
        try:
            return getattr(self, f"_{action}")(**options)
        except workdays.CalendarNotOfficial as exc:
            raise CommandError(str(exc), returncode=EXIT_NOT_OFFICIAL) from None

    def _print_provisional(self, value, text: str) -> None:
        if workdays.is_provisional(value):
            years = "、".join(str(y) for y in value.unofficial_years)
            self.stdout.write(f"{text}\tprovisional")
            sys.stderr.write(f"注意:{years} 年日历未正式录入,结果按周末估算,仅供参考\n")
        else:
            self.stdout.write(text)

    def _add(self, *, start, n, provisional, **_):
        result = workdays.add_workdays(_date(start, "START"), _count(n), provisional=provisional)
        self._print_provisional(result, result.isoformat())

    def _between(self, *, a, b, provisional, **_):
        result = workdays.workdays_between(_date(a, "A"), _date(b, "B"), provisional=provisional)
        self._print_provisional(result, str(int(result)))

    def _import(self, *, file, year, notice, draft, **_):
        year_number = None
        if year is not None:
            if not re.fullmatch(r"\d{4}", year):
                raise CommandError(f"--year“{year}”应为四位年份", returncode=EXIT_BAD_INPUT)
            year_number = int(year)
        try:
            parsed = read_notice_file(Path(file), year=year_number, notice=notice)
        except CalendarFileError as exc:
            raise CommandError(
                "未导入,文件有误: " + ";".join(exc.errors), returncode=EXIT_BAD_INPUT
            ) from None
        calendar_year, changed = calendar_import_notice(
            notice=parsed, actor=None, official=not draft
        )
        state = "草稿" if draft else "正式"
        verb = "已导入" if changed else "无变化"
        self.stdout.write(f"{verb}: {calendar_year.year} 年({state}),{len(parsed.days)} 个调整日")

    def _sync(self, **_):
        changed = calendar_sync_package(actor=None)
        if changed:
            self.stdout.write("已载入: " + ", ".join(str(y) for y in changed))
        else:
            self.stdout.write("无变化")

    def _status(self, **_):
        for row in calendar_status():
            self.stdout.write(
                f"{row['year']}\t{row['status']}\t休{row['holidays']}\t班{row['makeup_workdays']}"
                f"\t{row['notice']}"
            )
