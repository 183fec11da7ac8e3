"""Shared fixtures: Zhongshan's reference data, the official calendar, and named personas.

Personas (after Healthchecks' alice/bob and Zulip's hamlet/iago):
- `tanzhou_editor`  陈晓文, 政务公开专员 of 坦洲镇
- `tanzhou_approver` 梁志强, 审核人 of 坦洲镇
- `xiaolan_editor`  李婉婷, 政务公开专员 of 小榄镇 (the outsider for 坦洲镇's work)
- `office_admin`    黎秀芳, 公开办管理员 of 市人民政府办公室
- the anonymous public: Django's `client` without a login
"""

import pytest
from django.utils.module_loading import import_string

from gongkai import seed
from gongkai.core import workdays
from gongkai.core.models import CalendarYear
from gongkai.core.services import calendar_sync_package
from gongkai.orgs.models import Membership, Unit
from gongkai.orgs.services import account_create

PASSWORD = "Persona-Pass-2026"

# Browser fixtures (Chromium through Playwright) for every app's browser tests.
pytest_plugins = ["tests.browser"]


def seed_reference_data():
    for path in seed.REFERENCE_LOADERS:
        import_string(path)(actor=None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once; tests roll back to it."""
    with django_db_blocker.unblock():
        seed_reference_data()
        calendar_sync_package(actor=None)


@pytest.fixture(autouse=True)
def _fresh_workday_index():
    """Each test's database differs (rolled back); the cached index must not leak across."""
    workdays.reset_index()
    yield
    workdays.reset_index()


@pytest.fixture
def zhongshan(db):
    """The seeded units and domains (re-seeded if a transactional test flushed them)."""
    if not Unit.objects.exists():
        seed_reference_data()
    return Unit.objects


@pytest.fixture
def official_calendar(db):
    """The years chinese-calendar knows (2004–2026), official."""
    if not CalendarYear.objects.exists():
        calendar_sync_package(actor=None)
    workdays.reset_index()


def make_staff(username: str, full_name: str, unit_code: str, *roles: str):
    return account_create(
        username=username,
        full_name=full_name,
        password=PASSWORD,
        unit=Unit.objects.get(code=unit_code),
        roles=list(roles),
        actor=None,
    )


@pytest.fixture
def tanzhou_editor(zhongshan):
    return make_staff("chen_xiaowen", "陈晓文", "tanzhou", Membership.Role.EDITOR)


@pytest.fixture
def tanzhou_approver(zhongshan):
    return make_staff("liang_zhiqiang", "梁志强", "tanzhou", Membership.Role.APPROVER)


@pytest.fixture
def xiaolan_editor(zhongshan):
    return make_staff("li_wanting", "李婉婷", "xiaolan", Membership.Role.EDITOR)


@pytest.fixture
def office_admin(zhongshan):
    return make_staff("li_xiufang", "黎秀芳", "city-office", Membership.Role.OFFICE_ADMIN)


@pytest.fixture
def tanzhou(zhongshan):
    return Unit.objects.get(code="tanzhou")
