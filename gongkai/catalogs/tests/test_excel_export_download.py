"""Staff download a version as xlsx in the standard layout; others get a 404."""

import io

from openpyxl import load_workbook

from gongkai.catalogs.excel_import import read_catalog_xlsx


def test_editor_downloads_the_draft(client, xiaolan_editor, xiaolan_draft):
    client.force_login(xiaolan_editor)

    response = client.get(f"/staff/catalogs/v/{xiaolan_draft.pk}/export.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "小榄镇义务教育领域基层政务公开标准目录"
    assert (sheet["A2"].value, sheet["B3"].value) == ("序号", "一级事项")
    assert [i.name for i in read_catalog_xlsx(response.content).items] == ["规范性文件", "招生计划"]


def test_counterpart_cannot_download_a_draft(client, jiaoti_approver, xiaolan_draft):
    client.force_login(jiaoti_approver)

    denied = client.get(f"/staff/catalogs/v/{xiaolan_draft.pk}/export.xlsx")
    missing = client.get("/staff/catalogs/v/999999/export.xlsx")

    assert denied.status_code == missing.status_code == 404
