"""`gongkai seed demo` shows search finding a policy through its published interpretation."""

from django.core.management import call_command

from gongkai.search import services


def test_demo_policy_is_found_by_its_interpretation(engine, official_calendar):
    call_command("seed", "demo", verbosity=0)
    # Words of the demo's 问答解读 only (records/data/demo.toml), not of the policy.
    page = services.search(query="入学服务平台")
    assert [hit.record.title for hit in page.results] == [
        "坦洲镇2027年春季学期义务教育插班生招生工作实施方案"
    ]
    assert "<mark>入学服务平台</mark>" in str(page.results[0].snippet_html)
