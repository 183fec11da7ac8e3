from django.urls import path

from gongkai.foi import views

app_name = "foi"

urlpatterns = [
    path("", views.workbench, name="workbench"),
]
