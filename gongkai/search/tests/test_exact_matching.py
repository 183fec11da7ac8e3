"""Every published record containing the typed string is found, and nothing else.

The reference is the database's own LIKE (`icontains`) over each searchable
column, per term, ANDed: the engines must return exactly that set and count.
"""

import pytest
from django.db.models import Q

from gongkai.records.models import Record
from gongkai.search import services
from gongkai.search.text import query_terms

QUERIES = [
    # names no dictionary knows, 1-, 2- and longer terms
    "粤商通", "低", "保", "粤", "低保", "旧改", "临时救助审批", "政府信息公开工作年度报告",
    # several words: all of them
    "低保 标准", "补贴 坦洲镇", "预算 “三公”经费", "残疾人 护理",
    # repeated characters, punctuation, digits, Latin letters in either case
    "啊啊啊", "啊啊啊啊", "哈哈", "一网", "一网通办", "“一网统管”", "（公租房）", "1,250元",
    "5g", "ABC-plan", "abc-PLAN 5G基站",
    # attachment text only
    "十八村民小组", "财政拨款支出预算表",
    # the 文号
    "坦府〔2025〕31号",
    # nothing, and near misses
    "不存在的词", "低保标准调整", "粤商通通",
    # query syntax is text
    "' OR 1=1 --", "AND", "OR", "NOT", "*", ":", "(", "\"低保\"",
]  # fmt: skip


def reference(query: str) -> set[int]:
    records = Record.objects.filter(status="published", disclosure="proactive")
    for term in query_terms(query):
        records = records.filter(
            Q(title__icontains=term)
            | Q(doc_number__icontains=term)
            | Q(summary__icontains=term)
            | Q(body__icontains=term)
            | Q(attachments__text__icontains=term)
        )
    return set(records.values_list("pk", flat=True))


@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_results_equal_the_like_reference(corpus, order):
    for query in QUERIES:
        expected = reference(query)
        page = services.search(query=query, order=order, per_page=100)
        found = [hit.record.pk for hit in page.results]
        assert set(found) == expected, query
        assert len(found) == len(set(found)), query
        assert page.total == len(expected), query


def test_a_single_character_finds_every_record_holding_it(corpus):
    page = services.search(query="办", per_page=100)
    assert page.total == len(reference("办")) > 5
