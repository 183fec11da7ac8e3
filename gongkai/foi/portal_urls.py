from django.urls import path

from gongkai.foi import portal_views

app_name = "foi_portal"

urlpatterns = [
    path("", portal_views.apply, name="apply"),
]
