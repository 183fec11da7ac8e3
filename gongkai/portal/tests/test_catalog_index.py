"""The catalog index lists the units that published a catalog, towns then departments."""

import pytest
from django.utils import timezone

from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs.models import Domain
from gongkai.portal.tests.catalogs import catalog_row


@pytest.fixture
def social_assistance(zhongshan):
    return Domain.objects.get(code="social-assistance")


@pytest.fixture
def published(catalog_desk, education, social_assistance, empty_cache):
    """坦洲镇 publishes two domains, 市民政局 one; 小榄镇's catalog is only filed."""
    tanzhou = catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生计划")])
    catalog_desk.publish("tanzhou", social_assistance, [catalog_row("最低生活保障", "办事指南")])
    catalog_desk.publish(
        "civil-affairs", social_assistance, [catalog_row("临时救助", "政策法规文件")]
    )
    filed = catalog_desk.draft("xiaolan", education, [catalog_row("招生管理", "招生计划")])
    catalog_desk.advance(filed, CatalogVersion.Status.FILED)
    return tanzhou


def test_index_groups_units_with_a_published_catalog(client, published):
    response = client.get("/gongkai/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index('<h2 id="kind-1">镇区</h2>') < page.index('<h2 id="kind-2">市直部门</h2>')
    assert '<a href="/gongkai/tanzhou/">坦洲镇</a>' in page
    assert '<a href="/gongkai/civil-affairs/">市民政局</a>' in page
    assert (
        '<a href="/gongkai/tanzhou/compulsory-education/">义务教育</a>、'
        '<a href="/gongkai/tanzhou/social-assistance/">社会救助</a>'
    ) in page
    assert "小榄镇" not in page  # filed, not published
    assert "火炬开发区" not in page  # nothing at all


def test_index_without_published_catalogs_says_so(client, zhongshan):
    page = client.get("/gongkai/").content.decode()
    assert "尚无已发布的标准目录" in page


def test_unit_page_lists_its_published_catalogs(client, published):
    response = client.get("/gongkai/tanzhou/")
    page = response.content.decode()
    day = timezone.localdate(published.published_at)
    assert response.status_code == 200
    assert "<h1>坦洲镇基层政务公开标准目录</h1>" in page
    assert '<a href="/gongkai/tanzhou/compulsory-education/">义务教育领域标准目录</a>' in page
    assert '<a href="/gongkai/tanzhou/social-assistance/">社会救助领域标准目录</a>' in page
    assert "<td>第1版</td>" in page
    assert f"<td>{day.year}年{day.month}月{day.day}日</td>" in page


@pytest.mark.parametrize("code", ["xiaolan", "huoju", "no-such-unit"])
def test_unit_without_a_published_catalog_is_not_found(client, published, code):
    response = client.get(f"/gongkai/{code}/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_home_page_links_to_the_catalogs(client, zhongshan):
    page = client.get("/").content.decode()
    assert '<a href="/gongkai/">标准目录</a>' in page
