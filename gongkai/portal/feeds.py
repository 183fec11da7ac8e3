"""RSS 2.0 and Atom feeds of published records: per unit, per domain and per catalog item.

Feed readers and other government sites subscribe to what concerns them; each
feed lists the 30 newest records, nothing that is not public.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalogs.models import CatalogItem, CatalogVersion
from gongkai.orgs.models import Domain, Unit
from gongkai.portal import selectors as portal_selectors

FEED_SIZE = 30


class RecordFeed(Feed):
    """The newest published records of one scope (`kind`: unit, domain or item)."""

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def get_object(self, request, code: str):
        if self.kind == "unit":
            found = Unit.objects.exclude(kind=Unit.Kind.VILLAGE).filter(code=code).first()
        elif self.kind == "domain":
            found = Domain.objects.filter(code=code).first()
        else:
            found = (
                CatalogItem.objects.select_related(
                    "version__catalog__unit", "version__catalog__domain"
                )
                .filter(
                    pk=int(code) if code.isdigit() and len(code) < 12 else 0,
                    version__status__in=[
                        CatalogVersion.Status.PUBLISHED,
                        CatalogVersion.Status.SUPERSEDED,
                    ],
                )
                .first()
            )
        if found is None:
            raise Http404
        return found

    def title(self, obj) -> str:
        if self.kind == "unit":
            return f"{obj.name} · 政府信息公开"
        if self.kind == "domain":
            return f"{obj.name}领域 · 政府信息公开"
        catalog = obj.version.catalog
        return f"{catalog.unit.name} · {catalog.domain.name} · {obj.name}"

    def link(self, obj) -> str:
        if self.kind == "unit":
            return reverse("portal:unit_home", args=[obj.code])
        if self.kind == "domain":
            return reverse("portal:record_list")
        catalog = obj.version.catalog
        return reverse("portal:catalog_item", args=[catalog.unit.code, catalog.domain.code, obj.pk])

    def description(self, obj) -> str:
        return f"{self.title(obj)}:最新发布的政府信息"

    def items(self, obj):
        records = portal_selectors.published_records()
        if self.kind == "unit":
            records = records.filter(unit=obj)
        elif self.kind == "domain":
            records = records.filter(catalog_items__version__catalog__domain=obj).distinct()
        else:
            records = records.filter(catalog_items=obj)
        return records[:FEED_SIZE]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary or item.title

    def item_link(self, item) -> str:
        return reverse("portal:record_page", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item) -> str:
        return item.unit.name


class AtomRecordFeed(RecordFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


FEEDS = {
    (kind, fmt): feed_class(kind)
    for kind in ("unit", "domain", "item")
    for fmt, feed_class in (("rss", RecordFeed), ("atom", AtomRecordFeed))
}


def feed(request, kind: str, code: str, fmt: str):
    """/feeds/unit/tanzhou.rss, /feeds/domain/social-assistance.atom, /feeds/item/123.rss."""
    view = FEEDS.get((kind, fmt))
    if view is None:
        raise Http404
    return view(request, code=code)
