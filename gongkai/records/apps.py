from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "gongkai.records"
    verbose_name = "政府信息"

    def ready(self):
        from gongkai.privacy import sources
        from gongkai.records.privacy_gate import published_findings

        sources.register(published_findings)
