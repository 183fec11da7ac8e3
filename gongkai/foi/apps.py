from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.core.services import register_recompute_hook
        from gongkai.foi.clock import recompute_due_dates

        register_recompute_hook(recompute_due_dates)
