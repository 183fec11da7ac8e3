"""A catalog page costs a fixed number of queries, however many items the catalog has."""

import pytest

from gongkai.portal.tests.catalogs import catalog_row

URL = "/gongkai/tanzhou/compulsory-education/"


def rows(count: int) -> list:
    """`count` items in groups of ten, with stages, sub-items and remarks to exercise every column."""
    return [
        catalog_row(
            f"一级事项{n // 10}",
            f"二级事项{n}",
            sub_name=f"三级事项{n}" if n % 3 == 0 else "",
            stage=["decision", "execution", "result"][n // 10 % 3],
            elements=[f"要素{n}-1", f"要素{n}-2"],
            channels=["gov_website", "notice_board", "other"],
            channels_other="坦洲镇人民政府网站",
            levels=["town", "village"],
            remarks="备注" if n % 7 == 0 else "",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [3, 300])
def test_uncached_page_queries_do_not_grow_with_items(
    client, catalog_desk, education, empty_cache, django_assert_max_num_queries, count
):
    catalog_desk.publish("tanzhou", education, rows(count))
    # The version, its public versions, the items, the level headings.
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('<td class="number">') == count


def test_earlier_version_page_costs_the_same(
    client, catalog_desk, education, empty_cache, django_assert_max_num_queries
):
    catalog_desk.publish("tanzhou", education, rows(30))
    catalog_desk.publish("tanzhou", education, rows(40))
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}v1/")
    assert response.content.decode().count('<td class="number">') == 30


def test_index_and_unit_pages_take_one_query(
    client, catalog_desk, education, empty_cache, django_assert_max_num_queries
):
    catalog_desk.publish("tanzhou", education, rows(3))
    catalog_desk.publish("civil-affairs", education, rows(3))
    with django_assert_max_num_queries(1):
        assert client.get("/gongkai/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/gongkai/tanzhou/").status_code == 200
