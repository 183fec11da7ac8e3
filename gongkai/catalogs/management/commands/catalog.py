"""`gongkai catalog import|export`: the Excel round trip on the command line.

Exit codes: 0 success; 1 the file or the arguments were refused (nothing stored).
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.catalogs import excel_export, services
from gongkai.catalogs.excel_import import CatalogFileError, read_catalog_xlsx, title_warnings
from gongkai.catalogs.models import Catalog
from gongkai.catalogs.selectors import guideline_for, version_as_dict
from gongkai.orgs.models import Unit
from gongkai.orgs.selectors import UnknownName, domain_get_by_name, unit_get_by_name

EXIT_REFUSED = 1


def _refuse(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_REFUSED)


def _unit(name: str) -> Unit:
    unit = Unit.objects.filter(code=name.strip()).first()
    if unit is not None:
        return unit
    try:
        return unit_get_by_name(name)
    except UnknownName as exc:
        raise _refuse(str(exc)) from None


def _domain(name: str):
    try:
        return domain_get_by_name(name)
    except UnknownName as exc:
        raise _refuse(str(exc)) from None


class Command(BaseCommand):
    help = "标准目录的 Excel 导入与导出"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="把 Excel 标准目录导入为草稿版本(全部成功或全部不导入)")
        imp.add_argument("file")
        imp.add_argument("--unit", required=True, help="单位名称或代码,如 坦洲镇")
        imp.add_argument("--domain", required=True, help="领域名称,如 义务教育")
        exp = sub.add_parser("export", help="导出标准目录(xlsx 或 JSON)")
        exp.add_argument("--unit", required=True)
        exp.add_argument("--domain", required=True)
        exp.add_argument("-o", "--output", help="输出文件;JSON 可省略,打印到标准输出")
        exp.add_argument("--format", choices=["xlsx", "json"], default="xlsx")
        exp.add_argument("--version", dest="number", type=int, help="版本号,默认为最新版本")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _import(self, *, file, unit, domain, **_):
        unit, domain = _unit(unit), _domain(domain)
        guideline = guideline_for(domain)
        try:
            imported = read_catalog_xlsx(
                Path(file), single_mode=guideline.single_mode if guideline else False
            )
            version, created = services.version_import(
                unit=unit,
                domain=domain,
                items=imported.items,
                actor=None,
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
