"""Export → import gives back the same catalog, field for field (the real rows of DOMAIN.md §5)."""

import pytest
from django.core.management import call_command

from gongkai.catalogs import excel_export, services
from gongkai.catalogs.excel_import import read_catalog_xlsx
from gongkai.catalogs.models import Catalog, CatalogVersion
from gongkai.catalogs.services import ITEM_FIELDS, ItemData
from gongkai.orgs.models import Unit

# The demo catalogs hold the rows DOMAIN.md §5 quotes from these towns.
REAL_CATALOGS = [
    ("民众镇", "义务教育"),
    ("大涌镇", "社会救助"),
    ("古镇镇", "社会救助"),
    ("南区", "户籍管理"),
    ("三角镇", "财政预决算"),
    ("神湾镇", "涉农补贴"),
]


@pytest.fixture
def demo_catalogs(zhongshan, official_calendar):
    call_command("seed", "demo", verbosity=0)


def _fields(items) -> list[dict]:
    return [{name: getattr(item, name) for name in ITEM_FIELDS} for item in items]


@pytest.mark.parametrize(("unit_name", "domain_name"), REAL_CATALOGS)
def test_export_then_import_is_lossless(demo_catalogs, unit_name, domain_name):
    catalog = Catalog.objects.get(unit__name=unit_name, domain__name=domain_name)
    original = catalog.versions.first()
    data = excel_export.to_bytes(excel_export.version_workbook(original))

    imported = read_catalog_xlsx(data)

    assert imported.unparsed == []
    assert _fields(imported.items) == _fields(original.items.all())


def test_round_trip_through_a_new_draft_keeps_rules_and_every_column(demo_catalogs):
    """Optional columns (过程, 三级事项, 备注), every channel, both modes and all levels survive."""
    unit = Unit.objects.get(name="坦洲镇")
    catalog = Catalog.objects.get(unit=unit, domain__name="义务教育")
    version = services.version_start(catalog=catalog, actor=None)
    services.item_save(
        version=version,
        actor=None,
        data=ItemData(
            stage="result",
            category="招生管理",
            name="招生结果",
            sub_name="民办学校电脑派位结果",
            elements=["派位结果", "派位视频"],
            legal_basis=["《民办教育促进法》", "《政府信息公开条例》"],
            time_limit_text="信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
            publisher="坦洲镇教体文旅局",
            channels=["gov_website", "new_media", "notice_board", "targeted_push", "other"],
            channels_other="坦洲镇人民政府网站、微信公众号",
            audience_public=True,
            audience_specific=True,
            mode_proactive=False,
            mode_on_request=True,
            levels=["city", "town", "village"],
            remarks="派位当日公布",
        ),
    )
    data = excel_export.to_bytes(excel_export.version_workbook(version))

    imported = read_catalog_xlsx(data)
    copy, created = services.version_import(
        unit=Unit.objects.get(name="小榄镇"),
        domain=catalog.domain,
        items=imported.items,
        actor=None,
        source_name="坦洲镇.xlsx",
    )

    assert created is False  # 小榄镇's demo draft (started from 坦洲镇) is replaced
    assert copy.status == CatalogVersion.Status.DRAFT
    assert _fields(copy.items.all()) == _fields(version.items.all())
    assert [i.time_limit for i in copy.items.all()] == [i.time_limit for i in version.items.all()]


def test_a_named_other_channel_keeps_its_brackets(zhongshan):
    """其他:镇政务服务中心(窗口) survives; 其他(微信公众号) loses only the brackets it opened."""
    from gongkai.catalogs.tests.workbooks import SHENWAN_ROWS, published_workbook, xlsx_bytes

    rows = [list(row) for row in SHENWAN_ROWS]
    rows[0][6] = "■政府网站\n■其他：镇政务服务中心（窗口）"
    rows[1][6] = "■其他（微信公众号）"
    data = xlsx_bytes(
        published_workbook("神湾镇", [tuple(r) for r in rows], levels=("市级", "镇级"))
    )

    first, second = read_catalog_xlsx(data).items

    assert first.channels_other == "镇政务服务中心（窗口）"
    assert second.channels_other == "微信公众号"
