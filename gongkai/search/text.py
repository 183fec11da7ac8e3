"""Chinese text as the index sees it: overlapping character bigrams plus single characters.

Exact-substring matching is the requirement (PERFORMANCE.md, finding 1): a
citizen types the exact name of a policy, town or app (粤商通), and every
published record containing it must be found. Word segmentation misses
documents; trigrams cannot match 2-character terms (低保). So every text is
cut into all its overlapping 2-character pieces, the piece starting at
character i taking position i: a term of n ≥ 2 characters occurs exactly where
its bigrams occur at consecutive positions (a phrase query), and 1-character
terms use a separate field of single characters.

Matching ignores letter case (str.lower) and nothing else. Whitespace in a
text becomes one private-use character, so positions still equal character
offsets but no query term (split on whitespace) ever matches across it.
"""

from __future__ import annotations

import html
import re

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


def normalize(text: str) -> str:
    """The form that is indexed: lower case, every whitespace character one separator."""
    return _SPACE.sub(SEPARATOR, text.lower())


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
    """The user's text as terms to AND together: split on whitespace, lower case, deduplicated.

    Nothing in it is syntax: quotes, AND/OR/NOT, *, :, parentheses and SQL are
    characters to find like any other.
    """
    cut = query[:MAX_QUERY_CHARS].lower().replace(SEPARATOR, " ")
    terms: list[str] = []
    for term in cut.split():
        if term not in terms:
            terms.append(term)
    # A term inside another adds nothing to an AND of substrings.
    terms = [t for t in terms if not any(t != other and t in other for other in terms)]
    return terms[:MAX_TERMS]


def phrase_bigrams(term: str) -> list[tuple[int, str]]:
    """Bigrams that pin down a term of ≥ 2 characters, with their offsets.

    Every other bigram covers all characters (positions equal offsets), plus the
    last one: 临时救助审批 → 临时@0, 救助@2, 审批@4; half the postings of the full chain.
    """
    last = len(term) - 2
    offsets = list(range(0, last + 1, 2))
    if offsets[-1] != last:
        offsets.append(last)
    return [(i, term[i : i + 2]) for i in offsets]


def contains_all(text: str, terms: list[str]) -> bool:
    """The reference rule the engines must equal: every term is a substring (case ignored)."""
    folded = text.lower()
    return all(term in folded for term in terms)
