from django.urls import path

from gongkai.catalogs import views

app_name = "catalogs"
urlpatterns = [
    path("", views.catalog_home, name="home"),
    path("board/", views.progress_board, name="board"),
    path("board/export.xlsx", views.progress_board_export, name="board_export"),
    path("units/<slug:unit_code>/start/", views.version_start, name="start"),
    path("units/<slug:unit_code>/import/", views.catalog_import, name="import"),
    path("v/<int:pk>/", views.version_detail, name="version"),
    path("v/<int:pk>/items/new/", views.item_edit, name="item_new"),
    path("v/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("v/<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("v/<int:pk>/exclusions/<int:guideline_item_pk>/", views.exclusion_save, name="exclusion"),
    path("v/<int:pk>/submit/", views.version_submit, name="submit"),
    path("v/<int:pk>/review/", views.version_review, name="review"),
    path("v/<int:pk>/file/", views.version_file, name="file"),
    path("v/<int:pk>/publish/", views.version_publish, name="publish"),
    path("v/<int:pk>/new/", views.version_new, name="new_version"),
    path("v/<int:pk>/export.xlsx", views.version_export, name="export"),
    path("v/<int:pk>/compare/<int:other_pk>/", views.version_compare, name="compare"),
]
