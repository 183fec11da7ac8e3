"""The token rules the engines index by (text.py), checked against their plain definitions."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.text import (
    SEPARATOR,
    bigram_tokens,
    normalize,
    phrase_cover,
    query_terms,
)


@given(st.text(alphabet=st.sampled_from("低保标准粤商通 \u3000\nAbc😀，")))
def test_bigram_i_is_characters_i_and_i_plus_1(text):
    text = normalize(text)
    expected = [text[i : i + 2] for i in range(len(text) - 1)]
    assert (bigram_tokens(text).split(" ") if len(text) > 1 else []) == expected
    assert not any(c.isspace() for c in "".join(expected))


@given(
    st.text(alphabet=st.sampled_from("临时救助审批啊"), min_size=3, max_size=30),
    st.dictionaries(st.text(min_size=2, max_size=2), st.integers(1, 10**6)),
)
def test_phrase_cover_covers_every_character_and_holds_the_rarest_bigram(term, freq):
    cover = phrase_cover(term, lambda gram: freq.get(gram, 500_000))
    covered = set()
    for offset, gram in cover:
        assert term[offset : offset + 2] == gram
        covered |= {offset, offset + 1}
    assert covered == set(range(len(term)))
    rarest = min(freq.get(term[i : i + 2], 500_000) for i in range(len(term) - 1))
    assert min(freq.get(gram, 500_000) for _offset, gram in cover) == rarest
    # As few bigrams as any cover that holds the rarest one: one per two characters, plus
    # at most one on each side of it for an odd remainder.
    assert len(cover) <= len(term) // 2 + 2


def test_phrase_cover_prefers_rare_bigrams_across_word_boundaries():
    freq = {"临时": 95, "时救": 3, "救助": 95, "助审": 3, "审批": 95}
    assert phrase_cover("临时救助审批", freq.__getitem__) == [
        (0, "临时"), (1, "时救"), (3, "助审"), (4, "审批"),
    ]  # fmt: skip
    # All equally common: the fewest bigrams, every other one.
    assert [o for o, _ in phrase_cover("最低生活保障", lambda gram: 95)] == [0, 2, 4]
    # A bigram no document holds decides alone: nothing can match.
    assert phrase_cover("粤商通", {"粤商": 0, "商通": 7}.__getitem__) == [(0, "粤商")]


def test_query_text_is_words_never_syntax():
    assert query_terms(' 低保\u3000标准 "AND" (OR) ') == ["低保", "标准", '"and"', "(or)"]
    assert query_terms("低保 低保标准 低保") == ["低保标准"]
    assert query_terms(SEPARATOR + "粤商通") == ["粤商通"]
    assert len("".join(query_terms("字" * 2000))) == 100
