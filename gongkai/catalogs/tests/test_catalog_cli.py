"""`gongkai catalog import|export`: exit code 1 and nothing stored on any refusal."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.catalogs import services
from gongkai.catalogs.models import Catalog, CatalogEvent, CatalogItem, CatalogVersion
from gongkai.catalogs.services import ITEM_FIELDS, ItemData
from gongkai.catalogs.tests.workbooks import (
    SHENWAN_ROWS,
    SHENWAN_TITLE,
    published_workbook,
    xlsx_bytes,
)
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Unit

Status = CatalogVersion.Status
TANZHOU_TITLE = "坦洲镇义务教育领域基层政务公开标准目录"
TANZHOU_ROWS = [
    ("政策文件", "规范性文件", "部门和地方政府规章\n各类教育政策文件", "《政府信息公开条例》",
     "信息形成或者变更之日起20个工作日内", "坦洲镇教体文旅局", "■政府网站\n□两微一端",
     "√", "", "√", "", "", "√"),
    ("招生管理", "招生计划", "各校本年度招生计划", "《政府信息公开条例》", "同上",
     "坦洲镇教体文旅局", "■政府网站", "√", "", "√", "", "", "√"),
]  # fmt: skip


def catalog_file(tmp_path, rows=TANZHOU_ROWS, title=TANZHOU_TITLE, name="坦洲镇义务教育.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(published_workbook(title, rows)))
    return path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("catalog", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1
    return str(caught.value)


def stored() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Catalog, CatalogVersion, CatalogItem, CatalogEvent, AuditEvent)
    )


def fields(items) -> list[dict]:
    return [{name: getattr(item, name) for name in ITEM_FIELDS} for item in items]


def publish(version, *, approver, counterpart, office):
    services.version_submit(version=version, actor=approver)
    services.version_review(
        version=version,
        actor=counterpart,
        reviewer_unit=Unit.objects.get(code="education"),
        approve=True,
        text="符合标准指引。",
    )
    services.version_file(version=version, actor=office)
    return services.version_publish(version=version, actor=approver)


# Import ---------------------------------------------------------------------------------


def test_import_creates_a_draft_and_reports_what_it_read(zhongshan, tmp_path):
    out, err = run("import", catalog_file(tmp_path), "--unit", "坦洲镇", "--domain", "义务教育")

    assert "读取行数:2" in out
    assert "公开事项:2" in out
    assert "无法识别的公开时限:0" in out
    assert "新建草稿" in out and err == ""
    version = CatalogVersion.objects.get(
        catalog__unit__code="tanzhou", catalog__domain__name="义务教育"
    )
    assert version.status == Status.DRAFT and version.number == 1
    assert version.source_note == "从 坦洲镇义务教育.xlsx 导入"
    assert [item.name for item in version.items.all()] == ["规范性文件", "招生计划"]
    assert version.items.first().elements == ["部门和地方政府规章", "各类教育政策文件"]


def test_unparsed_time_limit_is_imported_and_listed(zhongshan, tmp_path):
    rows = [TANZHOU_ROWS[0], TANZHOU_ROWS[1][:4] + ("尽快",) + TANZHOU_ROWS[1][5:]]

    out, _err = run(
        "import", catalog_file(tmp_path, rows), "--unit", "坦洲镇", "--domain", "义务教育"
    )

    assert "无法识别的公开时限:1" in out
    assert "  第5行:尽快" in out
    item = CatalogItem.objects.get(name="招生计划")
    assert item.time_limit_text == "尽快" and item.time_limit["kind"] == "unparsed"


def test_title_of_another_catalog_is_warned_about(zhongshan, tmp_path):
    path = catalog_file(tmp_path, SHENWAN_ROWS, SHENWAN_TITLE)

    _out, err = run("import", path, "--unit", "坦洲镇", "--domain", "义务教育")

    assert "标题“神湾镇涉农补贴领域基层政务公开标准目录”中没有单位名称“坦洲镇”" in err
    assert "中没有领域名称“义务教育”" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook at all", "文件不是有效的 Excel(.xlsx)工作簿"),
        (
            xlsx_bytes(
                published_workbook(
                    TANZHOU_TITLE, [TANZHOU_ROWS[0][:6] + ("微博号码",) + TANZHOU_ROWS[0][7:]]
                )
            ),
            "第4行“公开渠道和载体”列(H列):未知的公开渠道“微博号码”",
        ),
    ],
    ids=["junk", "unknown channel"],
)
def test_bad_file_exits_1_and_stores_nothing(zhongshan, tmp_path, content, message):
    path = tmp_path / "目录.xlsx"
    path.write_bytes(content)
    before = stored()

    error = refused("import", path, "--unit", "坦洲镇", "--domain", "义务教育")

    assert error.startswith("未导入,文件有误:\n")
    assert message in error
    assert stored() == before


def test_missing_file_exits_1(zhongshan, tmp_path):
    before = stored()

    error = refused("import", tmp_path / "没有.xlsx", "--unit", "坦洲镇", "--domain", "义务教育")

    assert "找不到文件" in error
    assert stored() == before


@pytest.mark.parametrize(
    ("unit", "domain", "message"),
    [("火星镇", "义务教育", "未知单位“火星镇”"), ("坦洲镇", "星际旅行", "未知领域“星际旅行”")],
)
def test_unknown_unit_or_domain_exits_1(zhongshan, tmp_path, unit, domain, message):
    path = catalog_file(tmp_path)
    before = stored()

    assert refused("import", path, "--unit", unit, "--domain", domain) == message
    assert refused("export", "--unit", unit, "--domain", domain, "--format", "json") == message
    assert stored() == before


def test_import_refused_while_the_version_is_under_review(
    zhongshan, tmp_path, xiaolan_draft, xiaolan_approver
):
    services.version_submit(version=xiaolan_draft, actor=xiaolan_approver)
    names = [item.name for item in xiaolan_draft.items.all()]
    before = stored()

    error = refused("import", catalog_file(tmp_path), "--unit", "小榄镇", "--domain", "义务教育")

    assert "已提交" in error and "不能修改" in error
    assert stored() == before
    xiaolan_draft.refresh_from_db()
    assert xiaolan_draft.status == Status.SUBMITTED
    assert [item.name for item in xiaolan_draft.items.all()] == names


def test_guideline_allowing_one_mode_refuses_both_ticked(zhongshan, tmp_path, guideline):
    both = TANZHOU_ROWS[1][:9] + ("√", "√") + TANZHOU_ROWS[1][11:]
    before = stored()

    error = refused(
        "import",
        catalog_file(tmp_path, [TANZHOU_ROWS[0], both]),
        "--unit",
        "坦洲镇",
        "--domain",
        "义务教育",
    )

    assert "第5行“依申请”列(L列)" in error and "只能选一种" in error
    assert stored() == before


def test_without_a_guideline_both_modes_may_be_ticked(zhongshan, tmp_path):
    both = TANZHOU_ROWS[1][:9] + ("√", "√") + TANZHOU_ROWS[1][11:]

    run(
        "import",
        catalog_file(tmp_path, [TANZHOU_ROWS[0], both]),
        "--unit",
        "坦洲镇",
        "--domain",
        "义务教育",
    )

    item = CatalogItem.objects.get(name="招生计划")
    assert item.mode_proactive and item.mode_on_request


# Export ---------------------------------------------------------------------------------


def test_export_xlsx_needs_an_output_file(xiaolan_draft):
    assert "-o" in refused("export", "--unit", "小榄镇", "--domain", "义务教育")


def test_export_json_prints_every_item(xiaolan_draft):
    out, _err = run("export", "--unit", "小榄镇", "--domain", "义务教育", "--format", "json")

    data = json.loads(out)
    assert data["version"] == 1 and data["status"] == "draft"
    assert [{f: row[f] for f in ITEM_FIELDS} for row in data["items"]] == fields(
        xiaolan_draft.items.all()
    )
    assert [row["time_limit"] for row in data["items"]] == [
        item.time_limit for item in xiaolan_draft.items.all()
    ]


def test_export_of_a_catalog_without_versions_exits_1(zhongshan, tmp_path, education):
    services.catalog_get_or_create(
        unit=Unit.objects.get(code="tanzhou"), domain=education, actor=None
    )
    output = tmp_path / "out.xlsx"

    error = refused("export", "--unit", "坦洲镇", "--domain", "义务教育", "-o", output)

    assert error == "坦洲镇义务教育领域标准目录没有任何版本"
    assert not output.exists()


def test_export_of_a_version_that_does_not_exist_exits_1(xiaolan_draft, tmp_path):
    error = refused(
        "export",
        "--unit",
        "小榄镇",
        "--domain",
        "义务教育",
        "--version",
        7,
        "-o",
        tmp_path / "x.xlsx",
    )

    assert error == "小榄镇义务教育领域标准目录没有第7版"


def test_export_then_import_is_lossless(
    tmp_path, xiaolan_draft, xiaolan_editor, xiaolan_approver, jiaoti_approver, office_admin
):
    services.item_save(
        version=xiaolan_draft,
        actor=xiaolan_editor,
        data=ItemData(
            stage="result",
            category="招生管理",
            name="招生结果",
            sub_name="民办学校电脑派位结果",
            elements=["派位结果", "派位视频"],
            legal_basis=["《民办教育促进法》", "《政府信息公开条例》"],
            time_limit_text="信息形成之日起5个工作日内",
            publisher="小榄镇教体文旅局",
            channels=["gov_website", "notice_board", "other"],
            channels_other="小榄镇人民政府网站、微信公众号",
            audience_public=False,
            audience_specific=True,
            mode_on_request=True,
            levels=["town", "village"],
            remarks="派位当日公布",
        ),
    )
    published = publish(
        xiaolan_draft, approver=xiaolan_approver, counterpart=jiaoti_approver, office=office_admin
    )
    path = tmp_path / "小榄镇义务教育.xlsx"

    out, _err = run(
        "export", "--unit", "xiaolan", "--domain", "义务教育", "--version", 1, "-o", path
    )
    assert "3 项" in out
    out, _err = run("import", path, "--unit", "小榄镇", "--domain", "义务教育")

    assert "新建草稿" in out and "无法识别的公开时限:0" in out
    draft = CatalogVersion.objects.get(catalog=published.catalog, number=2)
    assert draft.status == Status.DRAFT and draft.based_on == published
    assert fields(draft.items.all()) == fields(published.items.all())
    assert [i.time_limit for i in draft.items.all()] == [
        i.time_limit for i in published.items.all()
    ]
