from django.urls import path

from gongkai.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.board, name="board"),
    path("city/<int:year>/", views.city, name="city"),
    path("<slug:unit_code>/start/", views.start, name="start"),
    path("<slug:unit_code>/<int:year>/", views.report_page, name="report"),
    path("<slug:unit_code>/<int:year>/text/", views.edit_text, name="text"),
    path("<slug:unit_code>/<int:year>/figures/", views.edit_figures, name="figures"),
    path(
        "<slug:unit_code>/<int:year>/cells/<str:table>/<str:row>/<str:column>/",
        views.cell,
        name="cell",
    ),
    path("<slug:unit_code>/<int:year>/report.<str:fmt>", views.export, name="export"),
    *[
        path(f"<slug:unit_code>/<int:year>/{action}/", views.step, {"action": action}, name=action)
        for action in views.STEP_DONE
    ],
]
