"""Withdrawn content disappears, and a stale index never shows it.

No records service withdraws a published record yet, so the record is taken
off in the database directly, as such a service would, and the withdraw hook
is called as it would be after its commit.
"""

import pytest

from gongkai.records import hooks
from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.backends import Filters, get_backend
from gongkai.search.tests.conftest import titles
from gongkai.search.tests.worker import run_queued

TITLE = "“粤商通”涉企服务平台使用指南"


def withdraw(record):
    Record.objects.filter(pk=record.pk).update(status=Record.Status.RETURNED)


def test_stale_index_never_shows_a_withdrawn_record(corpus):
    withdraw(corpus[TITLE])
    page = services.search(query="粤商通")
    assert TITLE not in titles(page)
    assert page.total == len(page.results) == 1  # only the yearly report's mention
    assert "粤商通" not in str(page.results[0].title_html)


def test_withdraw_hook_removes_it_from_the_index(corpus):
    record = corpus[TITLE]
    withdraw(record)
    hooks.record_withdrawn(record.pk)
    run_queued()
    found = get_backend().search(["粤商通"], Filters(), order="relevance", offset=0, limit=10)
    assert record.pk not in [pk for pk, _ in found.hits]
    assert found.total == 1


@pytest.mark.parametrize("validity", ["repealed", "amended"])
def test_validity_change_is_reindexed(corpus, validity):
    record = corpus["坦洲镇养老服务补贴发放办法"]
    Record.objects.filter(pk=record.pk).update(validity=validity)
    hooks.record_published(record.pk)  # what record_set_validity calls after commit
    run_queued()
    page = services.search(query="养老", filters=Filters(validity=validity))
    assert titles(page) == ["坦洲镇养老服务补贴发放办法"]
