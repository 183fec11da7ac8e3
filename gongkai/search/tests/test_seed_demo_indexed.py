"""`gongkai seed demo` leaves every published demo record searchable, before any worker runs."""

from django.core.management import call_command

from gongkai.search import services
from gongkai.search.documents import searchable_records


def test_demo_records_are_searchable(engine, official_calendar):
    call_command("seed", "demo", verbosity=0)
    published = list(searchable_records().values_list("title", flat=True))
    assert published
    page = services.search(query="", per_page=100)
    assert sorted(hit.record.title for hit in page.results) == sorted(published)
    assert services.search(query=published[0]).results[0].record.title == published[0]
