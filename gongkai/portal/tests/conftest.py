"""Portal test fixtures: published catalogs built through the real services.

The browser fixtures (`chromium`, `browser`, `browser_context`, `page`) are shared
by every app and live in tests/browser.py, loaded by the root conftest.

For the published-catalog pages: `catalog_desk` (publishes catalogs through the
real services, with named personas), `jiaoti_approver`, `education` and
`empty_cache`.
"""

import pytest
from django.core.cache import cache

from conftest import make_staff
from gongkai.orgs.models import Domain, Membership, Unit
from gongkai.portal.tests.catalogs import CatalogDesk
from gongkai.portal.tests.published import publish_tanzhou_records

# Published catalogs (标准目录), built through the real catalog services (see catalogs.py).
#
# Personas: the root conftest's 坦洲镇 editor 陈晓文 drafts and approver 梁志强 submits,
# `jiaoti_approver` 苏文静 (市教育体育局) reviews towns' catalogs as the counterpart, and
# the openness office's 黎秀芳 files and publishes. The visitor is the anonymous `client`.


@pytest.fixture
def jiaoti_approver(zhongshan):
    """苏文静, approver of 市教育体育局, the counterpart that reviews towns' 义务教育 catalogs."""
    return make_staff("su_wenjing", "苏文静", "education", Membership.Role.APPROVER)


@pytest.fixture
def education(zhongshan):
    return Domain.objects.get(code="compulsory-education")


@pytest.fixture
def catalog_desk(tanzhou_editor, tanzhou_approver, jiaoti_approver, office_admin):
    return CatalogDesk(
        editor=tanzhou_editor,
        approver=tanzhou_approver,
        reviewer=jiaoti_approver,
        office=office_admin,
    )


@pytest.fixture
def empty_cache():
    """The locmem cache outlives each test's database; start and end with an empty one."""
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def tanzhou_records(official_calendar, tanzhou, tanzhou_editor, tanzhou_approver):
    """See published.py: a plan (on time, interpreted), last year's (late), the 制度."""
    return publish_tanzhou_records(tanzhou, tanzhou_editor, tanzhou_approver)


@pytest.fixture
def published_2024_report(tanzhou_editor, tanzhou_approver):
    """坦洲镇's 2024 annual report, published (see gongkai/reports/tests/conftest.py)."""
    from gongkai.reports import services
    from gongkai.reports.tests.conftest import FIGURES, written

    report = written(Unit.objects.get(code="tanzhou"), 2024, tanzhou_editor)
    services.enter_figures(report, FIGURES, actor=tanzhou_editor)
    for step in (services.approve, services.submit, services.publish):
        step(report, actor=tanzhou_approver)
    return report
