from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from gongkai.core.admin import AuditedAdmin
from gongkai.orgs.models import (
    Batch,
    Domain,
    DomainAlias,
    Membership,
    Responsibility,
    Unit,
    UnitName,
)


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent", "batch", "model_level", "valid_to"]
    list_filter = ["kind", "batch", "model_level"]
    search_fields = ["name", "code"]
    inlines = [UnitNameInline]

    def has_delete_permission(self, request, obj=None):
        # Units are merged or closed with dates, never deleted (history stays).
        return False


class DomainAliasInline(admin.TabularInline):
    model = DomainAlias
    extra = 0


@admin.register(Domain)
class DomainAdmin(AuditedAdmin):
    list_display = ["sort_order", "name", "code", "issuer"]
    inlines = [DomainAliasInline]


@admin.register(Responsibility)
class ResponsibilityAdmin(AuditedAdmin):
    list_display = ["domain", "unit", "role"]
    list_filter = ["role", "domain"]


@admin.register(Batch)
class BatchAdmin(AuditedAdmin):
    list_display = ["number", "name", "catalog_due_on", "publishing_from"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__first_name", "unit__name"]
    autocomplete_fields = ["unit"]


# Accounts are managed by superusers in the admin; their edits are audited too.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    pass
