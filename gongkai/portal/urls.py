from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("gongkai/", views.catalog_index, name="catalog_index"),
    path("gongkai/<slug:unit_code>/", views.catalog_unit, name="catalog_unit"),
    path("gongkai/<slug:unit_code>/<slug:domain_code>/", views.catalog_page, name="catalog_page"),
    path(
        "gongkai/<slug:unit_code>/<slug:domain_code>/v<int:number>/",
        views.catalog_page,
        name="catalog_version",
    ),
]
