"""Full-width and half-width forms are one character to search: ２０２４ is 2024, ＡＢＣ is abc.

Official text mixes them (中府〔２０２４〕３号, （）, ，) and a citizen types
whichever the input method gives. The query, both engines and the database
re-check fold width the same way (text.fold), one character for one, so the
highlights still mark the characters as written.
"""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.search import services
from gongkai.search.tests.conftest import publish, titles
from gongkai.search.text import fold_width, query_terms

WIDE_NUMBER = "中山市人民政府关于印发城乡低保工作规程的通知"
NARROW_NUMBER = "中山市人民政府关于调整特困人员供养标准的通知"
FLOOD_PLAN = "坦洲镇防汛应急预案"
RECORDS = [
    {"title": WIDE_NUMBER, "doc_number": "中府〔２０２４〕３号",
     "body": "ＡＢＣ类对象按月发放保障金。"},
    {"title": NARROW_NUMBER, "doc_number": "中府〔2024〕5号", "body": "abc类对象按季度复核。"},
    # ㈠ and ⑴ are longer under NFKC ("(一)", "(1)"); the fold leaves them alone.
    {"title": FLOOD_PLAN, "body": "㈠⑴ 汛期为每年４月至１０月，全镇实行２４小时值班。"},
]  # fmt: skip


@pytest.fixture
def published(engine):
    publish("tanzhou", RECORDS)
    services.index_rebuild()


@pytest.mark.parametrize(
    "query", ["2024", "２０２４", "中府〔2024〕", "中府〔２０２４〕", "府〔２０2４"]
)
def test_full_and_half_width_digits_find_each_other(published, query):
    page = services.search(query=query)
    assert sorted(titles(page)) == sorted([WIDE_NUMBER, NARROW_NUMBER])
    assert page.total == 2  # nothing dropped by the re-check


@pytest.mark.parametrize("query", ["ABC", "abc", "ＡＢＣ", "ａｂｃ", "Ａbｃ类对象"])
def test_full_and_half_width_letters_find_each_other(published, query):
    page = services.search(query=query)
    assert sorted(titles(page)) == sorted([WIDE_NUMBER, NARROW_NUMBER])
    assert page.total == 2


def test_citizen_sees_the_characters_as_written_highlighted(client, published):
    html = client.get("/sousuo/", {"q": "2024"}).content.decode()
    assert "中府〔<mark>２０２４</mark>〕３号" in html
    assert "中府〔<mark>2024</mark>〕5号" in html


def test_characters_nfkc_would_lengthen_keep_the_highlight_in_place(published):
    page = services.search(query="4月至10月 24小时")
    assert titles(page) == [FLOOD_PLAN]
    assert str(page.results[0].snippet_html) == (
        "㈠⑴ 汛期为每年<mark>４月至１０月</mark>，全镇实行<mark>２４小时</mark>值班。"
    )


def test_a_term_typed_in_both_widths_is_one_term():
    assert query_terms("２０２４ 2024　ＡＢＣ abc") == ["2024", "abc"]


@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0xFFEF)))
def test_only_full_width_ascii_forms_fold_and_the_length_stays(text):
    folded = fold_width(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        if "\uff01" <= before <= "\uff5e":
            assert after == unicodedata.normalize("NFKC", before)
        elif before == "\u3000":
            assert after == " "
        else:
            assert after == before
