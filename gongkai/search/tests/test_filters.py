"""Filters narrow the results by unit, domain, catalog item, document type, year and validity."""

import datetime

import pytest
from django.utils import timezone

from gongkai.catalogs.models import CatalogItem
from gongkai.orgs.models import Unit
from gongkai.records.models import Record
from gongkai.records.tests.conftest import published_catalog_items
from gongkai.search import services
from gongkai.search.backends import Filters
from gongkai.search.tests.conftest import titles


def _search(**filters):
    return services.search(query="", filters=Filters(**filters), per_page=100)


def test_unit(corpus):
    xiaolan = Unit.objects.get(code="xiaolan")
    page = _search(unit_id=xiaolan.pk)
    assert set(titles(page)) == {"坦洲镇河长制工作年度报告", "关于申领残疾人两项补贴的办事指南"}
    assert page.total == 2


def test_document_type_and_validity(corpus):
    normative = set(titles(_search(doc_type="normative")))
    assert normative == {
        title for title, r in corpus.items() if r.doc_type == Record.DocType.NORMATIVE
    }
    assert titles(_search(validity="expired")) == ["坦洲镇农村宅基地审批管理办法"]
    assert titles(services.search(query="标准", filters=Filters(doc_type="normative",
                                                                validity="in_force"))) == [
        "关于提高城乡低保标准的通知"
    ]  # fmt: skip


def test_year_of_publication(corpus):
    in_2024 = {t for t, r in corpus.items() if timezone.localtime(r.published_at).year == 2024}
    assert set(titles(_search(year=2024))) == in_2024
    assert _search(year=2030).total == 0


@pytest.fixture
def linked(corpus, official_calendar):
    """招生计划 linked to 坦洲镇's 义务教育 catalog item 招生计划."""
    item = published_catalog_items()[0]
    record = corpus["坦洲镇2026年秋季义务教育招生计划"]
    record.catalog_items.add(item)
    services.index_update([record.pk])
    return item


def test_domain_and_catalog_item(linked):
    item = CatalogItem.objects.select_related("version__catalog").get(pk=linked.pk)
    by_item = _search(item_id=item.pk)
    by_domain = _search(domain_id=item.version.catalog.domain_id)
    assert titles(by_item) == titles(by_domain) == ["坦洲镇2026年秋季义务教育招生计划"]
    assert _search(item_id=item.pk + 10_000).total == 0


def test_filters_combine_with_words(corpus):
    xiaolan = Unit.objects.get(code="xiaolan")
    page = services.search(query="补贴", filters=Filters(unit_id=xiaolan.pk))
    assert titles(page) == ["关于申领残疾人两项补贴的办事指南"]
    assert (
        datetime.date(2025, 3, 22) == timezone.localtime(page.results[0].record.published_at).date()
    )
