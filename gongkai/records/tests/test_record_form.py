"""Editors draft records through the form; bad input names the field and stores nothing."""

from gongkai.records.models import LegalBasis, Record

URL = "/staff/records/units/tanzhou/new/"


def _post(client, **fields):
    data = {
        "title": "坦洲镇2026年秋季义务教育招生计划",
        "doc_type": "other",
        "disclosure": "proactive",
    }
    data.update(fields)
    return client.post(URL, data)


def test_editor_creates_a_draft_with_an_index_number(client, tanzhou_editor, catalog_items):
    client.force_login(tanzhou_editor)

    response = _post(
        client,
        catalog_items=[catalog_items[0].pk],
        body='<p>招生计划</p><script>alert("x")</script><a href="javascript:alert(1)">链接</a>',
        formed_on="2026-09-25",
    )

    record = Record.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/records/{record.pk}/"
    assert record.index_number.startswith("tanzhou/")
    assert "<script" not in record.body and "javascript:" not in record.body
    assert list(record.catalog_items.all()) == [catalog_items[0]]


def test_withheld_without_basis_is_a_form_error(client, tanzhou_editor):
    client.force_login(tanzhou_editor)

    response = _post(client, disclosure="withheld")

    assert response.status_code == 200
    page = response.content.decode()
    assert "不予公开须写明理由" in page and "不予公开须选择法律依据" in page
    assert not Record.objects.exists()


def test_withheld_with_a_basis_is_stored(client, tanzhou_editor):
    client.force_login(tanzhou_editor)
    basis = LegalBasis.objects.get(code="art16-process")

    _post(client, disclosure="withheld", disclosure_reason="请示报告", disclosure_basis=basis.pk)

    assert Record.objects.get().disclosure_basis == basis


def test_another_units_catalog_item_is_refused(client, xiaolan_editor, catalog_items):
    """小榄镇 cannot file a record under 坦洲镇's catalog."""
    client.force_login(xiaolan_editor)

    response = client.post(
        "/staff/records/units/xiaolan/new/",
        {"title": "x", "doc_type": "other", "disclosure": "proactive",
         "catalog_items": [catalog_items[0].pk]},
    )  # fmt: skip

    assert response.status_code == 200
    assert not Record.objects.exists()
