"""`gongkai seed zhongshan` (reference data) and `gongkai seed demo` (demo accounts and data).

Both are idempotent. A data problem exits with code 2 and changes nothing.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from gongkai import seed
from gongkai.core.services import calendar_sync_package
from gongkai.orgs.demo import DEMO_PASSWORD
from gongkai.orgs.seeding import SeedDataError, SeedReport


class Command(BaseCommand):
    help = "载入中山市参考数据(zhongshan)或演示数据(demo)"

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=["zhongshan", "demo"])
        parser.add_argument(
            "--allow-production", action="store_true", help="在生产环境也载入演示账号(不建议)"
        )

    def handle(self, *args, dataset, allow_production, **options):
        try:
            self._zhongshan()
            if dataset == "demo":
                if settings.PRODUCTION and not allow_production:
                    raise CommandError(
                        "生产环境不载入演示数据(演示账号的密码是公开的)", returncode=2
                    )
                self._demo()
        except SeedDataError as exc:
            raise CommandError(
                "数据有误,未作任何修改: " + ";".join(exc.errors), returncode=2
            ) from None
        except ValidationError as exc:
            raise CommandError(
                "数据有误,未作任何修改: " + "; ".join(exc.messages), returncode=2
            ) from None

    def _zhongshan(self):
        report = SeedReport()
        for path in seed.REFERENCE_LOADERS:
            part = import_string(path)(actor=None)
            report.created.update(part.created)
            report.updated.update(part.updated)
        years = calendar_sync_package(actor=None)
        if report.changed or years:
            parts = [f"新增{label} {n} 个" for label, n in sorted(report.created.items())]
            parts += [f"更新{label} {n} 个" for label, n in sorted(report.updated.items())]
            if years:
                parts.append(f"载入工作日历 {years[0]}–{years[-1]} 年")
            self.stdout.write("中山市参考数据: " + ",".join(parts))
        else:
            self.stdout.write("中山市参考数据: 已是最新,无变化")

    def _demo(self):
        rows = []
        for path in seed.DEMO_LOADERS:
            result = import_string(path)(actor=None)
            if isinstance(result, list):
                rows.extend(result)
        self.stdout.write("")
        self.stdout.write(f"演示账号(密码均为 {DEMO_PASSWORD}):")
        for row in rows:
            self.stdout.write(
                f"  {row['username']:<18} {row['name']}  {row['unit']} · {row['roles']}"
            )
        self.stdout.write("")
        base = f"http://127.0.0.1:{os.environ.get('GONGKAI_PORT', '8000')}"
        self.stdout.write(f"工作台: {base}/staff/   公众门户: {base}/")
