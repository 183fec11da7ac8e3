"""A unit's already-published list moves in all or nothing; personal data is refused at the door."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.privacy.tests.files import ID_CHEN
from gongkai.records.models import Record

HEADER = ["标题", "文号", "发布日期", "成文日期", "索引号", "有效性", "链接", "正文"]
ROWS = [
    ["坦洲镇2024年城乡居民医保参保通知", "坦府〔2024〕3号", "2024-01-08", "2024-01-05",
     "007239458/2024-00003", "有效", "https://www.zs.gov.cn/tzz/content/post_1.html", ""],
    ["坦洲镇2023年低保标准调整的通知", "坦府〔2023〕21号", "2023年7月3日", "", "",
     "已修订", "", "自2023年7月起,低保标准调整为每人每月1,120元。"],
]  # fmt: skip


def _file(tmp_path, rows, header=HEADER):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "坦洲镇历史信息.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_rows_become_published_records_with_their_dates(tmp_path, tanzhou_editor, capsys):
    call_command(
        "records", "import", _file(tmp_path, ROWS), "--unit", "坦洲镇", "--as", "chen_xiaowen"
    )

    assert "已导入坦洲镇的历史信息 2 条" in capsys.readouterr().out
    first = Record.objects.get(index_number="007239458/2024-00003")
    assert first.status == "published" and first.published_at.date().isoformat() == "2024-01-08"
    second = Record.objects.get(doc_number="坦府〔2023〕21号")
    assert second.validity == "amended" and second.index_number == "tanzhou/2023-00001"
    assert second.body == "<p>自2023年7月起,低保标准调整为每人每月1,120元。</p>"


def test_every_bad_row_is_listed_and_nothing_is_stored(tmp_path, tanzhou_editor):
    rows = [list(row) for row in ROWS]
    rows[0][2] = "上周"
    rows[1][5] = "作废"
    rows[1][7] = f"申请人身份证号{ID_CHEN}"

    with pytest.raises(CommandError) as refused:
        call_command(
            "records", "import", _file(tmp_path, rows), "--unit", "坦洲镇", "--as", "chen_xiaowen"
        )

    message = str(refused.value)
    assert refused.value.returncode == 1
    assert "第2行“发布日期”列(C列):“上周”不是日期" in message
    assert "第3行“有效性”列(F列)" in message
    assert "第3行“正文”列(H列):含1处未遮蔽的身份证号码" in message
    assert not Record.objects.exists()


def test_a_taken_index_number_and_a_missing_column_are_refused(tmp_path, tanzhou_editor):
    call_command(
        "records", "import", _file(tmp_path, ROWS[:1]), "--unit", "坦洲镇", "--as", "chen_xiaowen"
    )

    with pytest.raises(CommandError) as taken:
        call_command(
            "records",
            "import",
            _file(tmp_path, ROWS[:1]),
            "--unit",
            "坦洲镇",
            "--as",
            "chen_xiaowen",
        )
    with pytest.raises(CommandError) as missing:
        call_command(
            "records", "import", _file(tmp_path, [["x"]], header=["标题"]),
            "--unit", "坦洲镇", "--as", "chen_xiaowen",
        )  # fmt: skip

    assert "索引号“007239458/2024-00003”已存在" in str(taken.value)
    assert "缺少必需的列:发布日期" in str(missing.value)
    assert Record.objects.count() == 1


def test_personal_data_in_any_column_long_values_and_future_dates(tmp_path, tanzhou_editor):
    rows = [list(ROWS[0])]
    rows[0][1] = "坦13812345678号"  # a mobile number in the 文号 column
    rows[0][2] = "2099-01-01"
    rows[0][4] = "x" * 61

    with pytest.raises(CommandError) as refused:
        call_command(
            "records", "import", _file(tmp_path, rows), "--unit", "坦洲镇", "--as", "chen_xiaowen"
        )

    message = str(refused.value)
    assert "“文号”列(B列):含1处未遮蔽的手机号码" in message
    assert "发布日期不能晚于今天" in message and "“索引号”列(E列):超过60字" in message
    assert not Record.objects.exists()


def test_only_the_units_editors_or_the_office_import(tmp_path, tanzhou_editor, xiaolan_editor):
    with pytest.raises(CommandError) as refused:
        call_command(
            "records", "import", _file(tmp_path, ROWS), "--unit", "坦洲镇", "--as", "li_wanting"
        )

    assert refused.value.returncode == 1 and not Record.objects.exists()


def test_generated_numbers_skip_imported_ones(tmp_path, tanzhou_editor):
    from gongkai.records import services

    rows = [list(ROWS[0])]
    rows[0][4] = f"tanzhou/{services.timezone.localdate().year}-00001"
    rows[0][2] = "2026-01-05"
    call_command(
        "records", "import", _file(tmp_path, rows), "--unit", "坦洲镇", "--as", "chen_xiaowen"
    )

    record = services.record_create(
        unit=tanzhou_editor.memberships.get().unit, actor=tanzhou_editor,
        data=services.RecordData(title="新草稿"),
    )  # fmt: skip

    assert record.index_number.endswith("-00002")
