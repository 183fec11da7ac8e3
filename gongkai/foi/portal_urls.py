from django.urls import path

from gongkai.foi import portal_views

app_name = "foi_portal"

urlpatterns = [
    path("", portal_views.apply, name="apply"),
    path("done/", portal_views.done, name="done"),
    path("query/", portal_views.query, name="query"),
    path("query/leave/", portal_views.query_leave, name="query_leave"),
    path("query/case/", portal_views.case_page, name="case"),
    path("query/case/letters/<int:pk>/", portal_views.letter_page, name="letter"),
    path("query/case/letters/<int:pk>/docx/", portal_views.letter_download, name="letter_docx"),
]
