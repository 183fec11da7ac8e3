"""The public home page shows Zhongshan's towns, batches and the 26 domains."""


def test_home_lists_towns_batches_and_domains(client, zhongshan):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<tr>") >= 25 + 26
    assert "坦洲镇" in page and "全省试点成果推广应用单位" in page
    assert "2020-10-31" in page and "2020-11-01" in page
    assert "市城市管理和综合执法局" in page and "市水务局(配合)" in page
    assert "农村集体土地征收" in page  # alias shown beside 征地补偿


def test_public_pages_set_no_cookies(client, zhongshan):
    """Public pages are the same for everyone, so a cache can serve them."""
    response = client.get("/")
    assert not response.cookies


def test_missing_page_is_explained_in_chinese(client, zhongshan):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
