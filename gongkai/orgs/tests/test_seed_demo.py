"""`gongkai seed demo` creates one account per role and prints how to sign in."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from gongkai.orgs.demo import DEMO_PASSWORD
from gongkai.orgs.models import Membership, Unit


def seed_demo():
    out = StringIO()
    call_command("seed", "demo", stdout=out)
    return out.getvalue()


def test_demo_accounts_and_sign_in_instructions(zhongshan, official_calendar):
    output = seed_demo()
    assert DEMO_PASSWORD in output
    assert "tanzhou_editor" in output and "http://127.0.0.1:8000/staff/" in output
    roles = set(Membership.objects.filter(unit__code="tanzhou").values_list("role", flat=True))
    assert roles == {"editor", "approver", "secrecy_reviewer", "request_handler"}
    assert Membership.objects.filter(user__username="office_admin", role="office_admin").exists()
    assert get_user_model().objects.get(username="tanzhou_editor").check_password(DEMO_PASSWORD)
    assert Unit.objects.filter(kind=Unit.Kind.VILLAGE, parent__code="tanzhou").count() == 3


def test_running_demo_twice_adds_nothing(zhongshan, official_calendar):
    seed_demo()
    counts = (get_user_model().objects.count(), Membership.objects.count(), Unit.objects.count())
    seed_demo()
    assert (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Unit.objects.count(),
    ) == counts


def test_demo_accounts_are_refused_in_production(zhongshan, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境不载入演示数据"):
        seed_demo()
    assert not get_user_model().objects.filter(username="tanzhou_editor").exists()
