"""sitemap.xml: every public page a search engine should know (records, catalogs, units, reports)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.orgs.models import Unit
from gongkai.portal import selectors as portal_selectors
from gongkai.reports.models import AnnualReport


class RecordSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return portal_selectors.published_records().select_related(None).only("pk", "published_at")

    def location(self, item) -> str:
        return reverse("portal:record_page", args=[item.pk])

    def lastmod(self, item):
        return item.published_at


class CatalogSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return portal_selectors.published_catalogs().select_related("unit", "domain")

    def location(self, item) -> str:
        return reverse("portal:catalog_page", args=[item.unit.code, item.domain.code])


class UnitSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Unit.objects.exclude(kind=Unit.Kind.VILLAGE).order_by("pk")

    def location(self, item) -> str:
        return reverse("portal:unit_home", args=[item.code])


class ReportSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).select_related(
            "unit"
        )

    def location(self, item) -> str:
        return reverse("reports_portal:report", args=[item.unit.code, item.year])

    def lastmod(self, item):
        return item.published_at


SITEMAPS = {
    "records": RecordSitemap,
    "catalogs": CatalogSitemap,
    "units": UnitSitemap,
    "reports": ReportSitemap,
}
