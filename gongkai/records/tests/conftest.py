"""Record personas and a published catalog to record against.

- `tanzhou_editor` 陈晓文 (root conftest) drafts 坦洲镇's records and masks them.
- `tanzhou_secrecy_reviewer` 周明珠 does 坦洲镇's 保密审查.
- `tanzhou_approver` 梁志强 (root conftest) approves, exempts and publishes.
- `xiaolan_editor` 李婉婷 (root conftest) is staff of another town.
"""

import datetime

import pytest

from conftest import make_staff
from gongkai.catalogs import services as catalogs
from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs.models import Domain, Unit
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.services import RecordData


@pytest.fixture
def tanzhou_secrecy_reviewer(zhongshan):
    return make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")


@pytest.fixture
def catalog_items(zhongshan, official_calendar):
    return published_catalog_items()


def published_catalog_items():
    """坦洲镇's published 义务教育 catalog: 20 working days, and 10 working days with 公示."""
    unit, domain = Unit.objects.get(code="tanzhou"), Domain.objects.get(name="义务教育")
    rows = [
        catalogs.ItemData(
            category="招生管理",
            name="招生计划",
            time_limit_text="信息形成或者变更之日起20个工作日内",
            publisher="坦洲镇教体文旅局",
            channels=["gov_website"],
            audience_public=True,
            mode_proactive=True,
        ),
        catalogs.ItemData(
            category="招生管理",
            name="招生结果",
            time_limit_text="制定或获取信息之日起10个工作日内，公示7个工作日",
            publisher="坦洲镇教体文旅局",
            channels=["gov_website"],
            audience_public=True,
            mode_proactive=True,
        ),
    ]
    catalog = catalogs.catalog_get_or_create(unit=unit, domain=domain, actor=None)
    version = catalogs.version_start(catalog=catalog, actor=None, items=rows)
    catalogs.version_submit(version=version, actor=None)
    reviewer = make_staff("su_wenjing", "苏文静", "education", "approver")
    catalogs.version_review(
        version=version,
        actor=reviewer,
        reviewer_unit=Unit.objects.get(code="education"),
        approve=True,
        text="同意",
    )
    catalogs.version_file(version=version, actor=None)
    catalogs.version_publish(version=version, actor=None)
    version.refresh_from_db()
    assert version.status == CatalogVersion.Status.PUBLISHED
    return list(version.items.order_by("sort_order"))


@pytest.fixture
def draft(tanzhou_editor, catalog_items):
    """A proactive record under 招生计划, formed on 2026-09-25 (before the National Day holiday)."""
    return services.record_create(
        unit=Unit.objects.get(code="tanzhou"),
        actor=tanzhou_editor,
        data=RecordData(
            title="坦洲镇2026年秋季义务教育招生计划",
            doc_number="坦教〔2026〕12号",
            written_on=datetime.date(2026, 9, 24),
            formed_on=datetime.date(2026, 9, 25),
            summary="公布本镇各公办学校2026年秋季学期招生计划。",
            body="<p>各公办小学一年级计划招生共1,260人,初中一年级共980人。</p>",
            channels=["gov_website"],
            catalog_item_ids=[catalog_items[0].pk],
        ),
    )


def take_to(record, status, *, editor, reviewer, approver):
    """Drive a record through the real workflow up to `status`."""
    steps = [Record.Status.SECRECY_REVIEW, Record.Status.APPROVAL, Record.Status.APPROVED,
             Record.Status.PUBLISHED]  # fmt: skip
    for step in steps[: steps.index(status) + 1]:
        if step == Record.Status.SECRECY_REVIEW:
            services.record_submit(record=record, actor=editor)
        elif step == Record.Status.APPROVAL:
            services.record_secrecy_review(record=record, actor=reviewer, passed=True, note="")
        elif step == Record.Status.APPROVED:
            services.record_approve(record=record, actor=approver, approve=True)
        else:
            services.record_publish(record=record, actor=approver)
        record.refresh_from_db()
    return record
