from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import feeds, unit_views, views
from gongkai.portal.sitemaps import SITEMAPS

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
    path(
        "gongkai/<slug:unit_code>/<slug:domain_code>/items/<int:item_pk>/",
        unit_views.catalog_item_page,
        name="catalog_item",
    ),
    # Each unit's 政府信息公开 pages (《条例》第十二条).
    path("danwei/", unit_views.unit_index, name="unit_index"),
    path("danwei/<slug:unit_code>/", unit_views.unit_home, name="unit_home"),
    path("danwei/<slug:unit_code>/zhinan/", unit_views.unit_guide, name="unit_guide"),
    path("danwei/<slug:unit_code>/zhidu/", unit_views.unit_rules, name="unit_rules"),
    path("danwei/<slug:unit_code>/fdzdgknr/", unit_views.unit_proactive, name="unit_proactive"),
    path("danwei/<slug:unit_code>/nianbao/", unit_views.unit_reports, name="unit_reports"),
    # Feeds (RSS 2.0 and Atom) per unit, domain and catalog item; the sitemap; the kiosk.
    path("feeds/<slug:kind>/<slug:code>.rss", feeds.feed, {"fmt": "rss"}, name="feed_rss"),
    path("feeds/<slug:kind>/<slug:code>.atom", feeds.feed, {"fmt": "atom"}, name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("zhuanqu/", unit_views.kiosk, name="kiosk"),
]
