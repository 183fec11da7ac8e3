"""Pages of 20 with an exact total; newest first when asked; past the end shows the last page."""

import datetime

from gongkai.search import services
from gongkai.search.tests.conftest import publish


def test_pages_cover_every_hit_once_with_exact_total(engine):
    rows = [
        {"title": f"第{n}号征地公告", "published_on": datetime.date(2025, 1, 1)
         + datetime.timedelta(days=n)}
        for n in range(45)
    ]  # fmt: skip
    publish("tanzhou", rows)
    services.index_rebuild()

    seen = []
    for number in (1, 2, 3):
        page = services.search(query="征地公告", order="newest", page=number)
        assert page.total == 45 and page.num_pages == 3
        seen += [hit.record for hit in page.results]
    assert len(seen) == len({r.pk for r in seen}) == 45
    dates = [r.published_at for r in seen]
    assert dates == sorted(dates, reverse=True)

    past_end = services.search(query="征地公告", page=10**9)
    assert past_end.page == 3 and len(past_end.results) == 5
