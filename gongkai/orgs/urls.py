from django.urls import path

from gongkai.orgs import views

app_name = "orgs"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<slug:code>/", views.unit_detail, name="unit_detail"),
    path("units/<slug:code>/edit/", views.unit_edit, name="unit_edit"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:user_id>/grant/", views.membership_grant_view, name="membership_grant"),
    path("memberships/<int:pk>/revoke/", views.membership_revoke_view, name="membership_revoke"),
]
