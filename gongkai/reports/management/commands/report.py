"""`gongkai report annual`: the annual report's tables as JSON.

    annual --unit 坦洲镇 --year 2025 [--format json] [-o FILE]
    annual --city --year 2025

Exit codes: 0 success; 1 refused (unknown unit, a year in the future or before
the unit existed): nothing written.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.orgs.commands import refuse as _refuse
from gongkai.orgs.commands import unit_named
from gongkai.orgs.models import Unit
from gongkai.reports.annual import annual_tables


class Command(BaseCommand):
    help = "年度报告:按国办公开办函〔2021〕30号格式计算表二至表四"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual", help="计算一个单位或全市的年度报告表格")
        who = annual.add_mutually_exclusive_group(required=True)
        who.add_argument("--unit", help="单位名称或代码")
        who.add_argument("--city", action="store_true", help="全市各单位合计")
        annual.add_argument("--year", type=int, required=True)
        # Only JSON so far; the .docx and HTML outputs come with the report document.
        annual.add_argument("--format", choices=["json"], default="json")
        annual.add_argument("-o", "--output", help="写入文件(默认输出到屏幕)")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _annual(self, *, unit, city, year, output, **_):
        this_year = timezone.localdate().year
        if year > this_year:
            raise _refuse(f"{year}年尚未到来,不能生成年度报告")
        year_end = datetime.date(year, 12, 31)
        if city:
            units = Unit.objects.active_on(datetime.date(year, 1, 1)) | Unit.objects.active_on(
                year_end
            )
            scope = {"city": True}
        else:
            found = unit_named(unit)
            if not (found.is_active_on(year_end) or found.is_active_on(datetime.date(year, 1, 1))):
                raise _refuse(f"{found.name}在{year}年不存在(设立或撤并日期之外)")
            units = Unit.objects.filter(pk=found.pk)
            scope = {"unit": found.name}
        text = json.dumps(
            scope | annual_tables(units=units, year=year), ensure_ascii=False, indent=1
        )
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"已写入 {output}")
        else:
            self.stdout.write(text)
