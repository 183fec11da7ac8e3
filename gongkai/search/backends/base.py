"""What every search engine offers; services.py is written against this alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from gongkai.search.documents import SearchDoc

RELEVANCE = "relevance"
NEWEST = "newest"
# Title matches count this many times a body match (the issue: title above body).
TITLE_BOOST = 3.0


@dataclass(frozen=True)
class Filters:
    unit_id: int | None = None
    domain_id: int | None = None
    item_id: int | None = None
    doc_type: str = ""
    year: int | None = None
    validity: str = ""


@dataclass
class BackendResult:
    hits: list[tuple[int, float]]  # (record pk, score), best first
    total: int | None  # None only when the caller asked for no count


class SearchBackend(Protocol):
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
        """Records containing every term (empty: every record), filtered, one page of them.

        With `count=False` the engine may leave `total` as None when counting would cost.
        """

    def update(self, docs: list[SearchDoc], remove: Iterable[int]) -> None:
        """Add or replace `docs`, and drop the records `remove` (absent ones are no error)."""

    def rebuild(self, batches: Iterable[list[SearchDoc]]) -> int:
        """Replace the whole index with these documents; returns how many."""

    def size_bytes(self) -> int:
        """Disk used by the index (for the benchmark's index-cost goal)."""
