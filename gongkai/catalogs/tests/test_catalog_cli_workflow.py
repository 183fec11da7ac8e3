"""A batch-2 town's catalog, end to end on the command line, each step in a person's name.

黄圃镇's editor 何嘉欣 starts from 坦洲镇's published catalog, exports it, and
imports her edited file; approver 吴国栋 submits; 苏文静 (市教育体育局) approves;
黎秀芳 of the openness office files; 吴国栋 publishes. Steps taken by the wrong
person are refused with exit code 1 and change nothing.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from conftest import make_staff
from gongkai.catalogs.models import CatalogEvent, CatalogVersion
from gongkai.core.models import AuditEvent

TOWN = ["--unit", "黄圃镇", "--domain", "义务教育"]


def gongkai_catalog(*args) -> str:
    out = StringIO()
    call_command("catalog", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(*args) -> str:
    before = (
        CatalogVersion.objects.count(),
        CatalogEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(CommandError) as caught:
        gongkai_catalog(*args)
    assert caught.value.returncode == 1
    after = (
        CatalogVersion.objects.count(),
        CatalogEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    return str(caught.value)


@pytest.fixture
def huangpu(zhongshan, official_calendar):
    call_command("seed", "demo", verbosity=0)  # 坦洲镇's 义务教育 catalog is published
    return {
        "editor": make_staff("he_jiaxin", "何嘉欣", "huangpu", "editor"),
        "approver": make_staff("wu_guodong", "吴国栋", "huangpu", "approver"),
        "counterpart": make_staff("su_wenjing", "苏文静", "education", "approver"),
        "other_department": make_staff("feng_jianming", "冯建明", "civil-affairs", "approver"),
    }


def test_from_model_unit_to_published(huangpu, office_admin, tmp_path):
    out = gongkai_catalog("start", *TOWN, "--as", "he_jiaxin", "--from", "坦洲镇")
    assert "已新建黄圃镇义务教育领域标准目录 第1版:6 项" in out

    edited = tmp_path / "黄圃镇义务教育.xlsx"
    gongkai_catalog("export", *TOWN, "-o", str(edited))
    workbook = load_workbook(edited)
    assert workbook.active["A1"].value == "黄圃镇义务教育领域基层政务公开标准目录"
    assert workbook.active["G4"].value == "黄圃镇教体文旅局"  # publisher mapped from 坦洲镇
    workbook.active["F4"].value = "信息形成或者变更之日起10个工作日内"
    workbook.save(edited)
    out = gongkai_catalog("import", str(edited), *TOWN, "--as", "he_jiaxin")
    assert "替换草稿内容" in out and "公开事项:6" in out

    assert "已提交" in gongkai_catalog("submit", *TOWN, "--as", "wu_guodong")
    gongkai_catalog(
        "review", *TOWN, "--as", "su_wenjing", "--approve", "--opinion", "符合标准指引,同意报备。"
    )
    assert "已备案" in gongkai_catalog("file", *TOWN, "--as", office_admin.username)
    assert "已发布" in gongkai_catalog("publish", *TOWN, "--as", "wu_guodong")

    status = gongkai_catalog("status", *TOWN)
    assert status.startswith("第1版\t已发布\t6 项")
    version = CatalogVersion.objects.get(catalog__unit__code="huangpu")
    assert version.items.first().time_limit["amount"] == 10
    assert list(version.events.values_list("new_status", "actor__username")) == [
        ("draft", "he_jiaxin"),
        ("submitted", "wu_guodong"),
        ("approved", "su_wenjing"),
        ("filed", office_admin.username),
        ("published", "wu_guodong"),
    ]


def test_each_step_by_the_wrong_person_is_refused(huangpu, office_admin, tmp_path):
    gongkai_catalog("start", *TOWN, "--as", "he_jiaxin", "--from", "坦洲镇")

    assert "不能" in refused("submit", *TOWN, "--as", "he_jiaxin")  # an editor, not an approver
    assert "不能" in refused(
        "start", "--unit", "黄圃镇", "--domain", "社会救助", "--as", "su_wenjing"
    )
    gongkai_catalog("submit", *TOWN, "--as", "wu_guodong")
    exported = tmp_path / "黄圃镇义务教育.xlsx"
    gongkai_catalog("export", *TOWN, "-o", str(exported))
    assert "不能修改" in refused("import", str(exported), *TOWN)  # under review
    assert "不能" in refused(
        "review", *TOWN, "--as", "feng_jianming", "--approve", "--opinion", "同意"
    )  # 市民政局 is not the counterpart for 义务教育
    assert "不能" in refused("file", *TOWN, "--as", "wu_guodong")  # only the office files
    assert "不能" in refused("publish", *TOWN, "--as", "wu_guodong")  # not filed yet
    assert "没有启用的用户" in refused("submit", *TOWN, "--as", "nobody")


def test_status_lists_what_blocks_submission(huangpu):
    gongkai_catalog("start", "--unit", "黄圃镇", "--domain", "社会救助", "--as", "he_jiaxin")

    out = gongkai_catalog("status", "--unit", "黄圃镇", "--domain", "社会救助")

    assert "第1版\t草稿\t0 项" in out
    assert "须处理:目录中还没有任何事项" in out
