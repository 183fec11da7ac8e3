from django.urls import path

from gongkai.foi import views

app_name = "foi"

# Each step on a case is a POST to its own URL, named after the step (foi:extend, …).
step_urls = [
    path(f"<int:pk>/{name.replace('_', '-')}/", views.case_step, {"step": name}, name=name)
    for name in views.STEPS
    if name != "reply"
]

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/reply/", views.case_reply, name="reply"),
    path("<int:pk>/letters/<int:letter_pk>/", views.letter_detail, name="letter"),
    path("<int:pk>/letters/<int:letter_pk>/docx", views.letter_download, name="letter_docx"),
    *step_urls,
]
