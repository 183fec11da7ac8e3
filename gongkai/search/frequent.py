"""Frequent terms: the corpus's commonest strings of 3–6 characters, indexed as single terms.

Why: a term of three or more characters is a phrase of bigrams, and its exact
count checks positions in every record that holds all of its bigrams. For a
term most records hold (最低生活保障 in a social-assistance corpus, 政府信息公开
nearly everywhere) that is nearly every record: ~260 ms at 1,000,000 records
(docs/benchmarks.md). Indexed as one term, the same term is counted by its
document frequency and matched without reading a position.

Still exact: a record gets every dictionary term that occurs anywhere in its
title or body, found by Aho–Corasick (every occurrence, overlapping ones too),
not by word segmentation. So a record holds the term exactly when LIKE says it
contains the string. Terms are learnt from the text itself, so names no
dictionary knows (粤商通) qualify as well as words.

Which terms: those in at least MIN_SHARE of the records sampled (and at least
MIN_RECORDS of them), without a string found almost only inside a longer
frequent one (it adds terms to every record that holds the longer one and
is rarely typed alone; a query for it takes the phrase path, exact and as
fast as before), the MAX_TERMS commonest. Measured on the benchmark corpus: all
substrings would add ~84 terms to each record and cost ~80 µs of indexing per
record; this selection adds ~25 and ~30 µs.

Common terms: the bigrams and frequent terms that nearly every record holds, at
least COMMON_SHARE of them. Each record also lists the common terms it lacks, a
short list, so a search for several of them counts the records that lack any (a
union of short lists) instead of those that hold all (an intersection of long
ones): 低保 标准 counts 908,059 of 1,000,000 records as 1,000,000 minus 91,941.
Single characters are left out: finding which of them a record holds cost
~60 µs a record in Python on the benchmark machine, as much again as the rest.

The terms are learnt when the index is rebuilt and kept in a file beside the
index, which every later update reads. Each indexed record carries the digest
of the dictionary it was indexed with, and the engine uses the terms only
while every record in the index carries the digest of the dictionary it has
loaded: a rebuild that stopped half-way, or a file changed by hand, costs
speed until the next rebuild, never a wrong result.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

MIN_CHARS, MAX_CHARS = 3, 6
# Common terms are as short as two characters (bigrams are indexed terms).
COMMON_MIN_CHARS = 2
COMMON_SHARE = 0.75
MAX_COMMON = 1_000
# Learnt from the first records a rebuild reads (primary-key order: the oldest).
SAMPLE_RECORDS = 1_000
MIN_SHARE = 0.02
MIN_RECORDS = 20
MAX_TERMS = 200
# A term whose records are at least this share of a one-character-longer frequent term's is
# (almost) only found inside it.
INSIDE_SHARE = 0.9

# Terms never span whitespace, punctuation or the separator: runs of word characters only.
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class FrequentTerms:
    terms: frozenset[str]
    # Terms nearly every record holds, of 2-6 characters; each record lists those it lacks.
    common: frozenset[str] = frozenset()
    digest: str = field(init=False)
    _automaton: ahocorasick.Automaton | None = field(init=False, repr=False, compare=False)
    _common: ahocorasick.Automaton | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joined = "\n".join(sorted(self.terms)) + "\n\n" + "\n".join(sorted(self.common))
        object.__setattr__(self, "digest", hashlib.sha256(joined.encode()).hexdigest()[:16])
        object.__setattr__(self, "_automaton", _automaton(self.terms))
        object.__setattr__(self, "_common", _automaton(self.common))

    def occurrences(self, *texts: str) -> list[str]:
        """Each term once per occurrence in any of the (normalised) texts."""
        if self._automaton is None:
            return []
        return [term for text in texts for _end, term in self._automaton.iter(text)]

    def lacking(self, *texts: str) -> frozenset[str]:
        """The common terms in none of the (normalised) texts."""
        if self._common is None:
            return frozenset()
        return self.common.difference(
            [term for text in texts for _end, term in self._common.iter(text)]
        )


def _automaton(terms: frozenset[str]) -> ahocorasick.Automaton | None:
    if not terms:
        return None
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


NONE = FrequentTerms(frozenset())


def learn(texts: Iterable[tuple[str, str]]) -> FrequentTerms:
    """The dictionary for records given as (title, body), normalised."""
    records = 0
    holding: Counter[str] = Counter()
    for title, body in texts:
        records += 1
        seen: set[str] = set()
        for text in (title, body):
            for run in _WORDS.findall(text):
                for size in range(COMMON_MIN_CHARS, min(MAX_CHARS, len(run)) + 1):
                    seen.update(run[at : at + size] for at in range(len(run) - size + 1))
        holding.update(seen)
    everywhere = max(MIN_RECORDS, COMMON_SHARE * records)
    common = sorted(
        (term for term, count in holding.items() if count >= everywhere),
        key=lambda term: (-holding[term], term),
    )[:MAX_COMMON]
    least = max(MIN_RECORDS, MIN_SHARE * records)
    frequent = {
        term: count for term, count in holding.items() if count >= least and len(term) >= MIN_CHARS
    }
    # For each term, the most records a one-character-longer frequent term holding it has.
    outer: dict[str, int] = {}
    for term, count in frequent.items():
        if len(term) > MIN_CHARS:
            for inner in (term[1:], term[:-1]):
                outer[inner] = max(outer.get(inner, 0), count)
    kept = [t for t, count in frequent.items() if outer.get(t, 0) < INSIDE_SHARE * count]
    kept.sort(key=lambda term: (-frequent[term], term))
    terms = frozenset(kept[:MAX_TERMS])
    # A longer common term is searched as one term only where it is a frequent term.
    return FrequentTerms(terms, frozenset(t for t in common if len(t) < MIN_CHARS or t in terms))


class Store:
    """The dictionary's file beside the index, reread whenever it changes."""

    def __init__(self, path: Path):
        self.path = path
        self._seen: tuple[tuple[int, int, int] | None, FrequentTerms] = (None, NONE)

    def current(self) -> FrequentTerms:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return NONE
        # save() replaces the file, so a new dictionary is a new inode even within one mtime tick.
        version = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if self._seen[0] != version:
            try:
                saved = json.loads(self.path.read_text(encoding="utf-8"))
                terms = FrequentTerms(frozenset(saved["frequent"]), frozenset(saved["common"]))
            except (ValueError, KeyError, TypeError):
                # Not a file save() wrote: no record carries a digest of it, so nothing is lost.
                terms = NONE
            self._seen = (version, terms)
        return self._seen[1]

    def save(self, frequent: FrequentTerms) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        saved = {"frequent": sorted(frequent.terms), "common": sorted(frequent.common)}
        partial.write_text(json.dumps(saved, ensure_ascii=False, indent=0), "utf-8")
        os.replace(partial, self.path)
