from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.admin_site.GongkaiAdminSite"
