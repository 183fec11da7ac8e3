from django import forms
from django.contrib import admin
from django.db import transaction

from gongkai.core.audit import audit_record, changed_only, snapshot
from gongkai.core.calendar_files import WEEKDAYS
from gongkai.core.models import AuditEvent, CalendarException, CalendarYear
from gongkai.core.services import calendar_after_admin_edit, calendar_year_state


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits write audit events like every other write."""

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = snapshot(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        old, new = changed_only(before, snapshot(obj))
        if change and old == new:
            return
        label = obj._meta.model_name
        audit_record(
            actor=request.user,
            action=f"{label}.admin_{'change' if change else 'add'}",
            obj=obj,
            before=old,
            after=new,
        )

    def delete_model(self, request, obj):
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.admin_delete",
            obj=obj,
            before=snapshot(obj),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class CalendarExceptionForm(forms.ModelForm):
    class Meta:
        model = CalendarException
        fields = ["date", "kind", "name"]

    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("kind")
        if day and kind == CalendarException.Kind.MAKEUP_WORKDAY and day.weekday() < 5:
            raise forms.ValidationError(
                f"{day} 是星期{WEEKDAYS[day.weekday()]},调休上班日只能是周六或周日"
            )
        return cleaned


class CalendarExceptionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        year = self.instance.year
        for form in self.forms:
            day = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
            if day and not form.cleaned_data.get("DELETE") and day.year != year:
                raise forms.ValidationError(f"{day} 不属于 {year} 年")


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    form = CalendarExceptionForm
    formset = CalendarExceptionFormSet
    extra = 3


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "source", "notice", "revision", "updated_at"]
    fields = ["year", "status", "source", "notice"]
    inlines = [CalendarExceptionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["year"] if obj else []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic():
            request._calendar_before = (
                calendar_year_state(int(object_id)) if object_id and object_id.isdigit() else None
            )
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        calendar_after_admin_edit(
            year=form.instance.year,
            before=getattr(request, "_calendar_before", None),
            actor=request.user,
        )

    def delete_model(self, request, obj):
        before = calendar_year_state(obj.year)
        super().delete_model(request, obj)
        calendar_after_admin_edit(year=obj.year, before=before, actor=request.user, deleted=True)

    def has_delete_permission(self, request, obj=None):
        # Deleting an official year would silently move every deadline in it.
        return bool(
            obj is None or obj.status == CalendarYear.Status.DRAFT
        ) and super().has_delete_permission(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_repr", "action"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
