"""Searching and keeping the index up to date; views, commands and tasks call these.

The index is a cache of the database, never the authority: every page of hits
is read back from the database and a hit whose record is no longer searchable
(withdrawn, not yet reindexed), or whose searchable text as the database has it
now (documents.texts_of, interpretations included) no longer holds every
term, is dropped and its index entry repaired, so a stale index never shows
withdrawn content.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from gongkai.records.models import Record
from gongkai.search.backends import Filters, get_backend
from gongkai.search.backends.base import NEWEST, RELEVANCE
from gongkai.search.documents import build_docs, iter_all_docs, searchable_records, texts_of
from gongkai.search.text import MAX_QUERY_CHARS, contains_all, fold, fold_width, query_terms

PER_PAGE = 20
# Deep pages cost the engine offset + limit; nobody reads page 500 of a result list.
MAX_PAGE = 500
SNIPPET_CHARS = 120
ORDERS = (RELEVANCE, NEWEST)


@dataclass
class Result:
    record: Record
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchPage:
    query: str
    terms: list[str]
    order: str
    page: int
    per_page: int
    total: int
    results: list[Result] = field(default_factory=list)
    query_cut: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, math.ceil(self.total / self.per_page)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def search(
    *,
    query: str,
    filters: Filters | None = None,
    order: str = RELEVANCE,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchPage:
    """One page of published records containing every term of `query`, with snippets.

    An empty query lists every published record (newest first) under the filters.
    A page past the end shows the last page. Hits the database no longer shows are
    dropped and counted out of the total; stale entries on other pages are not
    known until they are reached (each is repaired when it is).
    """
    filters = filters or Filters()
    order = order if order in ORDERS else RELEVANCE
    terms = query_terms(query)
    backend = get_backend()
    page = min(max(page, 1), MAX_PAGE)
    found = backend.search(
        terms, filters, order=order, offset=(page - 1) * per_page, limit=per_page
    )
    last_page = max(1, min(MAX_PAGE, math.ceil(found.total / per_page)))
    if page > last_page:
        page = last_page
        found = backend.search(
            terms, filters, order=order, offset=(page - 1) * per_page, limit=per_page
        )
    pks = [pk for pk, _score in found.hits]
    records = searchable_records().select_related("unit").in_bulk(pks)
    # The same text the index was built from (documents._docs), folded the same way
    # (text.contains_all), so only a real change in the database drops a hit.
    docs = texts_of(records.values())
    current = {pk for pk, doc in docs.items() if contains_all(doc.text, terms)}
    stale = [pk for pk in pks if pk not in current]
    if stale:
        from gongkai.search.tasks import schedule_index_update

        schedule_index_update(stale)
    results = [
        Result(
            record=records[pk],
            score=score,
            title_html=highlight(records[pk].title, terms),
            snippet_html=snippet(docs[pk].body, terms),
        )
        for pk, score in found.hits
        if pk in current
    ]
    return SearchPage(
        query=query,
        terms=terms,
        order=order,
        page=page,
        per_page=per_page,
        total=max(0, found.total - len(stale)),
        results=results,
        query_cut=len(query) > MAX_QUERY_CHARS,
    )


def index_update(record_pks: list[int]) -> int:
    """Bring these records' index entries in line with the database; returns those indexed."""
    docs = build_docs(record_pks)
    indexed = {doc.pk for doc in docs}
    get_backend().update(docs, remove=[pk for pk in record_pks if pk not in indexed])
    return len(docs)


def indexed_count() -> int:
    """How many records the index holds (every engine counts an empty query's listing)."""
    found = get_backend().search([], Filters(), order=NEWEST, offset=0, limit=1)
    return found.total or 0


def index_rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the database; `progress(done, total)` after each batch."""
    total = searchable_records().count()

    def batches():
        done = 0
        for batch in iter_all_docs():
            yield batch
            done += len(batch)
            if progress:
                progress(done, total)

    return get_backend().rebuild(batches())


# -- highlighting ------------------------------------------------------------------


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    # Offsets in the folded text are offsets in `text`: width folding is one character for one.
    folded = fold(text)
    if len(folded) != len(text):  # a rare character whose lower case is longer
        folded = fold_width(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` HTML-escaped, with every occurrence of a term in <mark>."""
    out, at = [], 0
    for start, end in _spans(text, terms):
        out.append(html.escape(text[at:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(body: str, terms: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters of `body` around its first match, highlighted."""
    body = " ".join(body.split())
    spans = _spans(body, terms)
    start = max(0, spans[0][0] - width // 4) if spans else 0
    end = min(len(body), start + width)
    piece = highlight(body[start:end], terms)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308
