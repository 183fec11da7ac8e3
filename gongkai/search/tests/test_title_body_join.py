"""No term matches across the end of a title and the start of its body.

Title and body are indexed as one field ("all") for counting; the engine puts
a gap between them, so 目录指南 is not found in a record titled …目录 whose body
starts 指南…, while either part alone is.
"""

from gongkai.search import services
from gongkai.search.tests.conftest import publish


def test_a_phrase_spanning_title_and_body_is_not_found(engine):
    publish("tanzhou", [{"title": "坦洲镇政府信息公开目录", "body": "指南编制说明：按年度更新。"}])
    services.index_rebuild()

    for spanning in ("目录指南", "录指", "开目录指南编"):
        assert services.search(query=spanning).total == 0, spanning
    for inside in ("公开目录", "指南编制", "目录 指南"):
        assert services.search(query=inside).total == 1, inside
