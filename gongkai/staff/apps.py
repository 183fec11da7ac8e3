from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The staff workspace shell: sign-in, home, calendar and audit pages. Views only."""

    name = "gongkai.staff"
    label = "staff"
    verbose_name = "工作台"
