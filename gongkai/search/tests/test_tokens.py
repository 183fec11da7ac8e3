"""The token rules the engines index by (text.py), checked against their plain definitions."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.text import (
    SEPARATOR,
    bigram_tokens,
    normalize,
    phrase_bigrams,
    query_terms,
)


@given(st.text(alphabet=st.sampled_from("低保标准粤商通 \u3000\nAbc😀，")))
def test_bigram_i_is_characters_i_and_i_plus_1(text):
    text = normalize(text)
    expected = [text[i : i + 2] for i in range(len(text) - 1)]
    assert (bigram_tokens(text).split(" ") if len(text) > 1 else []) == expected
    assert not any(c.isspace() for c in "".join(expected))


@given(st.text(alphabet=st.sampled_from("临时救助审批啊"), min_size=2, max_size=30))
def test_phrase_bigrams_cover_every_character(term):
    covered = set()
    for offset, gram in phrase_bigrams(term):
        assert term[offset : offset + 2] == gram
        covered |= {offset, offset + 1}
    assert covered == set(range(len(term)))


def test_query_text_is_words_never_syntax():
    assert query_terms(' 低保\u3000标准 "AND" (OR) ') == ["低保", "标准", '"and"', "(or)"]
    assert query_terms("低保 低保标准 低保") == ["低保标准"]
    assert query_terms(SEPARATOR + "粤商通") == ["粤商通"]
    assert len("".join(query_terms("字" * 2000))) == 100
