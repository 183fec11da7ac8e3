"""`gongkai search reindex` and `gongkai search query … --format json` for scripts."""

import io
import json

from django.core.management import call_command

from gongkai.search.models import PostgresEntry


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


def test_ensure_rebuilds_an_empty_index_and_leaves_a_full_one(corpus, engine, settings, tmp_path):
    # After an upgrade: the same records, an index with nothing in it (tantivy: a new layout's
    # directory; PostgreSQL: its table emptied).
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "after-upgrade")
    if engine == "postgres":
        PostgresEntry.objects.all().delete()
    out = io.StringIO()
    call_command("search", "ensure", stdout=out, stderr=io.StringIO())
    assert "已重建索引:23 条" in out.getvalue()

    out = io.StringIO()
    call_command("search", "ensure", stdout=out)
    assert out.getvalue().strip() == "索引中已有 23 条信息,无需重建"
    out = io.StringIO()
    call_command("search", "query", "低保 标准", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["total"] >= 1
