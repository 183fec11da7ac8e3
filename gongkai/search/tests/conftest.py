"""Search fixtures: every behaviour is tested against each engine.

`engine` runs a test once per backend: tantivy in a fresh temporary directory,
and PostgreSQL when the test database is PostgreSQL (CI's second run);
otherwise that case is skipped and says why. `corpus` is a fixed set of
published records of 坦洲镇 and 小榄镇 (corpus.py), stored through the records
app's history import and then indexed.
"""

import datetime

import pytest
from django.db import connection
from django.db.models import Q

from gongkai.orgs.models import Unit
from gongkai.records.history_import import HistoryRow, history_import
from gongkai.records.models import Attachment, Record
from gongkai.search import services
from gongkai.search.tests.corpus import ATTACHMENTS, RECORDS


@pytest.fixture(params=["tantivy", "postgres"])
def engine(request, settings, tmp_path, zhongshan):
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL 检索后端只在 PostgreSQL 测试库上测试 (设置 GONGKAI_TEST_DATABASE_URL)"
        )
    settings.GONGKAI_SEARCH_BACKEND = request.param
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    return request.param


def publish(unit_code: str, rows: list[dict]) -> list[Record]:
    """Store rows as published records of the unit (records' history import), not yet indexed."""
    unit = Unit.objects.get(code=unit_code)
    history = [
        HistoryRow(
            row=number,
            title=row["title"],
            published_on=row.get("published_on", datetime.date(2025, 6, 1)),
            body=row.get("body", ""),
            summary=row.get("summary", ""),
            doc_number=row.get("doc_number", ""),
            doc_type=row.get("doc_type", "other"),
            validity=row.get("validity", "in_force"),
        )
        for number, row in enumerate(rows, start=2)
    ]
    return history_import(unit=unit, rows=history, actor=None, source_name="测试.xlsx")


@pytest.fixture
def tantivy(settings, tmp_path, zhongshan):
    """The embedded engine alone, for what only it does (frequent terms, windows, bounds)."""
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "search-index")


@pytest.fixture
def subsidy_lists(tantivy):
    """90 records whose bodies all hold 最低生活保障补贴, 1 to 4 times; a third of the titles too."""
    start = datetime.date(2024, 1, 1)
    rows = []
    for n in range(90):
        body = "坦洲镇最低生活保障补贴发放。" * (1 + n % 4) + f"第{n}批名单。" * (n % 7)
        title = f"第{n}批最低生活保障补贴名单公示" if n % 3 == 0 else f"第{n}批资金公示"
        rows.append({"title": title, "body": body, "published_on": start + datetime.timedelta(n)})
    publish("tanzhou", rows)
    services.index_rebuild()


@pytest.fixture
def corpus(engine) -> dict[str, Record]:
    """The fixed corpus, indexed; by title."""
    records = publish("tanzhou", [r for r in RECORDS if r.get("unit") != "xiaolan"])
    records += publish("xiaolan", [r for r in RECORDS if r.get("unit") == "xiaolan"])
    by_title = {record.title: record for record in records}
    for title, text in ATTACHMENTS.items():
        Attachment.objects.create(
            record=by_title[title],
            name="附件.txt",
            file="records/00/test",
            sha256="0" * 64,
            size=len(text.encode()),
            check_status=Attachment.Check.CHECKED,
            text=text,
        )
    services.index_rebuild()
    return by_title


def holding(query: str):
    """The published records whose title or body holds every term of the query: the truth."""
    records = Record.objects.filter(status=Record.Status.PUBLISHED)
    for term in query.split():
        records = records.filter(Q(title__contains=term) | Q(body__contains=term))
    return records


def titles(page) -> list[str]:
    return [hit.record.title for hit in page.results]
