from django.urls import path

from gongkai.reports import portal_views

app_name = "reports_portal"

urlpatterns = [
    path("", portal_views.index, name="index"),
    path("<slug:unit_code>/<int:year>/", portal_views.report, name="report"),
    path("<slug:unit_code>/<int:year>/report.docx", portal_views.report_docx_file, name="docx"),
]
