"""The embedded engine: tantivy (Rust, in-process) over bigrams and single characters.

Why tantivy: on the same bigram tokens it ranks a common term ~15× faster than
SQLite FTS5 (PERFORMANCE.md, finding 2), and it keeps exact counts and a fast
newest-first order (a fast field). Bigrams are made in Python (text.py) and
handed over space-separated; the index's analyser only splits on spaces, so
what is indexed is exactly what text.py says. Single characters need no
positions and are cut by tantivy's 1-gram tokenizer from the same normalised text.

One process writes at a time (tantivy's writer lock): the task worker, or
`gongkai search reindex`. Readers in the web processes see a commit within
about a second (tantivy's on-commit reload policy watches the index files).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

import tantivy
from tantivy import Index, Occur, Order, Query, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

from gongkai.search.backends.base import NEWEST, TITLE_BOOST, BackendResult, Filters
from gongkai.search.documents import SearchDoc
from gongkai.search.text import bigram_tokens, normalize, phrase_cover

# Bumped when the schema or the tokens change: a new directory, filled by `search reindex`.
LAYOUT = "v1"
ANALYZER = "gongkai_tokens"
# Single characters need no positions, so tantivy cuts them itself (1-grams), in Rust.
CHARS = "gongkai_chars"
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
# The worker and `search reindex` may want the writer at once; the loser waits this long.
LOCK_WAIT_S = 30.0


def _schema():
    builder = SchemaBuilder()
    builder.add_integer_field("id", indexed=True, fast=True)
    for name in ("title", "body"):
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
        builder.add_text_field(f"{name}_char", tokenizer_name=CHARS, index_option="freq")
    builder.add_integer_field("published", fast=True)
    for name in ("unit", "item", "domain", "year"):
        builder.add_integer_field(name, indexed=True)
    for name in ("doc_type", "validity"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


class TantivyBackend:
    def __init__(self, index_dir: str):
        if not index_dir:
            raise ValueError("GONGKAI_SEARCH_INDEX_DIR is not set")
        self.path = Path(index_dir) / LAYOUT
        self.schema = _schema()
        self._index: Index | None = None
        self._lock = threading.Lock()

    # -- opening -----------------------------------------------------------------

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self.path.mkdir(parents=True, exist_ok=True)
                index = Index(self.schema, path=str(self.path), reuse=True)
                index.register_tokenizer(
                    ANALYZER, TextAnalyzerBuilder(Tokenizer.whitespace()).build()
                )
                index.register_tokenizer(
                    CHARS, TextAnalyzerBuilder(Tokenizer.ngram(1, 1, False)).build()
                )
                self._index = index
            return self._index

    def _writer(self, heap: int, threads: int):
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                return self.index.writer(heap_size=heap, num_threads=threads)
            except ValueError:
                # Another process holds the writer lock (a reindex, another worker).
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    # -- writing -----------------------------------------------------------------

    def _document(self, doc: SearchDoc) -> tantivy.Document:
        title, body = normalize(doc.title), normalize(doc.body)
        document = tantivy.Document()
        document.add_integer("id", doc.pk)
        document.add_text("title", bigram_tokens(title))
        document.add_text("title_char", title)
        document.add_text("body", bigram_tokens(body))
        document.add_text("body_char", body)
        document.add_integer("published", int(doc.published_at.timestamp()))
        document.add_integer("unit", doc.unit_id)
        document.add_integer("year", doc.year)
        for item in doc.item_ids:
            document.add_integer("item", item)
        for domain in doc.domain_ids:
            document.add_integer("domain", domain)
        document.add_text("doc_type", doc.doc_type)
        document.add_text("validity", doc.validity)
        return document

    def update(self, docs: list[SearchDoc], remove: Iterable[int]) -> None:
        writer = self._writer(WRITER_HEAP, 1)
        try:
            for pk in {*remove, *(doc.pk for doc in docs)}:
                writer.delete_documents_by_term("id", pk)
            for doc in docs:
                writer.add_document(self._document(doc))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # also releases the writer lock
        self.index.reload()

    def rebuild(self, batches: Iterable[list[SearchDoc]]) -> int:
        """Everything in one commit: searches see the old index until the new one is complete."""
        writer = self._writer(REBUILD_HEAP, 2)
        count = 0
        try:
            writer.delete_all_documents()
            for batch in batches:
                for doc in batch:
                    writer.add_document(self._document(doc))
                count += len(batch)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        self.index.reload()
        return count

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    # -- reading -----------------------------------------------------------------

    def _term_query(self, searcher: tantivy.Searcher, term: str) -> Query:
        """Title or body contains `term`; a title match weighs TITLE_BOOST times more."""
        if len(term) == 1:
            title = Query.term_query(self.schema, "title_char", term)
            body = Query.term_query(self.schema, "body_char", term)
        elif len(term) == 2:
            title = Query.term_query(self.schema, "title", term)
            body = Query.term_query(self.schema, "body", term)
        else:
            # Chosen per field from this searcher's frequencies: a bigram rare in bodies
            # may be common in titles, and the same segments are then searched.
            title, body = (
                self._phrase(field, phrase_cover(term, lambda g, f=field: searcher.doc_freq(f, g)))
                for field in ("title", "body")
            )
        return Query.boolean_query(
            [(Occur.Should, Query.boost_query(title, TITLE_BOOST)), (Occur.Should, body)]
        )

    def _phrase(self, field: str, grams: list[tuple[int, str]]) -> Query:
        if len(grams) == 1:
            # A bigram in no document at all: tantivy refuses a one-term phrase, and
            # the term alone already matches nothing.
            return Query.term_query(self.schema, field, grams[0][1])
        return Query.phrase_query(self.schema, field, grams)

    def _filter_queries(self, filters: Filters) -> list[Query]:
        wanted = [
            ("unit", filters.unit_id),
            ("domain", filters.domain_id),
            ("item", filters.item_id),
            ("year", filters.year),
            ("doc_type", filters.doc_type or None),
            ("validity", filters.validity or None),
        ]
        return [
            Query.const_score_query(Query.term_query(self.schema, name, value), 0.0)
            for name, value in wanted
            if value is not None
        ]

    def search(
        self, terms: list[str], filters: Filters, *, order: str, offset: int, limit: int
    ) -> BackendResult:
        searcher = self.index.searcher()
        clauses = [self._term_query(searcher, term) for term in terms]
        clauses += self._filter_queries(filters)
        if not clauses:
            query = Query.all_query()
        else:
            query = Query.boolean_query([(Occur.Must, clause) for clause in clauses])
        newest = order == NEWEST or not terms
        result = searcher.search(
            query,
            limit=max(limit, 1),
            count=True,
            offset=offset,
            order_by_field="published" if newest else None,
            order=Order.Desc,
        )
        addresses = [address for _score, address in result.hits][:limit]
        pks = searcher.fast_field_values("id", addresses) if addresses else []
        scores = [0.0 if newest else float(score) for score, _address in result.hits][:limit]
        return BackendResult(hits=list(zip(pks, scores, strict=True)), total=result.count)
