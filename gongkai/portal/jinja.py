"""The Jinja2 environment of the portal's hottest pages (settings.TEMPLATES, "jinja2").

An uncached catalog page spent more time in Django's template engine than in the
rest of the request (PERFORMANCE.md P2); Jinja2 compiles templates to Python and
renders the same page several times faster. Its templates (portal/jinja2/) print
the same HTML as the Django ones: test_jinja_shell.py renders the shell both ways.

What the Django templates get from template tags and filters, these get as:
`static()` ({% static %}), `url(name, *args)` ({% url %}) and the `cn_date`
filter ({{ value|date:"Y年n月j日" }}). A page names the same few static files and
URLs on every request, and looking one up (the manifest's hashed name, reverse())
cost about as much as rendering a dozen lines, so both are remembered per process,
as Django remembers its URL resolver: until the settings they depend on change.
"""

import datetime
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from jinja2 import Environment


def environment(**options) -> Environment:
    # Text outside tags is kept byte for byte, as Django templates keep it.
    options.setdefault("keep_trailing_newline", True)
    env = Environment(**options)
    env.globals.update(static=static, url=url)
    env.filters["cn_date"] = cn_date
    return env


def static(path: str) -> str:
    """{% static path %}, remembered per script prefix (a relative STATIC_URL follows it)."""
    return _static(get_script_prefix(), path)


@lru_cache(maxsize=256)
def _static(_prefix: str, path: str) -> str:
    return django_static(path)


def url(viewname: str, *args) -> str:
    """{% url viewname arg … %}, remembered per URLconf and script prefix."""
    return _reverse(get_urlconf(), get_script_prefix(), viewname, args)


@lru_cache(maxsize=4096)
def _reverse(urlconf, _prefix: str, viewname: str, args: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    # Tests change these with override_settings; a deployment sets them once.
    if setting in ("ROOT_URLCONF", "STATIC_URL", "STORAGES", "FORCE_SCRIPT_NAME"):
        _static.cache_clear()
        _reverse.cache_clear()


def cn_date(value: datetime.datetime | datetime.date | None) -> str:
    """2026年7月1日, in the current time zone: Django's |date:"Y年n月j日"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.year}年{value.month}月{value.day}日"
