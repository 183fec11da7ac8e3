"""The public search page: results with highlighted, escaped snippets, and a pager."""

from gongkai.search.tests.conftest import publish


def test_citizen_finds_and_sees_highlights(client, corpus):
    response = client.get("/sousuo/", {"q": "低保 标准"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到" in html
    assert "<mark>低保</mark><mark>标准</mark>" in html or "<mark>低保标准</mark>" in html
    assert f'href="/xxgk/{corpus["关于提高城乡低保标准的通知"].pk}/"' in html
    # The search page itself adds no script (the portal's base template owns those).
    assert "<script" not in html.split("<h1>站内搜索</h1>", 1)[1]


def test_markup_in_records_is_escaped(client, engine):
    publish(
        "tanzhou", [{"title": "关于<b>加粗</b>标签的说明", "body": "正文含<i>标签</i>&amp;实体"}]
    )
    from gongkai.search import services

    services.index_rebuild()
    html = client.get("/sousuo/", {"q": "标签"}).content.decode()
    assert "关于&lt;b&gt;加粗&lt;/b&gt;<mark>标签</mark>的说明" in html


def test_empty_form_shows_no_results_yet(client, corpus):
    response = client.get("/sousuo/")
    assert response.status_code == 200
    assert "共找到" not in response.content.decode()


def test_pager_keeps_the_query(client, engine):
    publish("tanzhou", [{"title": f"第{n}期防汛简报"} for n in range(25)])
    from gongkai.search import services

    services.index_rebuild()
    html = client.get("/sousuo/", {"q": "防汛", "sort": "newest"}).content.decode()
    assert "第1页,共2页" in html
    assert "q=%E9%98%B2%E6%B1%9B&amp;sort=newest&amp;page=2" in html
