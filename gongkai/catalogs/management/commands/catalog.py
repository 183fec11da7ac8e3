"""`gongkai catalog`: the Excel round trip and the review workflow on the command line.

    import / export            the Excel (or JSON) round trip
    status                     versions, their states and the 应公开尽公开 check
    start / submit / review / file / publish --as USERNAME
                               the workflow steps, as the named member of staff

Workflow steps are taken in a person's name (`--as`) and allowed exactly as on
the staff pages (catalogs/permissions.py); each writes its event and audit row.
Exit codes: 0 success; 1 refused (bad file, unknown name, step not allowed):
nothing is stored.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from gongkai.catalogs import excel_export, permissions, services
from gongkai.catalogs.excel_import import CatalogFileError, read_catalog_xlsx, title_warnings
from gongkai.catalogs.models import Catalog, CatalogVersion
from gongkai.catalogs.selectors import coverage_check, guideline_for, version_as_dict
from gongkai.orgs.commands import active_person as _person
from gongkai.orgs.commands import domain_named as _domain
from gongkai.orgs.commands import refuse as _refuse
from gongkai.orgs.commands import unit_named as _unit
from gongkai.orgs.models import Unit


def _open_version(unit: Unit, domain) -> CatalogVersion:
    """The version in progress (not yet published), which the workflow steps act on."""
    version = (
        CatalogVersion.objects.filter(catalog__unit=unit, catalog__domain=domain)
        .exclude(status__in=[CatalogVersion.Status.PUBLISHED, CatalogVersion.Status.SUPERSEDED])
        .select_related("catalog__unit", "catalog__domain")
        .first()
    )
    if version is None:
        raise _refuse(f"{unit.name}{domain.name}领域标准目录没有在编或在审的版本")
    return version


def _allowed(allowed: bool, user, step: str, version) -> None:
    if not allowed:
        raise _refuse(f"{user.get_full_name() or user.username} 不能对{version}执行“{step}”")


class Command(BaseCommand):
    help = "标准目录:Excel 导入导出,以及编制、提交、审核、备案、发布"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="把 Excel 标准目录导入为草稿版本(全部成功或全部不导入)")
        imp.add_argument("file")
        imp.add_argument("--unit", required=True, help="单位名称或代码,如 坦洲镇")
        imp.add_argument("--domain", required=True, help="领域名称,如 义务教育")
        imp.add_argument("--as", dest="username", help="以该编辑人员的名义导入(默认:系统操作)")
        exp = sub.add_parser("export", help="导出标准目录(xlsx 或 JSON)")
        exp.add_argument("--unit", required=True)
        exp.add_argument("--domain", required=True)
        exp.add_argument("-o", "--output", help="输出文件;JSON 可省略,打印到标准输出")
        exp.add_argument("--format", choices=["xlsx", "json"], default="xlsx")
        exp.add_argument("--version", dest="number", type=int, help="版本号,默认为最新版本")
        status = sub.add_parser("status", help="各版本状态与应公开尽公开检查")
        status.add_argument("--unit", required=True)
        status.add_argument("--domain", required=True)
        steps = {
            "start": "新建草稿(基于现行发布版本,或 --from 示范单位的已发布目录)",
            "submit": "提交(镇区:对口部门审核;部门:公开办备案)",
            "review": "对口部门审核:--approve 通过或 --return 退回,须写 --opinion",
            "file": "公开办备案",
            "publish": "发布已备案的版本",
        }
        for name, text in steps.items():
            step = sub.add_parser(name, help=text)
            step.add_argument("--unit", required=True)
            step.add_argument("--domain", required=True)
            step.add_argument("--as", dest="username", required=True, help="操作人用户名")
            if name == "start":
                step.add_argument("--from", dest="model_unit", help="示范单位,如 坦洲镇")
            if name == "review":
                decision = step.add_mutually_exclusive_group(required=True)
                decision.add_argument("--approve", action="store_true")
                decision.add_argument("--return", dest="send_back", action="store_true")
                step.add_argument("--opinion", required=True, help="书面审核意见")
            if name == "file":
                step.add_argument("--note", default="")

    def handle(self, *args, action, **options):
        try:
            return getattr(self, f"_{action}")(**options)
        except ValidationError as exc:
            raise _refuse("未执行:" + ";".join(exc.messages)) from None

    def _import(self, *, file, unit, domain, username=None, **_):
        unit, domain = _unit(unit), _domain(domain)
        actor = _person(username) if username else None
        if actor is not None and not permissions.can_start_version(actor, unit):
            raise _refuse(f"{actor.username} 不是{unit.name}的编辑人员,不能导入")
        guideline = guideline_for(domain)
        try:
            imported = read_catalog_xlsx(
                Path(file), single_mode=guideline.single_mode if guideline else False
            )
            version, created = services.version_import(
                unit=unit,
                domain=domain,
                items=imported.items,
                actor=actor,
                source_name=Path(file).name,
            )
        except CatalogFileError as exc:
            raise _refuse("未导入,文件有误:\n" + "\n".join(exc.errors)) from None
        except ValidationError as exc:
            raise _refuse("未导入:" + ";".join(exc.messages)) from None
        out = self.stdout
        out.write(f"已导入到{version}({'新建草稿' if created else '替换草稿内容'})")
        out.write(f"工作表:{imported.sheet}")
        out.write(f"读取行数:{imported.rows_read}")
        out.write(f"公开事项:{len(imported.items)}")
        out.write(f"无法识别的公开时限:{len(imported.unparsed)}")
        for row, text in imported.unparsed:
            out.write(f"  第{row}行:{text}")
        if imported.skipped:
            out.write("已跳过说明行:" + "、".join(str(r) for r in imported.skipped))
        for warning in title_warnings(imported, unit_name=unit.name, domain_name=domain.name):
            self.stderr.write(f"注意:{warning}", style_func=self.style.WARNING)

    def _export(self, *, unit, domain, output, format, number, **_):
        unit, domain = _unit(unit), _domain(domain)
        catalog = Catalog.objects.filter(unit=unit, domain=domain).first()
        versions = catalog.versions.all() if catalog else []
        version = (
            (versions.filter(number=number).first() if number else versions.first())
            if catalog
            else None
        )
        if version is None:
            which = f"第{number}版" if number else "任何版本"
            raise _refuse(f"{unit.name}{domain.name}领域标准目录没有{which}")
        if format == "json":
            text = json.dumps(version_as_dict(version), ensure_ascii=False, indent=2)
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if not output:
            raise _refuse("导出 xlsx 须用 -o 指定输出文件")
        Path(output).write_bytes(excel_export.to_bytes(excel_export.version_workbook(version)))
        self.stdout.write(f"已导出{version}:{version.items.count()} 项 → {output}")

    def _status(self, *, unit, domain, **_):
        unit, domain = _unit(unit), _domain(domain)
        catalog = Catalog.objects.filter(unit=unit, domain=domain).first()
        if catalog is None:
            self.stdout.write(f"{unit.name}{domain.name}领域:未编制")
            return
        for version in catalog.versions.all():
            when = version.published_at or version.filed_at or version.submitted_at
            stamp = f"\t{when:%Y-%m-%d}" if when else ""
            self.stdout.write(
                f"第{version.number}版\t{version.get_status_display()}\t"
                f"{version.items.count()} 项{stamp}"
            )
        open_version = catalog.versions.exclude(
            status__in=[CatalogVersion.Status.PUBLISHED, CatalogVersion.Status.SUPERSEDED]
        ).first()
        if open_version is not None:
            report = coverage_check(open_version)
            for error in report.errors:
                self.stdout.write(f"须处理:{error}")
            for warning in report.warnings:
                self.stdout.write(f"提示:{warning}")

    def _start(self, *, unit, domain, username, model_unit=None, **_):
        unit, domain, actor = _unit(unit), _domain(domain), _person(username)
        if not permissions.can_start_version(actor, unit):
            raise _refuse(f"{actor.username} 不是{unit.name}的编辑人员,不能新建草稿")
        if model_unit:
            version = services.version_start_from_model(
                unit=unit, domain=domain, model_unit=_unit(model_unit), actor=actor
            )
        else:
            catalog = services.catalog_get_or_create(unit=unit, domain=domain, actor=actor)
            version = services.version_start(catalog=catalog, actor=actor)
        self.stdout.write(f"已新建{version}:{version.items.count()} 项")

    def _submit(self, *, unit, domain, username, **_):
        version, actor = _open_version(_unit(unit), _domain(domain)), _person(username)
        _allowed(permissions.can_submit_version(actor, version), actor, "提交", version)
        services.version_submit(version=version, actor=actor)
        self.stdout.write(f"已提交{version}")

    def _review(self, *, unit, domain, username, approve, send_back, opinion, **_):
        version, actor = _open_version(_unit(unit), _domain(domain)), _person(username)
        step = "审核通过" if approve else "退回修改"
        may_review = permissions.can_review_version(actor, version)
        may_return_as_office = not approve and permissions.can_file_version(actor, version)
        _allowed(may_review or may_return_as_office, actor, step, version)
        services.version_review(
            version=version,
            actor=actor,
            reviewer_unit=permissions.reviewer_unit_for(actor, version),
            approve=approve,
            text=opinion,
        )
        self.stdout.write(f"{version}:{step}")

    def _file(self, *, unit, domain, username, note, **_):
        version, actor = _open_version(_unit(unit), _domain(domain)), _person(username)
        _allowed(permissions.can_file_version(actor, version), actor, "备案", version)
        services.version_file(version=version, actor=actor, note=note)
        self.stdout.write(f"已备案{version}")

    def _publish(self, *, unit, domain, username, **_):
        version, actor = _open_version(_unit(unit), _domain(domain)), _person(username)
        _allowed(permissions.can_publish_version(actor, version), actor, "发布", version)
        services.version_publish(version=version, actor=actor)
        self.stdout.write(f"已发布{version}")
