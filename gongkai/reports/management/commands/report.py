"""`gongkai report`: the annual report on the command line, from computing to publishing.

    annual  --unit 坦洲镇 | --city  --year 2025 [--format json|docx|html] [-o FILE]
    start   --unit 坦洲镇 --year 2025 --as USER
    text    --unit 坦洲镇 --year 2025 --as USER --section overview|problems|other_matters|carried_in_explanation --file F
    figures --unit 坦洲镇 --year 2025 --as USER --set licensing=12 [--set …] --source "某系统某日导出"
    check   --unit 坦洲镇 --year 2025
    approve|withdraw|submit|publish --unit 坦洲镇 --year 2025 --as USER
    remind  [--date YYYY-MM-DD]

A published (or approved) report prints as frozen; otherwise it is computed now.
Exit codes: 0 success; 1 refused (unknown unit or person, a year in the future or
before the unit existed, a failed check, a step not allowed): nothing changed.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.orgs.commands import active_person, unit_named
from gongkai.orgs.commands import refuse as _refuse
from gongkai.orgs.models import Unit
from gongkai.reports import document, permissions, reminders, services
from gongkai.reports.docx import report_docx
from gongkai.reports.models import AnnualReport, EnteredFigure
from gongkai.reports.views import tables_context

STEPS = {
    "approve": (permissions.can_approve, services.approve),
    "withdraw": (permissions.can_approve, services.withdraw_approval),
    "submit": (permissions.can_approve, services.submit),
    "publish": (permissions.can_approve, services.publish),
}


class Command(BaseCommand):
    help = "政府信息公开工作年度报告(国办公开办函〔2021〕30号格式):计算、编写、审核、报送、发布"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        def with_unit(name: str, help: str, *, person: bool):
            command = sub.add_parser(name, help=help)
            command.add_argument("--unit", required=True, help="单位名称或代码")
            command.add_argument("--year", type=int, required=True)
            if person:
                command.add_argument(
                    "--as", dest="username", required=True, help="以该人员名义操作"
                )
            return command

        annual = sub.add_parser("annual", help="输出一个单位的年度报告或全市汇总")
        who = annual.add_mutually_exclusive_group(required=True)
        who.add_argument("--unit", help="单位名称或代码")
        who.add_argument("--city", action="store_true", help="全市各单位合计")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--format", choices=["json", "docx", "html"], default="json")
        annual.add_argument(
            "-o", "--output", help="写入文件(json、html 默认输出到屏幕;docx 必须指定)"
        )

        with_unit("start", "开始编制(从上年正文起草)", person=True)
        text = with_unit("text", "从文件写入报告正文的一个部分", person=True)
        text.add_argument("--section", required=True, choices=services.TEXT_FIELDS)
        text.add_argument("--file", required=True, help="UTF-8 文本文件")
        figures = with_unit("figures", "填报表二中来自其他系统的数字", person=True)
        figures.add_argument(
            "--set",
            action="append",
            required=True,
            metavar="CODE=VALUE",
            help=f"项目代码: {', '.join(EnteredFigure.Code.values)}",
        )
        figures.add_argument("--source", required=True, help="数据来源(系统名称和导出日期)")
        with_unit("check", "检查勾稽关系和填报情况", person=False)
        for name in STEPS:
            step = with_unit(name, {"approve": "审核定稿", "withdraw": "撤回审核",
                                    "submit": "报送公开办", "publish": "发布"}[name], person=True)  # fmt: skip
            if name == "withdraw":
                step.add_argument("--note", default="")
        remind = sub.add_parser("remind", help="发送年度报告发布期限提醒(每日运行一次)")
        remind.add_argument(
            "--date", type=datetime.date.fromisoformat, help="按该日期发送(默认今天)"
        )

    def handle(self, *args, action, **options):
        if action in STEPS:
            return self._step(action, **options)
        return getattr(self, f"_{action}")(**options)

    # Finding what the command is about.

    def _unit_year(self, unit: str, year: int) -> Unit:
        found = unit_named(unit)
        if problem := services.year_problem(found, year, timezone.localdate()):
            raise _refuse(problem)
        return found

    def _report(self, unit: str, year: int) -> AnnualReport:
        found = self._unit_year(unit, year)
        report = AnnualReport.objects.filter(unit=found, year=year).first()
        if report is None:
            raise _refuse(f"{found.name}尚未开始编制{year}年度报告(先运行 report start)")
        return report

    def _person(self, username: str, allowed, unit: Unit):
        user = active_person(username)
        if not allowed(user, unit):
            raise _refuse(f"“{username}”无权对{unit.name}的年度报告进行此操作")
        return user

    def _write(self, content: bytes | str, output: str | None) -> None:
        if output is None:
            self.stdout.write(content)
            return
        path = Path(output)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content + "\n", encoding="utf-8")
        self.stdout.write(f"已写入 {output}")

    # Subcommands.

    def _annual(self, *, unit, city, year, format, output, **_):
        if city:
            today = timezone.localdate()
            if year > today.year:
                raise _refuse(f"{year}年尚未到来,不能生成年度报告")
            doc = document.build_city(Unit.objects.existing_in(year), year)
        else:
            found = self._unit_year(unit, year)
            report = AnnualReport.objects.filter(unit=found, year=year).first()
            doc = document.current(report or AnnualReport(unit=found, year=year))
        if format == "json":
            self._write(json.dumps(doc, ensure_ascii=False, indent=1), output)
        elif format == "html":
            self._write(render_to_string("reports/standalone.html", tables_context(doc)), output)
        else:
            if output is None:
                raise _refuse("docx 格式请用 -o 指定输出文件")
            self._write(report_docx(doc), output)

    def _start(self, *, unit, year, username, **_):
        found = self._unit_year(unit, year)
        user = self._person(username, permissions.can_write, found)
        try:
            report = services.start(found, year, actor=user)
        except services.ReportRefused as refused:
            raise _refuse(";".join(refused.messages)) from None
        self.stdout.write(f"{report}:{report.get_status_display()}")

    def _text(self, *, unit, year, username, section, file, **_):
        report = self._report(unit, year)
        user = self._person(username, permissions.can_write, report.unit)
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _refuse(f"无法读取 {file}:{exc}") from None
        try:
            services.save_text(report, actor=user, **{section: text})
        except services.ReportRefused as refused:
            raise _refuse(";".join(refused.messages)) from None
        self.stdout.write("已保存")

    def _figures(self, *, unit, year, username, set, source, **_):
        report = self._report(unit, year)
        user = self._person(username, permissions.can_write, report.unit)
        entries = {}
        for item in set:
            code, sep, value = item.partition("=")
            if not sep:
                raise _refuse(f"--set {item}:应写成 项目代码=数值,如 licensing=12")
            entries[code.strip()] = (value, source)
        try:
            services.enter_figures(report, entries, actor=user)
        except services.ReportRefused as refused:
            raise _refuse(";".join(refused.messages)) from None
        self.stdout.write(f"已填报 {len(entries)} 项")

    def _check(self, *, unit, year, **_):
        report = self._report(unit, year)
        doc = document.current(report)
        for warning in doc["warnings"]:
            self.stdout.write(f"提醒:{warning}")
        if doc["checks"]:
            raise _refuse("不能提交审核:" + ";".join(doc["checks"]))
        self.stdout.write("检查通过")

    def _step(self, action, *, unit, year, username, note="", **_):
        report = self._report(unit, year)
        allowed, run = STEPS[action]
        user = self._person(username, allowed, report.unit)
        extra = {"note": note} if action == "withdraw" else {}
        try:
            report = run(report, actor=user, **extra)
        except services.ReportRefused as refused:
            raise _refuse(";".join(refused.messages)) from None
        self.stdout.write(f"{report}:{report.get_status_display()}")

    def _remind(self, *, date, **_):
        sent = reminders.send_reminders(date or timezone.localdate())
        self.stdout.write(f"已向 {sent} 个单位发送年度报告提醒")
