"""The catalogs app in the Django admin.

The openness office keeps the reference data here: the 公开层级 labels and the
standard guidelines (标准指引) with their items. Catalogs and their versions are
only shown: they change through the staff workflow at /staff/catalogs/, whose
services lock the row, check the transition table and write the events.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongkai.catalogs.models import (
    Catalog,
    CatalogEvent,
    CatalogItem,
    CatalogVersion,
    CoverageException,
    DisclosureLevel,
    Guideline,
    GuidelineItem,
    ReviewOpinion,
)
from gongkai.core.admin import AuditedAdmin
from gongkai.core.audit import audit_record, changed_only, snapshot

# --- Permissions --------------------------------------------------------------
# OfficeAdminBackend grants office admins this app's model permissions, except
# change/add/delete on catalogs and their versions. Those change only through
# the staff workflow, which writes events; here they are view-only for
# everyone, superusers included.


class ViewOnly:
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Lists typed one entry per line -------------------------------------------


class LinesField(forms.CharField):
    """A JSON list of strings, edited as a textarea with one entry per line.

    Blank lines and surrounding spaces are dropped; a repeated entry is refused.
    """

    widget = forms.Textarea(attrs={"rows": 3, "cols": 30})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("每行一项"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(entry) for entry in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        seen = set()
        for entry in value:
            if entry in seen:
                raise forms.ValidationError(
                    _("“%(entry)s”重复填写了,请删去一行") % {"entry": entry}, code="duplicate"
                )
            seen.add(entry)


# --- 公开层级 ----------------------------------------------------------------------


class DisclosureLevelForm(forms.ModelForm):
    aliases = LinesField(
        label=_("其他写法"), help_text=_("其他地方目录表头里的同一层级写法,每行一项,导入时识别")
    )

    class Meta:
        model = DisclosureLevel
        fields = ["code", "label", "aliases", "sort_order"]


@admin.register(DisclosureLevel)
class DisclosureLevelAdmin(AuditedAdmin):
    form = DisclosureLevelForm
    list_display = ["sort_order", "label", "code", "aliases_text"]
    list_display_links = ["label"]

    @admin.display(description=_("其他写法"))
    def aliases_text(self, obj):
        return "、".join(obj.aliases)

    def get_readonly_fields(self, request, obj=None):
        # Catalog items store the code (CatalogItem.levels); renaming it would orphan them.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # Same reason: a deleted level would leave items pointing at a code without a label.
        return False


# --- 标准指引 ----------------------------------------------------------------------

ITEM_AUDIT_FIELDS = [
    "id",
    "sort_order",
    "category",
    "name",
    "sub_name",
    "elements",
    "legal_basis",
    "time_limit_text",
    "on_request_only",
]


class GuidelineItemForm(forms.ModelForm):
    elements = LinesField(label=_("公开内容(要素)"))
    legal_basis = LinesField(label=_("公开依据"))

    class Meta:
        model = GuidelineItem
        fields = [
            "sort_order",
            "category",
            "name",
            "sub_name",
            "elements",
            "legal_basis",
            "time_limit_text",
            "on_request_only",
        ]
        error_messages = {
            "category": {"required": _("请填写一级事项")},
            "name": {"required": _("请填写二级事项")},
        }


class GuidelineItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Catalog coverage matches items by (一级, 二级, 三级); a repeated row would be ambiguous.
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("category") or not data.get("name"):
                continue
            key = (data["category"], data["name"], data.get("sub_name") or "")
            if key in seen:
                label = " / ".join(part for part in key if part)
                raise forms.ValidationError(
                    _("事项“%(item)s”重复出现,请合并为一行") % {"item": label}
                )
            seen.add(key)


class GuidelineItemInline(admin.TabularInline):
    model = GuidelineItem
    form = GuidelineItemForm
    formset = GuidelineItemFormSet
    extra = 1


@admin.register(Guideline)
class GuidelineAdmin(AuditedAdmin):
    list_display = [
        "title",
        "domain",
        "version",
        "issuer",
        "issued_on",
        "single_mode",
        "item_count",
    ]
    list_filter = ["domain"]
    search_fields = ["title", "issuer", "reference"]
    list_select_related = ["domain"]
    fields = ["domain", "version", "title", "issuer", "reference", "issued_on", "single_mode"]
    inlines = [GuidelineItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(items_total=Count("items"))

    @admin.display(description=_("事项数"), ordering="items_total")
    def item_count(self, obj):
        return obj.items_total

    def save_formset(self, request, form, formset, change):
        """Save the item rows and record one audit event listing what was added, changed, deleted.

        AuditedAdmin audits the guideline's own fields only; its items arrive here.
        """
        if formset.model is not GuidelineItem:
            return super().save_formset(request, form, formset, change)
        existing = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        before = {
            item.pk: snapshot(item, ITEM_AUDIT_FIELDS)
            for item in GuidelineItem.objects.filter(pk__in=existing)
        }
        # Read before saving: a deleted instance loses its pk.
        deleting = [f.instance.pk for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)

        changed_before, changed_after = [], []
        for item, _fields in formset.changed_objects:
            old, new = changed_only(before.get(item.pk), snapshot(item, ITEM_AUDIT_FIELDS))
            if old != new:
                changed_before.append({"id": item.pk, **old})
                changed_after.append({"id": item.pk, **new})
        added = [snapshot(item, ITEM_AUDIT_FIELDS) for item in formset.new_objects]
        deleted = [before[pk] for pk in deleting if pk in before]
        if not (added or changed_before or deleted):
            return
        audit_record(
            actor=request.user,
            action="guideline.admin_items",
            obj=form.instance,
            before={"changed": changed_before, "deleted": deleted},
            after={"added": added, "changed": changed_after},
        )


# --- 标准目录与版本 (view only) -------------------------------------------------------


def staff_version_link(version: CatalogVersion) -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse("catalogs:version", args=[version.pk]), _("在工作台打开")
    )


def status_label(code: str) -> str:
    if code in CatalogVersion.Status.values:
        return CatalogVersion.Status(code).label
    return code


class ViewOnlyInline(ViewOnly, admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class CatalogItemInline(ViewOnlyInline):
    model = CatalogItem
    fields = [
        "sort_order",
        "stage",
        "category",
        "name",
        "sub_name",
        "elements_text",
        "legal_basis_text",
        "time_limit_text",
        "publisher",
        "channels_text",
        "audience_text",
        "mode_text",
        "levels_text",
        "remarks",
    ]

    @cached_property
    def level_labels(self) -> dict[str, str]:
        # Inline instances live for one request: one query per page, not one per row.
        return dict(DisclosureLevel.objects.values_list("code", "label"))

    @admin.display(description=_("公开内容(要素)"))
    def elements_text(self, obj):
        return "；".join(obj.elements)

    @admin.display(description=_("公开依据"))
    def legal_basis_text(self, obj):
        return "；".join(obj.legal_basis)

    @admin.display(description=_("公开渠道和载体"))
    def channels_text(self, obj):
        return "、".join(obj.channel_labels())

    @admin.display(description=_("公开对象"))
    def audience_text(self, obj):
        parts = [(obj.audience_public, _("全社会")), (obj.audience_specific, _("特定群体"))]
        return "、".join(str(label) for on, label in parts if on)

    @admin.display(description=_("公开方式"))
    def mode_text(self, obj):
        parts = [(obj.mode_proactive, _("主动")), (obj.mode_on_request, _("依申请"))]
        return "、".join(str(label) for on, label in parts if on)

    @admin.display(description=_("公开层级"))
    def levels_text(self, obj):
        return "、".join(self.level_labels.get(code, code) for code in obj.levels)


class CoverageExceptionInline(ViewOnlyInline):
    model = CoverageException
    fields = ["guideline_item", "reason", "legal_basis"]


class CatalogEventInline(ViewOnlyInline):
    model = CatalogEvent
    fields = ["at", "actor", "old_status_label", "new_status_label", "note"]

    @admin.display(description=_("原状态"))
    def old_status_label(self, obj):
        return status_label(obj.old_status)

    @admin.display(description=_("新状态"))
    def new_status_label(self, obj):
        return status_label(obj.new_status)


class ReviewOpinionInline(ViewOnlyInline):
    model = ReviewOpinion
    fields = ["at", "reviewer_unit", "reviewer", "decision", "text"]


@admin.register(CatalogVersion)
class CatalogVersionAdmin(ViewOnly, admin.ModelAdmin):
    list_display = [
        "unit",
        "domain",
        "number",
        "status",
        "created_at",
        "submitted_at",
        "filed_at",
        "published_at",
        "staff_page",
    ]
    list_filter = ["status", "catalog__domain", "catalog__unit__kind"]
    search_fields = ["catalog__unit__name", "catalog__domain__name"]
    list_select_related = ["catalog__unit", "catalog__domain"]
    fields = [
        "catalog",
        "number",
        "status",
        "based_on",
        "source_note",
        "created_by",
        "created_at",
        "submitted_at",
        "filed_at",
        "published_at",
        "staff_page",
    ]
    readonly_fields = ["staff_page"]
    inlines = [CatalogItemInline, CoverageExceptionInline, CatalogEventInline, ReviewOpinionInline]

    @admin.display(description=_("单位"), ordering="catalog__unit__sort_order")
    def unit(self, obj):
        return obj.catalog.unit.name

    @admin.display(description=_("领域"), ordering="catalog__domain__sort_order")
    def domain(self, obj):
        return obj.catalog.domain.name

    @admin.display(description=_("工作台"))
    def staff_page(self, obj):
        return staff_version_link(obj)


class CatalogVersionInline(ViewOnlyInline):
    model = CatalogVersion
    fields = ["number", "status", "created_at", "submitted_at", "filed_at", "published_at", "link"]

    @admin.display(description=_("工作台"))
    def link(self, obj):
        return staff_version_link(obj)


@admin.register(Catalog)
class CatalogAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["unit", "domain", "latest_version", "published_version", "created_at"]
    list_filter = ["domain", "unit__kind"]
    search_fields = ["unit__name", "domain__name"]
    fields = ["unit", "domain", "created_at"]
    inlines = [CatalogVersionInline]

    def get_queryset(self, request):
        # Versions are ordered newest first; the list columns read them from the prefetch.
        return (
            super()
            .get_queryset(request)
            .select_related("unit", "domain")
            .prefetch_related("versions")
        )

    @admin.display(description=_("最新版本"))
    def latest_version(self, obj):
        versions = list(obj.versions.all())
        if not versions:
            return "-"
        return _("第%(n)s版(%(status)s)") % {
            "n": versions[0].number,
            "status": versions[0].get_status_display(),
        }

    @admin.display(description=_("已发布版本"))
    def published_version(self, obj):
        for version in obj.versions.all():
            if version.status == CatalogVersion.Status.PUBLISHED:
                return _("第%(n)s版") % {"n": version.number}
        return "-"
