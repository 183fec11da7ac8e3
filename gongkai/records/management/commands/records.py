"""`gongkai records`: moving history in, and the yearly 动态调整.

    import FILE.xlsx --unit 坦洲镇 --as USER   a unit's published list (all or nothing)
    reassess --year 2026               open the year's review and print each unit's progress

Exit codes: 0 success; 1 refused (bad file, unknown unit, bad year): nothing stored.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.orgs.commands import active_person, unit_named
from gongkai.orgs.commands import refuse as _refuse
from gongkai.orgs.permissions import is_office_admin
from gongkai.records.history_import import HistoryFileError, history_import, read_history_xlsx
from gongkai.records.permissions import can_create_record
from gongkai.records.reassessment import reassessment_open, reassessment_progress


class Command(BaseCommand):
    help = "政府信息:导入历史信息,年度动态调整"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入本单位已公开的政府信息清单(全部成功或全部不导入)")
        imp.add_argument("file")
        imp.add_argument("--unit", required=True, help="单位名称或代码")
        imp.add_argument(
            "--as", dest="username", required=True, help="以该人员名义导入(本单位编辑或公开办)"
        )
        reassess = sub.add_parser("reassess", help="开启年度动态调整并列出各单位进度")
        reassess.add_argument("--year", type=int, default=timezone.localdate().year)

    def handle(self, *args, action, **options):
        try:
            return getattr(self, f"_{action}")(**options)
        except ValidationError as exc:
            raise _refuse("未执行:" + ";".join(exc.messages)) from None

    def _import(self, *, file, unit, username, **_):
        found = unit_named(unit)
        actor = active_person(username)
        if not (is_office_admin(actor) or can_create_record(actor, found)):
            raise _refuse(f"{username} 不是{found.name}的编辑人员,也不是公开办管理员,不能导入")
        path = Path(file)
        if not path.is_file():
            raise _refuse(f"找不到文件 {path}")
        try:
            rows = read_history_xlsx(path.read_bytes())
        except HistoryFileError as exc:
            raise _refuse("未导入,文件有误:\n" + "\n".join(exc.errors)) from None
        records = history_import(unit=found, rows=rows, actor=actor, source_name=path.name)
        self.stdout.write(f"已导入{found.name}的历史信息 {len(records)} 条")

    def _reassess(self, *, year, **_):
        opened = reassessment_open(year=year, actor=None)
        self.stdout.write(f"{year}年度动态调整:{len(opened)} 个单位有待评估的信息")
        for progress in reassessment_progress(year):
            self.stdout.write(
                f"{progress.reassessment.unit.name}\t待评估 {progress.total}\t"
                f"已评估 {progress.decided}\t转为主动公开 {progress.disclosed}"
            )
