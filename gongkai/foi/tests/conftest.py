"""Disclosure-on-request personas and builders.

- `tanzhou_handler` 何嘉慧, 依申请公开经办人 of 坦洲镇: registers, vets, replies.
- `tanzhou_approver` 梁志强 (root conftest): approves extensions, sees identities.
- `tanzhou_editor` 陈晓文 (root conftest): staff of 坦洲镇 without the right to
  see applicants' identities (sees them masked).
- `xiaolan_handler` 吴志明, handler of 小榄镇: the outsider for 坦洲镇's cases.
- The applicant 张伟 (a citizen) and 中山市明德律师事务所 (a law firm) as data.
"""

import datetime

import pytest

from conftest import make_staff
from gongkai.foi import services
from gongkai.foi.services import ApplicationData
from gongkai.orgs.models import Membership, Unit
from gongkai.privacy.checks import id_check_character

ZHANG_WEI_ID = "44200019850314231" + id_check_character("44200019850314231")
# 统一社会信用代码 with a valid GB 32100 check character.
LAW_FIRM_CODE = "31440000MD0246357R"


def zhang_wei(**changes) -> ApplicationData:
    values = {
        "applicant_kind": "natural_person",
        "applicant_name": "张伟",
        "id_type": "resident_id",
        "id_number": ZHANG_WEI_ID,
        "phone": "13800138000",
        "email": "zhangwei@example.cn",
        "address": "中山市坦洲镇界狮南路38号",
        "postcode": "528467",
        "description": "坦洲镇2025年农村危房改造补助资金发放名单",
        "doc_number": "",
        "form_wanted": "electronic",
        "receive_by": "email",
    }
    return ApplicationData(**(values | changes))


def law_firm(**changes) -> ApplicationData:
    return zhang_wei(
        applicant_kind="legal_service",
        applicant_name="中山市明德律师事务所",
        id_type="org_code",
        id_number=LAW_FIRM_CODE,
        **changes,
    )


@pytest.fixture
def tanzhou_handler(zhongshan):
    user = make_staff("he_jiahui", "何嘉慧", "tanzhou", Membership.Role.REQUEST_HANDLER)
    user.email = "hejiahui@tanzhou.example.cn"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def xiaolan_handler(zhongshan):
    return make_staff("wu_zhiming", "吴志明", "xiaolan", Membership.Role.REQUEST_HANDLER)


def register(
    handler, received_on: datetime.date, data: ApplicationData | None = None, channel="in_person"
):
    case, _code = services.info_request_register(
        unit=Unit.objects.get(code="tanzhou"),
        actor=handler,
        data=data or zhang_wei(),
        channel=channel,
        received_on=received_on,
    )
    return case


@pytest.fixture
def received_case(official_calendar, tanzhou_handler):
    """张伟's application, received in person on Monday 2026-03-02."""
    return register(tanzhou_handler, datetime.date(2026, 3, 2))


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counts live in a cache that outlives each test's database: start at zero."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()
