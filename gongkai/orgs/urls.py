from django.urls import path

from gongkai.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<slug:code>/", views.unit_detail, name="unit_detail"),
    path("<slug:code>/edit/", views.unit_edit, name="unit_edit"),
]
