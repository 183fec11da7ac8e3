"""Annual reports in the Django admin, read-only: they change only through the staff pages,
whose services check the workflow, freeze the snapshot and write the events."""

from django.contrib import admin

from gongkai.catalogs.admin import ViewOnly
from gongkai.reports.models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["unit", "year", "status", "published_at"]
    list_filter = ["year", "status"]
    search_fields = ["unit__name"]
    exclude = ["snapshot"]
