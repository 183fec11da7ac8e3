"""Every published record containing the typed string is found, and nothing else.

The reference is a plain substring test over each searchable column as the
database stores it, per term, ANDed, ignoring case and width (defined here
from NFKC, independently of text.py): the engines must return exactly that set
and count.
"""

import unicodedata

import pytest

from gongkai.records.models import Attachment, Record
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


def folded(value: str) -> str:
    """Lower case, each full-width ASCII form (U+FF01–FF5E) as NFKC has it."""
    return "".join(
        unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c for c in value
    ).lower()


def reference(query: str) -> set[int]:
    columns: dict[int, list[str]] = {}
    published = Record.objects.filter(status="published", disclosure="proactive")
    for pk, *values in published.values_list("pk", "title", "doc_number", "summary", "body"):
        columns[pk] = [folded(value) for value in values]
    for pk, text in Attachment.objects.filter(record__in=published).values_list("record", "text"):
        columns[pk].append(folded(text))
    terms = query_terms(query)
    return {pk for pk, texts in columns.items() if all(any(t in x for x in texts) for t in terms)}


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
