"""What of a record is searchable, read from the database in bulk.

Only records the portal shows are indexed: published and proactive
(portal.selectors.published_records says the same). The searchable text is the
title, and as "body" the 文号, 内容概述, the body without its HTML, the
extracted text of every attachment (records.Attachment.text, already read for
the personal-data scan) and the policy's published interpretations (政策解读:
title, body without HTML, each question and answer), which the record page
shows with it: a citizen who searches words of an interpretation finds the
policy. Parts are joined by a line break, so no term matches across two of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.catalogs.models import CatalogItem
from gongkai.records.models import Attachment, Interpretation, Record
from gongkai.search.text import html_to_text


@dataclass
class SearchDoc:
    pk: int
    title: str
    body: str
    unit_id: int
    published_at: datetime.datetime
    doc_type: str
    validity: str
    item_ids: list[int] = field(default_factory=list)
    domain_ids: list[int] = field(default_factory=list)

    @property
    def year(self) -> int:
        return timezone.localtime(self.published_at).year

    @property
    def text(self) -> str:
        """All searchable text, as the reference rule (text.contains_all) reads it."""
        return f"{self.title}\n{self.body}"


def searchable_records() -> QuerySet[Record]:
    """The records search may return; the database's word is final (see services.search)."""
    return Record.objects.filter(
        status=Record.Status.PUBLISHED,
        disclosure=Record.Disclosure.PROACTIVE,
        published_at__isnull=False,
    )


FIELDS = ("pk", "title", "doc_number", "summary", "body", "unit_id", "published_at",
          "doc_type", "validity")  # fmt: skip


def build_docs(pks: Iterable[int]) -> list[SearchDoc]:
    """The documents of those of `pks` that are searchable now (others are simply absent)."""
    rows = list(searchable_records().filter(pk__in=list(pks)).values_list(*FIELDS))
    return _docs(rows)


def texts_of(records: Iterable[Record]) -> dict[int, SearchDoc]:
    """The searchable text of records already read (all FIELDS loaded), by pk.

    What the search page re-checks its hits against: the same text as build_docs, from
    the records it shows anyway, without their catalog items (the text does not need
    them): three queries fewer per search page.
    """
    rows = [tuple(getattr(record, name) for name in FIELDS) for record in records]
    return {doc.pk: doc for doc in _docs(rows, links=False)}


def iter_all_docs(batch: int = 2000) -> Iterator[list[SearchDoc]]:
    """Every searchable record, in batches of documents, in primary-key order."""
    last = 0
    while True:
        rows = list(
            searchable_records().filter(pk__gt=last).order_by("pk").values_list(*FIELDS)[:batch]
        )
        if not rows:
            return
        last = rows[-1][0]
        yield _docs(rows)


def _docs(rows: list[tuple], *, links: bool = True) -> list[SearchDoc]:
    pks = [row[0] for row in rows]
    attachments: dict[int, list[str]] = {}
    for record_id, text in (
        Attachment.objects.filter(record_id__in=pks).exclude(text="")
        .order_by("record_id", "sort_order", "id").values_list("record_id", "text")
    ):  # fmt: skip
        attachments.setdefault(record_id, []).append(text)
    interpretations = _interpretation_texts(pks)
    items_of, domain_of = _catalog_links(pks) if links else ({}, {})
    docs = []
    for pk, title, doc_number, summary, body, unit_id, published_at, doc_type, validity in rows:
        parts = [doc_number, summary, html_to_text(body), *attachments.get(pk, []),
                 *interpretations.get(pk, [])]  # fmt: skip
        items = sorted(items_of.get(pk, []))
        docs.append(
            SearchDoc(
                pk=pk,
                title=title,
                body="\n".join(part for part in parts if part),
                unit_id=unit_id,
                published_at=published_at,
                doc_type=doc_type,
                validity=validity,
                item_ids=items,
                domain_ids=sorted({domain_of[i] for i in items if i in domain_of}),
            )
        )
    return docs


def _catalog_links(pks: list[int]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """The catalog items of each record, and the domain of each of those items."""
    items_of: dict[int, list[int]] = {}
    Link = Record.catalog_items.through
    for record_id, item_id in Link.objects.filter(record_id__in=pks).values_list(
        "record_id", "catalogitem_id"
    ):
        items_of.setdefault(record_id, []).append(item_id)
    all_items = {item for items in items_of.values() for item in items}
    domain_of = dict(
        CatalogItem.objects.filter(pk__in=all_items).values_list(
            "pk", "version__catalog__domain_id"
        )
    )
    return items_of, domain_of


def _interpretation_texts(pks: list[int]) -> dict[int, list[str]]:
    """The text of each policy's published interpretations, in the record page's order.

    Only published ones (published_at set, as the portal filters them): an
    interpretation is drafted with its policy and goes out when the policy does.
    """
    texts: dict[int, list[str]] = {}
    for policy_id, title, body, qa in (
        Interpretation.objects.filter(policy_id__in=pks, published_at__isnull=False)
        .order_by("policy_id", "created_at", "id").values_list("policy_id", "title", "body", "qa")
    ):  # fmt: skip
        pairs = [text for pair in qa for text in (pair.get("q", ""), pair.get("a", ""))]
        texts.setdefault(policy_id, []).extend(
            part for part in (title, html_to_text(body), *pairs) if part
        )
    return texts
