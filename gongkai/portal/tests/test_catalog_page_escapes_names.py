"""Names on the catalog page are text: a unit or domain name never becomes markup.

Units and domains are reference data the openness office edits in the admin; the
catalog page (a Jinja2 template) prints them in the title, breadcrumb, heading
and caption, escaped like every Django template would.
"""

import pytest

from gongkai.orgs.models import Domain, Unit
from gongkai.portal.tests.catalogs import catalog_row

URL = "/gongkai/tanzhou/compulsory-education/"


@pytest.fixture
def odd_names(catalog_desk, education, empty_cache):
    catalog_desk.publish("tanzhou", education, [catalog_row("招生管理", "招生<计划>")])
    Unit.objects.filter(code="tanzhou").update(name='坦洲镇<script>alert("x")</script>')
    Domain.objects.filter(code="compulsory-education").update(name="义务教育&<b>招生</b>")


def test_unit_and_domain_names_are_escaped_everywhere(client, odd_names):
    page = client.get(URL).content.decode()
    assert "<script>alert" not in page
    assert "<b>招生</b>" not in page
    unit = "坦洲镇&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    domain = "义务教育&amp;&lt;b&gt;招生&lt;/b&gt;"
    assert page.count(unit + domain) == 3  # title, heading, caption
    assert f">{unit}</a> ›" in page  # breadcrumb
    # The table (a Django fragment) escapes item names as before.
    assert "招生&lt;计划&gt;" in page
