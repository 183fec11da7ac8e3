"""Settings come from the environment and are parsed strictly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("False", False), ("1", True), ("off", False)]
)
def test_env_bool_accepts_clear_values(monkeypatch, raw, expected):
    monkeypatch.setenv("GK_FLAG", raw)
    assert env_bool("GK_FLAG", not expected) is expected


def test_env_bool_rejects_anything_else_naming_the_variable(monkeypatch):
    monkeypatch.setenv("GK_FLAG", "yes please")
    with pytest.raises(ImproperlyConfigured, match="GK_FLAG must be true or false"):
        env_bool("GK_FLAG", False)


def test_env_int_rejects_words_and_small_numbers(monkeypatch):
    monkeypatch.setenv("GK_NUM", "five")
    with pytest.raises(ImproperlyConfigured, match="GK_NUM must be a whole number"):
        env_int("GK_NUM", 1)
    monkeypatch.setenv("GK_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("GK_NUM", 1, minimum=1)


def test_env_choice_and_list(monkeypatch):
    monkeypatch.setenv("GK_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="GK_ENV must be one of"):
        env_choice("GK_ENV", "local", {"local", "production"})
    monkeypatch.setenv("GK_HOSTS", " a.cn, b.cn ,")
    assert env_list("GK_HOSTS", []) == ["a.cn", "b.cn"]


def test_secret_from_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.setenv("GK_KEY_FILE", str(secret))
    assert env_str("GK_KEY") == "s3cret"
    monkeypatch.setenv("GK_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="GK_KEY_FILE: cannot read"):
        env_str("GK_KEY")
