"""The records app in the Django admin: only the maintained list of legal bases is edited here.

Records change through the staff pages (/staff/records/), whose services lock
the row, check the transition table, run the personal-data gate and write the
events. The admin shows them read-only so that no second path to the portal
exists (a record edited here would also fail its approval hash at publishing).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongkai.catalogs.admin import ViewOnly
from gongkai.core.admin import AuditedAdmin
from gongkai.records.models import LegalBasis, Record


@admin.register(LegalBasis)
class LegalBasisAdmin(AuditedAdmin):
    list_display = ["article", "summary", "applies_to", "sort_order"]
    fields = ["code", "article", "summary", "applies_to", "sort_order"]

    def get_readonly_fields(self, request, obj=None):
        # Records point at the row; its code is how seed data finds it again.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Record)
class RecordAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["title", "index_number", "unit", "disclosure", "status", "published_at"]
    list_filter = ["status", "disclosure", "doc_type", "validity"]
    search_fields = ["title", "index_number", "doc_number"]
    exclude = ["body"]  # long rich text: read it on the staff page
    readonly_fields = ["staff_page", "source_url"]

    @admin.display(description=_("工作台"))
    def staff_page(self, obj):
        return format_html(
            '<a href="{}">在工作台打开</a>', reverse("records:detail", args=[obj.pk])
        )
