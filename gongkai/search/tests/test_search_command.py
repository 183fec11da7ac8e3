"""`gongkai search reindex` and `gongkai search query … --format json` for scripts."""

import io
import json

from django.core.management import call_command


def test_reindex_then_query_json(corpus):
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert "已重建索引:23 条" in out.getvalue()
    assert "23/23" in err.getvalue()

    out = io.StringIO()
    call_command("search", "query", "低保 标准", "--format", "json", stdout=out)
    document = json.loads(out.getvalue())
    first = document["results"][0]
    assert first["title"] == "关于提高城乡低保标准的通知"
    assert first["unit"] == "坦洲镇"
    assert first["published"] == "2025-03-01"
    assert set(first) == {"id", "title", "unit", "published", "score", "snippet"}
    assert "<mark>" in first["snippet"]
    assert document["total"] == len(document["results"])


def test_query_with_syntax_characters_does_not_fail(corpus):
    out = io.StringIO()
    call_command("search", "query", "' OR 1=1 --", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["total"] == 1
