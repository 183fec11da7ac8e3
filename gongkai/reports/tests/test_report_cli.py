"""`gongkai report` on the command line: every output, the workflow, and bad input refused."""

import datetime
import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.conftest import TEXTS

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1
    return str(caught.value)


def test_the_whole_workflow_on_the_command_line(
    tmp_path, tanzhou, tanzhou_editor, tanzhou_approver
):
    unit = ["--unit", "坦洲镇", "--year", "2025"]
    run("start", *unit, "--as", tanzhou_editor.username)
    for section, text in TEXTS.items():
        path = tmp_path / f"{section}.txt"
        path.write_text(text, encoding="utf-8")
        run(
            "text",
            *unit,
            "--as",
            tanzhou_editor.username,
            "--section",
            section,
            "--file",
            str(path),
        )
    assert "未填报" in refused("check", *unit)
    run(
        "figures", *unit, "--as", tanzhou_editor.username, "--set", "licensing=312",
        "--set", "penalty=87", "--set", "enforcement=9", "--set", "fees=1.25",
        "--source", "各业务系统 2026-01-06 导出",
    )  # fmt: skip
    assert "检查通过" in run("check", *unit)
    assert "“chen_xiaowen”无权" in refused("approve", *unit, "--as", tanzhou_editor.username)
    for step in ("approve", "submit", "publish"):
        run(step, *unit, "--as", tanzhou_approver.username)
    assert AnnualReport.objects.get(unit=tanzhou, year=2025).status == "published"


def test_json_has_the_three_tables_with_every_row_and_column(tanzhou):
    data = json.loads(run("annual", "--unit", "坦洲镇", "--year", "2025", "--format", "json"))
    assert set(data) >= {"table2", "table3", "table4"}
    assert list(data["table3"]) == [
        "new", "carried_in", "disclosed", "partly_disclosed",
        *[f"refused.{n}" for n in range(1, 9)], *[f"unavailable.{n}" for n in range(1, 4)],
        *[f"not_processed.{n}" for n in range(1, 6)], *[f"other.{n}" for n in range(1, 4)],
        "total", "carried_out",
    ]  # fmt: skip
    assert list(data["table3"]["new"]) == [
        "natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total",
    ]  # fmt: skip


def test_docx_and_html_files(tmp_path, complete_2025):
    target = tmp_path / "report.docx"
    run("annual", "--unit", "tanzhou", "--year", "2025", "--format", "docx", "-o", str(target))
    opened = docx.Document(str(target))
    assert opened.core_properties.title == "坦洲镇2025年政府信息公开工作年度报告"
    assert len(opened.tables) >= 3
    html = run("annual", "--unit", "tanzhou", "--year", "2025", "--format", "html")
    assert "<table" in html and "三、收到和处理政府信息公开申请情况" in html
    assert "docx 格式请用 -o" in refused(
        "annual", "--unit", "tanzhou", "--year", "2025", "--format", "docx"
    )


def test_bad_input_is_refused_and_changes_nothing(tanzhou, tanzhou_editor):
    next_year = timezone.localdate().year + 1
    assert f"{next_year}年尚未到来" in refused(
        "annual", "--unit", "坦洲镇", "--year", str(next_year)
    )
    assert f"{next_year}年尚未到来" in refused("annual", "--city", "--year", str(next_year))
    assert "未知单位“不存在镇”" in refused("annual", "--unit", "不存在镇", "--year", "2025")
    tanzhou.valid_from = datetime.date(2024, 3, 1)
    tanzhou.save()
    assert "坦洲镇在2022年不存在" in refused(
        "start", "--unit", "坦洲镇", "--year", "2022", "--as", tanzhou_editor.username
    )
    assert "尚未开始编制" in refused("check", "--unit", "坦洲镇", "--year", "2025")
    assert "没有启用的用户“nobody”" in refused(
        "start", "--unit", "坦洲镇", "--year", "2025", "--as", "nobody"
    )
    assert "应写成 项目代码=数值" in (
        run("start", "--unit", "坦洲镇", "--year", "2025", "--as", tanzhou_editor.username)
        and refused(
            "figures", "--unit", "坦洲镇", "--year", "2025", "--as", tanzhou_editor.username,
            "--set", "licensing", "--source", "x",
        )
    )  # fmt: skip
    assert "不能为负数" in refused(
        "figures", "--unit", "坦洲镇", "--year", "2025", "--as", tanzhou_editor.username,
        "--set", "licensing=-1", "--source", "x",
    )  # fmt: skip
    assert not AnnualReport.objects.get(unit=tanzhou, year=2025).figures.exists()
