"""Editors import an Excel catalog from the staff pages; bad files change nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalogs.models import CatalogItem, CatalogVersion
from gongkai.catalogs.services import version_submit
from gongkai.catalogs.tests.workbooks import SHENWAN_ROWS, published_workbook, xlsx_bytes
from gongkai.core.models import AuditEvent

URL = "/staff/catalogs/units/xiaolan/import/"


def _upload(data: bytes, name="小榄镇义务教育.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _catalog_file(changes: dict | None = None) -> bytes:
    rows = [list(row) for row in SHENWAN_ROWS]
    for (row, col), value in (changes or {}).items():
        rows[row][col] = value
    title = "小榄镇义务教育领域基层政务公开标准目录"
    return xlsx_bytes(published_workbook(title, [tuple(r) for r in rows], levels=("市级", "镇级")))


def _counts():
    return CatalogVersion.objects.count(), CatalogItem.objects.count(), AuditEvent.objects.count()


def test_editor_imports_into_a_new_draft(client, xiaolan_editor, education):
    client.force_login(xiaolan_editor)

    response = client.post(URL, {"domain": education.pk, "file": _upload(_catalog_file())})

    version = CatalogVersion.objects.get(catalog__unit__code="xiaolan")
    assert response.status_code == 302 and response.url == f"/staff/catalogs/v/{version.pk}/"
    assert version.status == "draft" and version.items.count() == 2
    assert AuditEvent.objects.filter(actor=xiaolan_editor, action="catalogversion.start").exists()
    page = client.get(response.url).content.decode()
    assert "读取 2 行,公开事项 2 项,无法识别的公开时限 0 处" in page


def test_a_bad_row_lists_where_and_stores_nothing(client, xiaolan_editor, education):
    client.force_login(xiaolan_editor)
    before = _counts()

    response = client.post(
        URL, {"domain": education.pk, "file": _upload(_catalog_file({(1, 6): "■微博大V"}))}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "第5行“公开渠道和载体”列(H列)" in page and "未知的公开渠道“微博大V”" in page
    assert _counts() == before


def test_a_file_that_is_not_excel_is_a_form_error(client, xiaolan_editor, education):
    client.force_login(xiaolan_editor)
    before = _counts()

    response = client.post(URL, {"domain": education.pk, "file": _upload(b"%PDF-1.7 not excel")})

    assert response.status_code == 200
    assert "不是有效的 Excel(.xlsx)工作簿" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert _counts() == before


def test_import_over_a_version_under_review_is_refused(
    client, xiaolan_editor, xiaolan_draft, guideline, education
):
    version_submit(version=xiaolan_draft, actor=None)
    client.force_login(xiaolan_editor)
    before = _counts()

    response = client.post(URL, {"domain": education.pk, "file": _upload(_catalog_file())})

    assert response.status_code == 200
    assert "不能修改" in response.content.decode()
    assert _counts() == before


def test_another_towns_approver_gets_the_same_answer_as_a_missing_unit(
    client, tanzhou_approver, education
):
    client.force_login(tanzhou_approver)
    before = _counts()

    denied = client.post(URL, {"domain": education.pk, "file": _upload(_catalog_file())})
    missing = client.post(
        "/staff/catalogs/units/no-such-town/import/",
        {"domain": education.pk, "file": _upload(_catalog_file())},
    )

    assert denied.status_code == missing.status_code == 404
    assert denied.content == missing.content
    assert _counts() == before
