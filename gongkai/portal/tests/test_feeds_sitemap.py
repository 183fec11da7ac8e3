"""RSS/Atom feeds per unit, domain and catalog item, and sitemap.xml: public records only."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gongkai.records import services
from gongkai.records.services import RecordData

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def unpublished(tanzhou, tanzhou_editor):
    return services.record_create(
        unit=tanzhou, actor=tanzhou_editor,
        data=RecordData(title="尚未发布的草稿", body="<p>草稿</p>", channels=["gov_website"]),
    )  # fmt: skip


def rss_titles(client, kind, code) -> list[str]:
    response = client.get(reverse("portal:feed_rss", args=[kind, code]))
    assert response.status_code == 200
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_unit_domain_and_item_feeds(client, tanzhou_records, unpublished):
    unit = rss_titles(client, "unit", "tanzhou")
    assert unit[0] == "坦洲镇政府信息公开工作制度"  # the last published comes first
    assert "尚未发布的草稿" not in unit and len(unit) == 3
    assert rss_titles(client, "domain", "compulsory-education") == [
        "坦洲镇2027年春季义务教育招生计划", "坦洲镇2025年秋季义务教育招生计划",
    ]  # fmt: skip
    assert len(rss_titles(client, "item", str(tanzhou_records["item"].pk))) == 2


def test_atom_is_valid_atom(client, tanzhou_records):
    response = client.get(reverse("portal:feed_atom", args=["unit", "tanzhou"]))
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert len(root.findall(f"{ATOM}entry")) == 3


def test_unknown_feeds_are_404(client, zhongshan):
    for kind, code in (
        ("unit", "nowhere"),
        ("domain", "nope"),
        ("item", "99999999"),
        ("zzz", "tanzhou"),
    ):
        assert client.get(reverse("portal:feed_rss", args=[kind, code])).status_code == 404


def test_the_sitemap_lists_public_pages_only(client, tanzhou_records, unpublished):
    response = client.get(reverse("portal:sitemap"))
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("portal:record_page", args=[tanzhou_records["plan"].pk]) in text
    assert reverse("portal:record_page", args=[unpublished.pk]) not in text
    assert reverse("portal:unit_home", args=["tanzhou"]) in text
    assert reverse("portal:catalog_page", args=["tanzhou", "compulsory-education"]) in text
