from django.contrib import admin
from django.urls import include, path

from gongkai.foi.api import api

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("staff/", include("gongkai.staff.urls")),
    path("staff/", include("gongkai.orgs.urls")),
    path("staff/catalogs/", include("gongkai.catalogs.urls")),
    path("staff/records/", include("gongkai.records.urls")),
    path("staff/foi/", include("gongkai.foi.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("nianbao/", include("gongkai.reports.portal_urls")),
    path("yisqgk/", include("gongkai.foi.portal_urls")),
    path("sousuo/", include("gongkai.search.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.forbidden"
handler404 = "gongkai.portal.views.not_found"
handler500 = "gongkai.portal.views.server_error"
