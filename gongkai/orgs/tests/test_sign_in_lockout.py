"""Staff sign-in: repeated failures lock the account on that address (django-axes)."""

from conftest import PASSWORD


def attempt(client, username, password):
    return client.post("/staff/login/", {"username": username, "password": password})


def test_five_failures_lock_even_the_right_password(client, tanzhou_editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "chen_xiaowen", "wrong-password")
        assert "用户名或密码不正确" in response.content.decode()
    fifth = attempt(client, "chen_xiaowen", "wrong-password")
    assert fifth.status_code == 429
    locked = attempt(client, "chen_xiaowen", PASSWORD)
    assert locked.status_code == 429
    assert "登录已暂停" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_does_not_touch_other_accounts(client, tanzhou_editor, xiaolan_editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "chen_xiaowen", "wrong-password")
    response = attempt(client, "li_wanting", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_a_success_before_the_limit_resets_the_count(client, tanzhou_editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "chen_xiaowen", "wrong-password")
    assert attempt(client, "chen_xiaowen", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "chen_xiaowen", "wrong-password")
    assert attempt(client, "chen_xiaowen", PASSWORD).status_code == 302
