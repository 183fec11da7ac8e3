from django.urls import path

from gongkai.records import views

app_name = "records"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("timeliness/", views.timeliness_board, name="timeliness"),
    path("reassessment/", views.reassessment_page, name="reassessment"),
    path("reassessment/open/", views.reassessment_open, name="reassessment_open"),
    path(
        "reassessment/decide/<int:decision_pk>/",
        views.reassessment_decide,
        name="reassessment_decide",
    ),
    path("units/<slug:unit_code>/new/", views.record_new, name="new"),
    path("units/<slug:unit_code>/cleanup/", views.cleanup_page, name="cleanup"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/checked/",
        views.attachment_checked,
        name="attachment_checked",
    ),
    path("<int:pk>/mask/", views.record_mask, name="mask"),
    path("<int:pk>/exempt/", views.record_exempt, name="exempt"),
    path("<int:pk>/submit/", views.record_submit, name="submit"),
    path("<int:pk>/secrecy/", views.record_secrecy_review, name="secrecy"),
    path("<int:pk>/approve/", views.record_approve, name="approve"),
    path("<int:pk>/publish/", views.record_publish, name="publish"),
    path("<int:pk>/withdraw/", views.record_withdraw, name="withdraw"),
    path("<int:pk>/waive/", views.record_waive, name="waive"),
    path("<int:pk>/validity/", views.record_validity, name="validity"),
    path("<int:pk>/interpretations/new/", views.interpretation_edit, name="interpretation_new"),
    path(
        "<int:pk>/interpretations/<int:interpretation_pk>/",
        views.interpretation_edit,
        name="interpretation_edit",
    ),
    path(
        "<int:pk>/interpretations/<int:interpretation_pk>/delete/",
        views.interpretation_delete,
        name="interpretation_delete",
    ),
]
