"""The Django admin, open to the openness office for reference data only."""

from django.contrib import admin

from gongkai.orgs.permissions import is_office_admin


class GongkaiAdminSite(admin.AdminSite):
    site_header = "公开 Gongkai · 参考数据管理"
    site_title = "参考数据管理"
    index_title = "公开办参考数据"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or is_office_admin(user))
