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
    path("xxgk/", views.record_list, name="record_list"),
    path("xxgk/<int:pk>/", views.record_page, name="record_page"),
    path(
        "xxgk/<int:pk>/jiedu/<int:interpretation_pk>/",
        views.interpretation_page,
        name="interpretation_page",
    ),
    path("xxgk/<int:pk>/files/<int:attachment_pk>/", views.record_file, name="record_file"),
]
