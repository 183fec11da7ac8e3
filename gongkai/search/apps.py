from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self):
        from gongkai.records import hooks
        from gongkai.search.tasks import schedule_record_update

        # Publication, a validity change and withdrawal all end the same way:
        # the worker re-reads the record and indexes or removes it.
        hooks.on_record_published(schedule_record_update)
        hooks.on_record_withdrawn(schedule_record_update)
