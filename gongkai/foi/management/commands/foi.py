"""`gongkai foi`: a unit's ledger in and out, and the daily deadline reminders.

    import FILE.csv|FILE.xlsx --unit 坦洲镇 [--as USER]   all or nothing; twice changes nothing
    list --unit 坦洲镇 [--format json|text]              every case with its due date
    remind [--date 2026-12-01]                           send today's deadline reminders

Exit codes: 0 success; 1 refused (bad file, unknown unit or user): nothing stored.
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.foi.ledger import LedgerError, ledger_import, read_ledger
from gongkai.foi.permissions import can_register_for
from gongkai.foi.reminders import send_reminders
from gongkai.foi.selectors import ledger_rows
from gongkai.orgs.commands import active_person, unit_named
from gongkai.orgs.commands import refuse as _refuse
from gongkai.orgs.permissions import is_office_admin


class Command(BaseCommand):
    help = "依申请公开:导入台账、列出申请、发送期限提醒"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="导入单位的依申请公开台账(CSV 或 xlsx,全部成功或全部不导入)"
        )
        imp.add_argument("file")
        imp.add_argument("--unit", required=True, help="单位名称或代码")
        imp.add_argument("--as", dest="username", help="以该人员名义导入(本单位经办人或公开办)")
        lst = sub.add_parser("list", help="列出单位的全部申请")
        lst.add_argument("--unit", required=True, help="单位名称或代码")
        lst.add_argument("--format", choices=["json", "text"], default="text")
        remind = sub.add_parser("remind", help="发送答复期限提醒邮件(每日运行)")
        remind.add_argument("--date", help="按该日期计算(默认今天),如 2026-12-01")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _import(self, *, file, unit, username, **_):
        found = unit_named(unit)
        actor = None
        if username:
            actor = active_person(username)
            if not (is_office_admin(actor) or can_register_for(actor, found)):
                raise _refuse(f"{username} 不是{found.name}的依申请公开经办人,也不是公开办管理员")
        path = Path(file)
        if not path.is_file():
            raise _refuse(f"找不到文件 {path}")
        try:
            rows = read_ledger(path.name, path.read_bytes())
            report = ledger_import(unit=found, rows=rows, actor=actor)
        except LedgerError as exc:
            raise _refuse("未导入,文件有误:\n" + "\n".join(exc.errors)) from None
        self.stdout.write(
            f"{found.name}台账:新增 {report.created} 件,更新 {report.updated} 件,"
            f"未变 {report.unchanged} 件"
        )

    def _list(self, *, unit, format, **_):
        rows = ledger_rows(unit_named(unit))
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write("\t".join(str(row[k] if row[k] is not None else "-") for k in row))

    def _remind(self, *, date, **_):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise _refuse(f"“{date}”不是日期,请写作 2026-12-01") from None
        self.stdout.write(f"已发送 {send_reminders(today)} 件申请的期限提醒")
