"""坦洲镇's published records for the portal's pages, built through the real record services.

Under its 义务教育 catalog item 招生计划: a plan formed on 2026-11-20 (published
on time) with a 一问一答 interpretation, and last year's plan formed on 2025-09-01
(published late); outside the catalog, its 政府信息公开工作制度.
"""

import datetime

from conftest import make_staff
from gongkai.records import services
from gongkai.records.models import Record
from gongkai.records.services import InterpretationData, RecordData
from gongkai.records.tests.conftest import published_catalog_items, take_to


def publish_tanzhou_records(unit, editor, approver) -> dict:
    items = published_catalog_items()
    reviewer = make_staff("zhou_mingzhu", "周明珠", "tanzhou", "secrecy_reviewer")

    def record(title, formed_on, **fields):
        created = services.record_create(
            unit=unit, actor=editor,
            data=RecordData(
                title=title, written_on=formed_on, formed_on=formed_on, summary=f"{title}。",
                body=f"<p>{title}正文。</p>", channels=["gov_website"], **fields,
            ),
        )  # fmt: skip
        return created

    plan = record("坦洲镇2027年春季义务教育招生计划", datetime.date(2026, 11, 20),
                  topic="教育", catalog_item_ids=[items[0].pk])  # fmt: skip
    services.interpretation_save(
        policy=plan, actor=editor,
        data=InterpretationData(title="一图读懂坦洲镇2027年春季招生计划", kind="text",
                                body="<p>解读正文。</p>"),
    )  # fmt: skip
    old = record("坦洲镇2025年秋季义务教育招生计划", datetime.date(2025, 9, 1),
                 topic="教育", catalog_item_ids=[items[0].pk])  # fmt: skip
    rules = record("坦洲镇政府信息公开工作制度", datetime.date(2026, 3, 2), topic="政务公开制度")
    for each in (old, plan, rules):
        take_to(each, Record.Status.PUBLISHED, editor=editor, reviewer=reviewer, approver=approver)
    return {"item": items[0], "plan": plan, "old": old, "rules": rules}
