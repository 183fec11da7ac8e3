"""The embedded engine: tantivy (Rust, in-process) over bigrams and single characters.

Why tantivy: on the same bigram tokens it ranks a common term ~15× faster than
SQLite FTS5 (PERFORMANCE.md, finding 2). Bigrams are made in Python (text.py)
and handed over space-separated; the index's analyser only splits on spaces, so
what is indexed is exactly what text.py says. Single characters need no
positions and are cut by tantivy's 1-gram tokenizer from the same normalised text.

Each text is indexed twice: the title alone, and title and body together ("all").
"all" decides whether a record matches, so a term of one or two characters is
one indexed term and its count is its document frequency, read without visiting
a single match. The title fields add the weight of a title match and, where
title matches provably outrank every other record, let the ranking read only
them (`_ranked`). Newest first reads the last days' records before older ones
(`_newest`). Both were measured on 1,000,000 records (docs/benchmarks.md): a
common term matches ~95% of them, and visiting every match is what cost time.

Terms of three or more characters that most records hold are indexed once more, each
as a single term of the "all_frequent" and "title_frequent" fields (frequent.py), so
that they too are counted by their document frequency and matched without positions.
Each record also lists the common terms (frequent.py) it lacks: several terms nearly
every record holds are counted as the records minus those lacking any of them, and
beside a rarer term a common one is matched as "not lacking it" (`_matching`).

Trigrams were measured as well (a 3-character term as one term, longer phrases
with fewer position lists): with positions they take 0.87× the text on their
own, and the index must stay under 1.0× (PERFORMANCE.md, S6).

One process writes at a time (tantivy's writer lock): the task worker, or
`gongkai search reindex`. Readers in the web processes see a commit within
about a second (tantivy's on-commit reload policy watches the index files).
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tantivy
from tantivy import (
    FieldType,
    Index,
    Occur,
    Order,
    Query,
    SchemaBuilder,
    TextAnalyzerBuilder,
    Tokenizer,
)

from gongkai.search import frequent
from gongkai.search.backends.base import NEWEST, TITLE_BOOST, BackendResult, Filters
from gongkai.search.documents import SearchDoc
from gongkai.search.frequent import FrequentTerms
from gongkai.search.text import bigram_tokens, normalize, phrase_cover

# Bumped when the schema or the tokens change: a new directory, filled by `search reindex`.
LAYOUT = "v6"
ANALYZER = "gongkai_tokens"
# Single characters need no positions, so tantivy cuts them itself (1-grams), in Rust.
CHARS = "gongkai_chars"
PARTS = ("title", "all")
# Each part's frequent terms (frequent.py): its field, and the same with "_frequent".
FREQUENT = {part: f"{part}_frequent" for part in PARTS}
# Between title and body in "all": a title of L characters has bigrams at 0 … L-2, these
# two tokens take L-1 and L, and the body starts at L+1. No query term contains them, so
# no phrase can hold the character at L, and none can match across the join.
JOIN = " \ue001 \ue001 "
# Every document holds this term once. Its document frequency counts deleted documents
# until their segment is merged, so comparing it with the live count tells whether any are.
EVERY = ("kind", "record")
# Each document holds the digest of the frequent terms it was indexed with (frequent.py).
DICTIONARY = "dictionary"
# Fills a part's frequent field up to the part's token count: the same length for BM25.
FILLER = "\ue002"
# The common terms a record does not hold (frequent.py).
LACKS = "lacks"
# tantivy's BM25 (tantivy::query::bm25): whatever a term's frequency and the field's length,
# its score is below idf × (K1 + 1), and a phrase's below the sum of its terms' idf × (K1 + 1).
BM25_K1 = 1.2
# A record's best score, read from tantivy, with room for rounding (f32, clause order).
BEST_SLACK = 1.001
# Newest first: the last days, then older slices, until a page fills (`_newest`). The
# first slice is sized to hold FIRST_SLACK pages at the highest rate possible, a later
# one SLICE_SLACK times the matches still missing at the rate seen; while none matched,
# the days read grow WINDOW_GROWTH times.
WINDOW_GROWTH = 4
FIRST_SLACK = 2.0
SLICE_SLACK = 1.5
# Ordering all of `most` matches costs ~most × a match's cost; slices cost ~the records
# they read, FIRST_SLACK × want × documents / most. Ordering them all is cheaper below
# most² = SORT_ALL × want × documents. Measured at 1,000,000 records, a record read in a
# slice costs ~28 ns, a match ordered ~21 ns for terms and ~110 ns for phrases (each a
# position check): even 4,024 matches of 粤 are cheaper ordered, 粤商通's in slices.
SORT_ALL = 2.0
SORT_ALL_PHRASES = 0.5
# The oldest and newest records' days size the slices; they are looked up again after this.
DAYS_TTL_S = 60.0
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
# The worker and `search reindex` may want the writer at once; the loser waits this long.
LOCK_WAIT_S = 30.0
SECONDS_PER_DAY = 86_400
# The newest-first order key: a record's publication second above its pk's KEY_BITS bits
# (seconds fit 32 bits until 2106, and pks 4 billion records).
NEWEST_KEY = "newest"
KEY_BITS = 32
KEY_PK = (1 << KEY_BITS) - 1


def _schema():
    builder = SchemaBuilder()
    builder.add_integer_field("id", indexed=True, fast=True)
    for part in PARTS:
        builder.add_text_field(part, tokenizer_name=ANALYZER, index_option="position")
        builder.add_text_field(f"{part}_char", tokenizer_name=CHARS, index_option="freq")
    # Frequent terms need no positions: they decide matches and counts, and score by frequency.
    for field in FREQUENT.values():
        builder.add_text_field(field, tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field(LACKS, tokenizer_name=ANALYZER, index_option="basic")
    # Newest first reads one column for order and identity: see `_newest_key`.
    builder.add_unsigned_field(NEWEST_KEY, fast=True)
    # Days since the epoch, indexed: a newest-first page reads the last days' records first.
    builder.add_integer_field("day", indexed=True)
    for name in ("unit", "item", "domain", "year"):
        builder.add_integer_field(name, indexed=True)
    for name in ("doc_type", "validity", "kind", DICTIONARY):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


@dataclass
class _Term:
    """One query term: where it matches, its title part, and what its "all" part is made of."""

    query: Query  # "all" holds it, and a title match adds its boosted score
    every: Query  # the records that hold it: whether a record matches, unscored work
    title: Query  # the title part alone, unboosted
    grams: list[tuple[str, str]]  # (field, indexed term) of the "all" part
    title_grams: list[tuple[str, str]]  # and of the title part
    most: int  # no more records match it than this
    most_titles: int  # nor more titles
    exact: bool  # exactly `most` records match it (while no deleted document waits)
    lacks: Query | None  # the records without it, for a common term


@dataclass
class _Match:
    """The records holding every term and passing the filters, as flat clauses."""

    held: list[Query]  # every one of these
    lacking: list[Query]  # none of these; only beside a clause of `held`

    def query(self, *also: Query) -> Query:
        """The match, and `also`: one boolean query, never nested.

        A nested exclusion would lead an outer intersection and be read in full: a
        newest-first window around 临时救助 审批 measured 1.2 ms nested, 0.28 flat.
        """
        held = [*self.held, *also]
        if not self.lacking:
            return _all_of(held)
        return Query.boolean_query(
            [(Occur.Must, clause) for clause in held]
            + [(Occur.MustNot, clause) for clause in self.lacking]
        )


class TantivyBackend:
    def __init__(self, index_dir: str):
        if not index_dir:
            raise ValueError("GONGKAI_SEARCH_INDEX_DIR is not set")
        self.path = Path(index_dir) / LAYOUT
        # Beside the index, not in it: tantivy owns the files of its directory.
        self.frequent = frequent.Store(Path(index_dir) / f"{LAYOUT}-frequent-terms.json")
        self.schema = _schema()
        self._index: Index | None = None
        self._lock = threading.Lock()
        self._days_seen: tuple[float, tuple[int, int]] | None = None  # (when, (first, last))

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

    def _document(self, doc: SearchDoc, terms: FrequentTerms) -> tantivy.Document:
        title, body = normalize(doc.title), normalize(doc.body)
        title_grams = bigram_tokens(title)
        document = tantivy.Document()
        document.add_integer("id", doc.pk)
        document.add_text("title", title_grams)
        document.add_text("title_char", title)
        document.add_text("all", f"{title_grams}{JOIN}{bigram_tokens(body)}")
        # Without positions, title and body need no gap: single characters span nothing.
        document.add_text("all_char", title + body)
        # Found in title and body apart, like the bigrams, so no term spans the two.
        in_title = terms.occurrences(title)
        document.add_text(FREQUENT["title"], _frequent_tokens(in_title, _tokens(title)))
        length = _tokens(title) + 2 + _tokens(body)  # JOIN is two tokens
        in_all = in_title + terms.occurrences(body)
        document.add_text(FREQUENT["all"], _frequent_tokens(in_all, length))
        document.add_text(LACKS, " ".join(terms.lacking(title, body)))
        document.add_text(DICTIONARY, terms.digest)
        published = int(doc.published_at.timestamp())
        document.add_unsigned(NEWEST_KEY, _newest_key(published, doc.pk))
        document.add_integer("day", published // SECONDS_PER_DAY)
        document.add_integer("unit", doc.unit_id)
        document.add_integer("year", doc.year)
        for item in doc.item_ids:
            document.add_integer("item", item)
        for domain in doc.domain_ids:
            document.add_integer("domain", domain)
        document.add_text("doc_type", doc.doc_type)
        document.add_text("validity", doc.validity)
        document.add_text(*EVERY)
        return document

    def update(self, docs: list[SearchDoc], remove: Iterable[int]) -> None:
        writer = self._writer(WRITER_HEAP, 1)
        try:
            # Read while holding the writer: a rebuild saves its dictionary before it lets go.
            terms = self.frequent.current()
            for pk in {*remove, *(doc.pk for doc in docs)}:
                writer.delete_documents_by_term("id", pk)
            for doc in docs:
                writer.add_document(self._document(doc, terms))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # also releases the writer lock
        self.index.reload()

    def rebuild(self, batches: Iterable[list[SearchDoc]]) -> int:
        """Everything in one commit: searches see the old index until the new one is complete.

        The frequent terms are learnt from the first records and saved before any is
        indexed. Searches meanwhile ignore them: the index's documents do not carry
        the new dictionary's digest until the commit.
        """
        writer = self._writer(REBUILD_HEAP, 2)
        count = 0
        try:
            writer.delete_all_documents()
            batches = iter(batches)
            sample: list[SearchDoc] = []
            for batch in batches:
                sample += batch
                if len(sample) >= frequent.SAMPLE_RECORDS:
                    break
            terms = frequent.learn(
                (normalize(doc.title), normalize(doc.body))
                for doc in sample[: frequent.SAMPLE_RECORDS]
            )
            self.frequent.save(terms)
            for batch in itertools.chain([sample], batches):
                for doc in batch:
                    writer.add_document(self._document(doc, terms))
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

    def search(
        self,
        terms: list[str],
        filters: Filters,
        *,
        order: str,
        offset: int,
        limit: int,
        count: bool = True,
    ) -> BackendResult:
        searcher = self.index.searcher()
        indexed = self._frequent_terms(searcher)
        matched = [self._term(searcher, term, indexed) for term in terms]
        restrict = self._filter_queries(filters)
        # Newest first and counting need no scores: the "all" parts alone.
        match = _matching(matched, restrict)
        total = self._known_count(searcher, terms, matched, restrict)
        want = offset + max(limit, 1)
        most = min((term.most for term in matched), default=searcher.num_docs)
        if order == NEWEST or not terms:
            phrases = not all(term.exact for term in matched)
            newest = self._newest(searcher, match, want, most, phrases)[offset : offset + limit]
            hits = [(key & KEY_PK, 0.0) for key, _ in newest]
        else:
            query = _all_of([term.query for term in matched] + restrict)
            if total is not None or sum(term.most_titles for term in matched) >= want:
                # Enough title matches may hold the page: try to rank the title matches
                # alone (and count below, unscored).
                ranked = self._ranked(searcher, query, matched, want)
            else:
                # Too few titles: ranking and counting share one pass over the matches.
                result = searcher.search(query, limit=want, count=count)
                ranked = result.hits
                total = result.count if count else None
            ranked = ranked[offset : offset + limit]
            pks = searcher.fast_field_values("id", [a for _, a in ranked]) if ranked else []
            hits = [(pk, float(score)) for pk, (score, _) in zip(pks, ranked, strict=True)]
        if total is None and count:
            total = self._count(searcher, matched, restrict, match)
        return BackendResult(hits=hits, total=total)

    def _frequent_terms(self, searcher: tantivy.Searcher) -> FrequentTerms:
        """The frequent terms every document of this searcher was indexed with, or none."""
        terms = self.frequent.current()
        if terms.digest != frequent.NONE.digest and searcher.doc_freq(
            DICTIONARY, terms.digest
        ) == searcher.doc_freq(*EVERY):
            return terms
        return frequent.NONE

    def _term(self, searcher: tantivy.Searcher, term: str, known: FrequentTerms) -> _Term:
        """Title or body holds `term`; a title match weighs TITLE_BOOST times more."""
        frequent_term = term in known.terms
        if len(term) <= 2:
            title_field, all_field = ("title_char", "all_char") if len(term) == 1 else PARTS
            grams = {"title": [(title_field, term)], "all": [(all_field, term)]}
            title = Query.term_query(self.schema, title_field, term)
            every = scores = Query.term_query(self.schema, all_field, term)
        else:
            # Chosen per field from this searcher's frequencies: a bigram rare in bodies
            # may be common in titles, and the same segments are then searched.
            covers = {
                part: phrase_cover(term, lambda g, f=part: searcher.doc_freq(f, g))
                for part in PARTS
            }
            grams = {part: [(part, gram) for _, gram in covers[part]] for part in PARTS}
            if frequent_term:
                # One indexed term per part: which records hold it, and how often, needs no
                # positions; boosted to score as the phrase would.
                title, every = (
                    Query.term_query(self.schema, FREQUENT[part], term) for part in PARTS
                )
                title = Query.boost_query(
                    title, self._phrase_weight(searcher, term, "title", covers)
                )
                scores = Query.boost_query(
                    every, self._phrase_weight(searcher, term, "all", covers)
                )
            else:
                title, every = (self._phrase(part, covers[part]) for part in PARTS)
                scores = every
        # "all" holds the title, so it alone decides the match; the title clause is optional
        # and only read (sought) in records "all" already matched. Written as "title or all",
        # the same scores cost a union that cannot skip ahead, measured 10-25x slower
        # inside a newest-first window.
        scored = Query.boolean_query(
            [(Occur.Must, scores), (Occur.Should, Query.boost_query(title, TITLE_BOOST))]
        )
        if frequent_term:
            # Itself indexed, so exactly as many records match as hold it.
            most_titles, most = (searcher.doc_freq(FREQUENT[part], term) for part in PARTS)
        else:
            # At most as many records match as hold the term's rarest gram; a term of one
            # or two characters is itself that gram, so exactly as many.
            most, most_titles = (
                min(searcher.doc_freq(*gram) for gram in grams[part]) for part in ("all", "title")
            )
        return _Term(
            query=scored, every=every, title=title, grams=grams["all"],
            title_grams=grams["title"], most=most, most_titles=most_titles, exact=len(term) <= 2 or frequent_term,
            lacks=Query.term_query(self.schema, LACKS, term) if term in known.common else None,
        )  # fmt: skip

    def _count(
        self,
        searcher: tantivy.Searcher,
        matched: list[_Term],
        restrict: list[Query],
        match: _Match,
    ) -> int:
        """How many records match, from the short lists of those lacking common terms if all are.

        Records holding all of several common terms are nearly all records: their
        intersection visits nearly every one, while the records lacking any of them
        are few (frequent.COMMON_SHARE). Live records only, on both sides.
        """
        if matched and not restrict and all(term.lacks is not None for term in matched):
            lacking = Query.boolean_query([(Occur.Should, term.lacks) for term in matched])
            return searcher.num_docs - _count(searcher, lacking)
        return _count(searcher, match.query())

    def _phrase_weight(
        self,
        searcher: tantivy.Searcher,
        term: str,
        part: str,
        covers: dict[str, list[tuple[int, str]]],
    ) -> float:
        """The boost that gives a frequent term's BM25 score its phrase's over `part`.

        A record holds the term in the part's frequent field as often as the phrase
        occurs in the part, and the field is filled to the part's length
        (`_frequent_tokens`), so the two scores differ only in idf: the phrase's is
        the sum of its bigrams' (tantivy's Bm25Weight::for_terms), the term's its own.
        """
        documents = searcher.num_docs
        phrase = sum(_idf(documents, searcher.doc_freq(part, gram)) for _, gram in covers[part])
        return phrase / _idf(documents, searcher.doc_freq(FREQUENT[part], term))

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

    def _known_count(
        self,
        searcher: tantivy.Searcher,
        terms: list[str],
        matched: list[_Term],
        restrict: list[Query],
    ) -> int | None:
        """The count without visiting the matches, where the index already holds it.

        A term of 1 or 2 characters is one indexed term of an "all" field, and a
        frequent term one of "all_frequent", so its count is the term's document frequency
        (`_Term.most`), and no term at all counts every record; both only while no
        deleted document waits for a merge.
        """
        if restrict or len(terms) > 1 or (matched and not matched[0].exact):
            return None
        if not _no_deletions(searcher):
            return None
        return matched[0].most if matched else searcher.num_docs

    def _ranked(
        self, searcher: tantivy.Searcher, query: Query, terms: list[_Term], want: int
    ) -> list[tuple[float, tantivy.DocAddress]]:
        """The `want` best by relevance, among title matches alone when that is provably the same.

        A record's score is, per term, its boosted title score plus its "all" score.
        For a common term the "all" score is tiny (its idf is near 0) while a title
        match weighs a lot, so the best records are title matches, and ranking only
        them reads the titles' postings instead of nearly every record. Narrowed
        twice, each accepted when its `want`-th record scores above the most any
        record outside it can score: first, for several terms, to the records whose
        title holds every term (a record outside lacks at least one title score),
        then to those whose title holds any (a record outside has only "all" scores).
        Otherwise, or when the titles hold fewer than `want` matches, the whole
        query is ranked.
        """
        documents = _documents(searcher)
        body = sum(_bm25_bound(documents, searcher.doc_freq(*g)) for t in terms for g in t.grams)
        title_queries = [t.title for t in terms]
        if len(terms) > 1:
            titles = [TITLE_BOOST * self._title_best(searcher, t, documents) for t in terms]
            hits = self._narrowed(searcher, query, title_queries, Occur.Must, want)
            if len(hits) == want and hits[-1][0] > body + sum(titles) - min(titles):
                return hits
        hits = self._narrowed(searcher, query, title_queries, Occur.Should, want)
        if not (len(hits) == want and hits[-1][0] > body):
            hits = searcher.search(query, limit=want, count=False).hits
        return hits

    @staticmethod
    def _title_best(searcher: tantivy.Searcher, term: _Term, documents: int) -> float:
        """Above the best title score any record has for `term`, unboosted.

        A term indexed as one term is ranked by its own best record: one posting list
        read with tantivy's block-max pruning, where BM25's bound (`_bm25_bound`, a
        frequency no title reaches) would be about twice a real title's score and
        never let a two-word query keep its titles holding both words. A phrase's
        best would cost a position check of each candidate title, so it keeps the
        bound.
        """
        if term.exact:
            best = searcher.search(term.title, limit=1, count=False).hits
            # tantivy scores in f32 and sums a query's clauses in another order.
            return best[0][0] * BEST_SLACK if best else 0.0
        return sum(_bm25_bound(documents, searcher.doc_freq(*g)) for g in term.title_grams)

    @staticmethod
    def _narrowed(
        searcher: tantivy.Searcher, query: Query, titles: list[Query], occur: Occur, want: int
    ) -> list:
        """The `want` best records of `query` whose titles match every (Must) or any (Should)."""
        titled = Query.const_score_query(Query.boolean_query([(occur, t) for t in titles]), 0.0)
        return searcher.search(_all_of([query, titled]), limit=want, count=False).hits

    def _newest(
        self, searcher: tantivy.Searcher, match: _Match, want: int, most: int, phrases: bool
    ) -> list[tuple[int, tantivy.DocAddress]]:
        """The `want` newest matches: the last days first, then older slices until a page fills.

        tantivy's order-by-field collector visits every match, which is most of the
        index for a common term. Every record of a later day is newer than every record
        of an earlier one, so the newest matches of the last days, followed by the
        newest of the days before them, are the newest of all, and the cost follows the
        records of the days read, not all the matches. Slices do not overlap, so one
        that comes up short costs only the next, smaller one. The first holds the newest
        day, which is usually partial (its records are not all out yet), and FIRST_SLACK
        times the days `want` matches need at the rate `most` allows, an upper bound
        that a phrase's rarest bigram can overstate several times. Each later slice is
        sized from the matches per day seen so far, SLICE_SLACK times the days the
        missing ones need, and covers at least half the days read before it
        (WINDOW_GROWTH times them when nothing matched yet). Once a slice would reach
        the first day, the matches are ordered all at once; so are few matches from
        the start (SORT_ALL, or SORT_ALL_PHRASES when a phrase's positions are checked).
        """
        documents = max(searcher.num_docs, 1)
        if most * most <= (SORT_ALL_PHRASES if phrases else SORT_ALL) * want * documents:
            return _by_date(searcher, match.query(), want)
        # Looked up only here: a refresh reads every record's date.
        first, last = self._days(searcher)
        per_day = documents / (last - first + 1)
        days = 1 + math.ceil(FIRST_SLACK * want * documents / (most * per_day))
        hits: list = []
        end = None  # the first slice is open towards the future: records published since
        top = last + 1  # the slices so far cover the days from here on
        while top - days > first:
            lower = top - days
            window = Query.range_query(
                self.schema, "day", FieldType.Integer, lower, end,
                include_upper=end is None, use_inverted_index=True,
            )  # fmt: skip
            found = _by_date(searcher, match.query(window), want - len(hits))
            hits += found
            if len(hits) == want:
                return hits
            read, top, end = last + 1 - lower, lower, lower
            if hits:
                per_match = read / len(hits)
                days = max(math.ceil(SLICE_SLACK * (want - len(hits)) * per_match), read // 2, 1)
            else:
                days = read * (WINDOW_GROWTH - 1)
        # The days left hold the rest: ordering every match is the cheaper way to read them.
        return _by_date(searcher, match.query(), want)

    def _days(self, searcher: tantivy.Searcher) -> tuple[int, int]:
        """The oldest and newest record's days, as of the last minute or so.

        Only the slices' sizes depend on them: any days give exact results (the first
        slice is open towards the future, so records published since are in it), and
        stale ones only cost a slice more. Each lookup visits every record's date (~1 ms
        per 100,000), so they are kept for DAYS_TTL_S.
        """
        now = time.monotonic()
        if self._days_seen is None or now - self._days_seen[0] > DAYS_TTL_S:
            ends = []
            for order in (Order.Asc, Order.Desc):
                keys = [key for key, _ in _by_date(searcher, Query.all_query(), 1, order)]
                ends.append((keys[0] >> KEY_BITS) // SECONDS_PER_DAY if keys else 0)
            self._days_seen = (now, (ends[0], max(ends)))
        return self._days_seen[1]


def _tokens(text: str) -> int:
    """How many bigrams `bigram_tokens` cuts a normalised text into."""
    return max(len(text) - 1, 0)


def _frequent_tokens(found: list[str], length: int) -> str:
    """The frequent terms found in a part, then FILLER up to the part's token count.

    BM25 normalises a term's frequency by its field's length against the field's
    average, so a part's frequent field must be as long as the part to score alike.
    """
    return " ".join(found) + f" {FILLER}" * (length - len(found))


def _matching(matched: list[_Term], restrict: list[Query]) -> _Match:
    """The records holding every term and passing the filters, unscored.

    Beside a rarer term or a filter, a common term is asked as "not among the
    records lacking it": the rarer clause leads the intersection, and looking each
    of its records up in the short list of those lacking the term reads a fraction
    of the blocks that the term's own list, nearly every record, would (粤商通 企业,
    newest first at 1,000,000 records: 0.51 ms instead of 0.73).
    """
    held = [term.every for term in matched if term.lacks is None] + restrict
    lacking = [term.lacks for term in matched if term.lacks is not None]
    if not held or not lacking:
        return _Match([term.every for term in matched] + restrict, [])
    return _Match(held, lacking)


def _all_of(clauses: list[Query]) -> Query:
    if not clauses:
        return Query.all_query()
    if len(clauses) == 1:
        return clauses[0]
    return Query.boolean_query([(Occur.Must, clause) for clause in clauses])


def _newest_key(published: int, pk: int) -> int:
    """Seconds since the epoch, then the pk: newest first, ties by pk, and the pk with the order.

    Reading the pks from the order keys spares a newest-first page a second fast-field
    read (`fast_field_values` costs ~60 µs at 12 segments, as much as ordering a
    short list). Before 1970 counts as 1970.
    """
    if not 0 <= pk < 1 << KEY_BITS:
        raise ValueError(f"record pk {pk} does not fit the newest-first key")
    return max(published, 0) << KEY_BITS | pk


def _by_date(
    searcher: tantivy.Searcher, query: Query, want: int, order: Order = Order.Desc
) -> list[tuple[int, tantivy.DocAddress]]:
    """The first `want` matches by `_newest_key`: (key, address) pairs."""
    return searcher.search(
        query, limit=want, count=False, order_by_field=NEWEST_KEY, order=order
    ).hits


def _count(searcher: tantivy.Searcher, query: Query) -> int:
    # A constant score skips BM25 and term frequencies: counting needs neither.
    return searcher.search(Query.const_score_query(query, 1.0), limit=1, count=True).count


def _documents(searcher: tantivy.Searcher) -> int:
    """Documents for idf: live and deleted ones, so the bound holds whichever tantivy counts."""
    return max(searcher.num_docs, searcher.doc_freq(*EVERY))


def _no_deletions(searcher: tantivy.Searcher) -> bool:
    return searcher.doc_freq(*EVERY) == searcher.num_docs


def _idf(documents: int, frequency: int) -> float:
    """tantivy's BM25 idf (tantivy::query::bm25::idf)."""
    return math.log1p((documents - frequency + 0.5) / (frequency + 0.5))


def _bm25_bound(documents: int, frequency: int) -> float:
    """Above any BM25 score of a term in `frequency` of `documents` (tantivy's idf, 1% slack)."""
    return _idf(documents, frequency) * (BM25_K1 + 1) * 1.01
