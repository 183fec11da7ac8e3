"""Chinese text as the index sees it: overlapping character bigrams plus single characters.

Exact-substring matching is the requirement (PERFORMANCE.md, finding 1): a
citizen types the exact name of a policy, town or app (粤商通), and every
published record containing it must be found. Word segmentation misses
documents; trigrams cannot match 2-character terms (低保). So every text is
cut into all its overlapping 2-character pieces, the piece starting at
character i taking position i: a term of n ≥ 2 characters occurs exactly where
its bigrams occur at consecutive positions (a phrase query), and 1-character
terms use a separate field of single characters.

Matching ignores letter case (str.lower) and character width (fold_width:
２０２４ is 2024, ＡＢＣ is abc), and nothing else; the index, the query and
the database re-check all fold through `fold`. Whitespace in a text becomes one
private-use character, so positions still equal character offsets but no
query term (split on whitespace) ever matches across it.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable

# Every character Python's str.isspace() knows (what \s matches in a str pattern; a superset of
# what tantivy's whitespace tokenizer splits on) becomes SEPARATOR in indexed text.
SEPARATOR = "\ue000"
_SPACE = re.compile(r"\s")

# Bounds on what a user can make the engine do; longer input is cut, not refused.
MAX_QUERY_CHARS = 100
MAX_TERMS = 10

_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|li|tr|td|th|h[1-6]|table|ul|ol|blockquote)\b[^>]*|br\s*/?)>", re.I
)
_ANY_TAG = re.compile(r"<[^>]*>")


def html_to_text(value: str) -> str:
    """A record body (sanitised HTML) as plain text; blocks stay apart, inline tags vanish."""
    if "<" not in value and "&" not in value:
        return value
    return html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", value)))


# Full-width ASCII forms (U+FF01–FF5E) and the ideographic space (U+3000). Official text mixes
# them with their ASCII forms (中府〔２０２４〕３号, ＡＢＣ, （） and ，) and a citizen types
# whichever the input method gives. Only this block is folded, one character for one. NFKC
# would fold it too, but also turns ㈠ into "(一)", ⑴ into "(1)" and ㎡ into "m2": the folded
# text would be longer than the original, and snippets and highlighting, which find terms in
# the folded text and mark those offsets in the original, would mark the wrong characters.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_WIDE_OFFSET = 0xFF01 - 0x21


def fold_width(text: str) -> str:
    """Full-width ASCII forms as ASCII and U+3000 as a space; the length is unchanged.

    One str.replace per distinct wide character found: texts hold a handful (，（）：),
    and this is ~8x faster than str.translate, which looks up every character.
    """
    found = _WIDE.search(text)
    while found:
        wide = found.group()
        text = text.replace(wide, " " if wide == "\u3000" else chr(ord(wide) - _WIDE_OFFSET))
        found = _WIDE.search(text, found.start())
    return text


def fold(text: str) -> str:
    """What matching ignores: character width and letter case."""
    return fold_width(text).lower()


def normalize(text: str) -> str:
    """The form that is indexed: folded, every whitespace character one separator."""
    return _SPACE.sub(SEPARATOR, fold(text))


def bigram_tokens(text: str) -> str:
    """Space-separated overlapping bigrams of normalised text; token i starts at character i.

    Built as UTF-32 bytes with strided copies, one code point per 4 bytes: the
    obvious `" ".join(map(str.__add__, text, text[1:]))` is ~8x slower and was
    most of the index build time.
    """
    pairs = len(text) - 1
    if pairs < 1:
        return ""
    raw = text.encode("utf-32-le")
    # Each token is 3 code points: first character, second character, a space.
    out = bytearray(b"\0\0\0\0\0\0\0\0 \0\0\0" * pairs)
    for k in range(4):
        out[k::12] = raw[k : 4 * pairs : 4]
        out[4 + k :: 12] = raw[4 + k :: 4]
    return out.decode("utf-32-le")[:-1]


def query_terms(query: str) -> list[str]:
    """The user's text as terms to AND together: split on whitespace, folded, deduplicated.

    Nothing in it is syntax: quotes, AND/OR/NOT, *, :, parentheses and SQL are
    characters to find like any other.
    """
    cut = fold(query[:MAX_QUERY_CHARS]).replace(SEPARATOR, " ")
    terms: list[str] = []
    for term in cut.split():
        if term not in terms:
            terms.append(term)
    # A term inside another adds nothing to an AND of substrings.
    terms = [t for t in terms if not any(t != other and t in other for other in terms)]
    return terms[:MAX_TERMS]


def phrase_cover(term: str, doc_freq: Callable[[str], int]) -> list[tuple[int, str]]:
    """Bigrams that pin down a term of ≥ 2 characters, with their offsets, chosen by rarity.

    Any set of bigrams covering every character is exact as a phrase query (positions
    equal offsets). Which set matters for speed: the engine intersects the bigrams'
    documents led by the rarest, then reads positions in every candidate for every
    bigram. Common words make common bigrams (临时, 救助 and 审批 are each in ~95% of
    the benchmark's records) while the bigrams across word boundaries (时救, 助审) are
    rare, so a fixed every-other choice (临时@0, 救助@2, 审批@4) checked nearly every
    record. So: always the rarest bigram, then the fewest bigrams that cover the rest
    from there, preferring rarer ones among equally few.
    """
    last = len(term) - 2
    grams = [term[i : i + 2] for i in range(last + 1)]
    freq = [doc_freq(gram) for gram in grams]
    rarest = min(range(last + 1), key=freq.__getitem__)
    if last == 0 or freq[rarest] == 0:
        # No candidates at all when a bigram is absent: that one alone decides.
        return [(rarest, grams[rarest])]
    # Offsets form a chain 0 … last with steps of 1 or 2 (a step of 3 would leave a
    # character uncovered); cost = (bigrams, sum of log frequencies), the second an
    # estimate of the candidates when bigrams are independent.
    weight = [math.log1p(f) for f in freq]

    def chain(start: int, stop: int) -> list[int]:
        step = 1 if stop >= start else -1
        best = {start: ((1, weight[start]), [start])}
        for offset in range(start + step, stop + step, step):
            options = [
                ((cost[0] + 1, cost[1] + weight[offset]), path + [offset])
                for back in (offset - step, offset - 2 * step)
                if back in best
                for cost, path in [best[back]]
            ]
            best[offset] = min(options)
        return best[stop][1]

    offsets = sorted({*chain(rarest, 0), *chain(rarest, last)})
    return [(offset, grams[offset]) for offset in offsets]


def contains_all(text: str, terms: list[str]) -> bool:
    """The reference rule the engines must equal: every term is a substring of the folded text."""
    folded = fold(text)
    return all(term in folded for term in terms)
