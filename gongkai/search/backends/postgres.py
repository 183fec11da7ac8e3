"""The PostgreSQL engine: a GIN index over each record's distinct bigrams and characters.

For a deployment that wants no second store: the index is a table in the same
database (migration 0001), updated in the same way as tantivy's. A term's
bigrams (or its single character) must all be in a record's `grams`, which
the GIN index answers; terms of 3 or more characters are then confirmed with
LIKE on the folded text (text.fold: case and width, as the terms are), so the
result is exactly the records containing every term. Relevance is computed in
SQL over the matching rows (title matches weigh TITLE_BOOST times a saturated
body frequency): fast for names and rare phrases, but a term most records hold
costs a pass over nearly all of them, 3.4–6.1 s a page at 100,000 records
(docs/benchmarks.md, "The PostgreSQL search backend at 100k"). The default
engine is the one for large corpora.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from gongkai.search.backends.base import NEWEST, TITLE_BOOST, BackendResult, Filters
from gongkai.search.documents import SearchDoc
from gongkai.search.text import SEPARATOR, fold, normalize

INSERT = """
INSERT INTO search_entry (record_id, title, body, grams, published_at, unit_id, item_ids,
                          domain_ids, doc_type, validity, year)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""


def _grams(text: str) -> list[str]:
    pieces = set(text) | set(map(str.__add__, text, text[1:]))
    return sorted(piece for piece in pieces if SEPARATOR not in piece)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresBackend:
    def _row(self, doc: SearchDoc) -> tuple:
        # Folded in Python, as the terms are: no SQL function folds width the same way.
        title, body = fold(doc.title), fold(doc.body)
        grams = _grams(normalize(doc.title) + SEPARATOR + normalize(doc.body))
        return (doc.pk, title, body, grams, doc.published_at, doc.unit_id, doc.item_ids,
                doc.domain_ids, doc.doc_type, doc.validity, doc.year)  # fmt: skip

    def update(self, docs: list[SearchDoc], remove: Iterable[int]) -> None:
        gone = sorted({*remove, *(doc.pk for doc in docs)})
        with transaction.atomic(), connection.cursor() as cursor:
            if gone:
                cursor.execute("DELETE FROM search_entry WHERE record_id = ANY(%s)", [gone])
            if docs:
                cursor.executemany(INSERT, [self._row(doc) for doc in docs])

    def rebuild(self, batches: Iterable[list[SearchDoc]]) -> int:
        count = 0
        # One transaction: searches see the old rows until the new ones are all in.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")
            for batch in batches:
                cursor.executemany(INSERT, [self._row(doc) for doc in batch])
                count += len(batch)
        return count

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_entry')")
            return cursor.fetchone()[0]

    def search(
        self,
        terms: list[str],
        filters: Filters,
        *,
        order: str,
        offset: int,
        limit: int,
        count: bool = True,  # the count comes with the page's query here, at no extra cost
    ) -> BackendResult:
        where, params = [], []
        # A term's single character, or all its bigrams (the candidates; LIKE confirms).
        grams = sorted(
            {
                gram
                for term in terms
                for gram in ([term] if len(term) == 1 else map(str.__add__, term, term[1:]))
            }
        )
        if grams:
            where.append("grams @> %s::text[]")
            params.append(grams)
        for term in terms:
            if len(term) >= 3:
                where.append("(title LIKE %s OR body LIKE %s)")
                params += [_like(term), _like(term)]
        for column, value in [("unit_id", filters.unit_id), ("year", filters.year),
                              ("doc_type", filters.doc_type or None),
                              ("validity", filters.validity or None)]:  # fmt: skip
            if value is not None:
                where.append(f"{column} = %s")
                params.append(value)
        for column, value in [("domain_ids", filters.domain_id), ("item_ids", filters.item_id)]:
            if value is not None:
                where.append(f"{column} @> ARRAY[%s]::bigint[]")
                params.append(value)
        condition = " AND ".join(where) or "TRUE"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_entry WHERE {condition}", params)
            total = cursor.fetchone()[0]
            if order == NEWEST or not terms:
                cursor.execute(
                    f"SELECT record_id, 0.0 FROM search_entry WHERE {condition} "
                    "ORDER BY published_at DESC, record_id DESC LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
            else:
                score, score_params = self._score(terms)
                cursor.execute(
                    f"SELECT record_id, {score} AS score FROM search_entry WHERE {condition} "
                    "ORDER BY score DESC, published_at DESC, record_id DESC LIMIT %s OFFSET %s",
                    [*score_params, *params, limit, offset],
                )
            hits = [(pk, float(score)) for pk, score in cursor.fetchall()]
        return BackendResult(hits=hits, total=total)

    def _score(self, terms: list[str]) -> tuple[str, list]:
        """Per term: TITLE_BOOST if in the title, plus the body count saturated as in BM25."""
        parts, params = [], []
        for term in terms:
            tf = "((length(body) - length(replace(body, %s, ''))) / %s::float)"
            parts.append(
                f"(CASE WHEN position(%s in title) > 0 THEN {TITLE_BOOST} ELSE 0 END"
                f" + {tf} / ({tf} + 1.2 * (0.25 + 0.75 * length(body) / 1000.0)))"
            )
            params += [term, term, len(term), term, len(term)]
        return " + ".join(parts), params
