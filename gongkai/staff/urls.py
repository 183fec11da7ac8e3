from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/import/", views.calendar_import, name="calendar_import"),
    path("audit/", views.audit_log, name="audit_log"),
]
