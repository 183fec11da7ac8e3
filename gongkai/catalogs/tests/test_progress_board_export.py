"""The progress board exports to xlsx with the page's filters and lateness."""

import datetime
import io

import time_machine
from openpyxl import load_workbook

from gongkai.catalogs.services import version_submit


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_office_exports_the_filtered_board(client, office_admin, xiaolan_draft):
    with time_machine.travel(datetime.datetime(2020, 11, 5, 10, tzinfo=datetime.UTC)):
        version_submit(version=xiaolan_draft, actor=None)
        client.force_login(office_admin)
        sheet = _sheet(
            client.get("/staff/catalogs/board/export.xlsx?batch=2&domain=compulsory-education")
        )

    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("单位", "批次", "期限", "义务教育")
    by_unit = {row[0]: row for row in rows[2:]}
    assert "坦洲镇" not in by_unit  # batch 1
    assert by_unit["小榄镇"][3] == "已提交 第1版 逾期"  # not filed by 2020-10-31
    assert by_unit["小榄镇"][2] == datetime.datetime(2020, 10, 31)
    assert by_unit["民众镇"][3] == "未编制 逾期"


def test_a_unit_exports_only_its_own_row(client, xiaolan_editor, xiaolan_draft):
    client.force_login(xiaolan_editor)

    sheet = _sheet(client.get("/staff/catalogs/board/export.xlsx"))

    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["小榄镇"]
