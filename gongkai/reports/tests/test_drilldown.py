"""Every number of tables 2–4 on the staff page links to the cases, appeals or records behind it.

For a fixture with something in many cells, each linked list has exactly as
many rows as the number it explains.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.foi.models import Appeal
from gongkai.records.models import Record
from gongkai.reports import annual, document
from gongkai.reports.tests.conftest import case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def busy_2025(complete_2025, tanzhou, tanzhou_editor):
    made = [
        case(tanzhou, 1, "natural_person", D(2024, 12, 20), D(2025, 1, 10), "disclosed"),
        case(tanzhou, 2, "business", D(2025, 3, 3), D(2025, 3, 20), "refused.4"),
        case(tanzhou, 3, "research", D(2025, 12, 25), D(2026, 1, 8), "disclosed"),
        case(tanzhou, 4, "legal_service", D(2025, 6, 1)),
        case(tanzhou, 5, "natural_person", D(2025, 7, 1), D(2025, 7, 15), "not_processed.2"),
    ]
    Appeal.objects.create(info_request=made[1], kind="review", filed_on=D(2025, 4, 10),
                          result="upheld", decided_on=D(2025, 6, 1))  # fmt: skip
    Appeal.objects.create(info_request=made[1], kind="litigation_after_review",
                          filed_on=D(2025, 7, 1), result="corrected", decided_on=D(2026, 2, 1))  # fmt: skip
    for number, (doc_type, published) in enumerate(
        [("normative", D(2025, 2, 1)), ("normative", D(2023, 5, 1)), ("rule", D(2025, 9, 1))]
    ):
        Record.objects.create(
            unit=tanzhou, title=f"文件{number}", doc_type=doc_type, status="published",
            index_number=f"TZ-2025-{number}",
            published_at=timezone.make_aware(datetime.datetime.combine(published, datetime.time(9))),
        )  # fmt: skip
    return complete_2025


def count_rows(page: str) -> int:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return len(re.findall(r'<th scope="row"><a ', body))


def test_every_linked_number_matches_its_list(client, busy_2025, tanzhou_editor):
    client.force_login(tanzhou_editor)
    doc = document.build(busy_2025)
    checked = 0
    for row in annual.ROWS:
        for column in annual.COLUMNS:
            link = reverse("reports:cell", args=["tanzhou", 2025, "table3", row, column])
            page = client.get(link).content.decode()
            assert count_rows(page) == doc["table3"][row][column], (row, column)
            checked += doc["table3"][row][column] > 0
    for block in annual.APPEAL_BLOCKS:
        for column in annual.APPEAL_COLUMNS:
            link = reverse("reports:cell", args=["tanzhou", 2025, "table4", block, column])
            assert count_rows(client.get(link).content.decode()) == doc["table4"][block][column]
    for doc_type in annual.DOCUMENT_TYPES:
        for column in annual.DOCUMENT_COLUMNS:
            link = reverse("reports:cell", args=["tanzhou", 2025, "table2", doc_type, column])
            assert count_rows(client.get(link).content.decode()) == doc["table2"][doc_type][column]
    assert checked >= 15  # the fixture really fills many cells


def test_the_report_page_links_each_number(client, busy_2025, tanzhou_editor):
    client.force_login(tanzhou_editor)
    page = client.get(reverse("reports:report", args=["tanzhou", 2025])).content.decode()
    links = re.findall(r'href="(/staff/reports/tanzhou/2025/cells/[^"]+)"', page)
    # 25 rows × 7 columns of table 3, 15 cells of table 4, 6 + 4 of table 2.
    assert len(links) == 25 * 7 + 15 + 6 + 4


def test_an_entered_figure_shows_its_source(client, busy_2025, tanzhou_editor):
    client.force_login(tanzhou_editor)
    page = client.get(reverse("reports:cell", args=["tanzhou", 2025, "table2", "fees", "value"]))
    assert "镇财政分局 2026-01-07 确认" in page.content.decode()


def test_an_unknown_cell_is_404(client, busy_2025, tanzhou_editor):
    client.force_login(tanzhou_editor)
    for parts in (
        ("table3", "nope", "total"),
        ("table9", "new", "total"),
        ("table4", "review", "x"),
    ):
        assert (
            client.get(reverse("reports:cell", args=["tanzhou", 2025, *parts])).status_code == 404
        )
