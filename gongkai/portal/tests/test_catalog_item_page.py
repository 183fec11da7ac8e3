"""A catalog item's page lists the records published under it, newest first, each with its on-time mark."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def item_url(item, unit="tanzhou", domain="compulsory-education"):
    return reverse("portal:catalog_item", args=[unit, domain, item.pk])


def test_records_newest_first_with_on_time_marks(client, tanzhou_records):
    page = client.get(item_url(tanzhou_records["item"])).content.decode()
    new, old = page.index("2027年春季义务教育招生计划"), page.index("2025年秋季义务教育招生计划")
    assert new < old
    assert page.count("timeliness-on_time") == 1 and page.count("timeliness-late") == 1
    assert "坦洲镇政府信息公开工作制度" not in page


def test_the_catalog_table_links_each_item(client, tanzhou_records):
    page = client.get(reverse("portal:catalog_page", args=["tanzhou", "compulsory-education"]))
    assert f'href="{item_url(tanzhou_records["item"])}"' in page.content.decode()


def test_the_record_page_links_back_to_its_item(client, tanzhou_records):
    page = client.get(reverse("portal:record_page", args=[tanzhou_records["plan"].pk]))
    assert item_url(tanzhou_records["item"]) in page.content.decode()


def test_an_item_under_another_unit_or_domain_is_404(client, tanzhou_records):
    item = tanzhou_records["item"]
    assert client.get(item_url(item, unit="xiaolan")).status_code == 404
    assert client.get(item_url(item, domain="social-assistance")).status_code == 404
