"""What the `gongkai` subcommands share: refusing with exit code 1, and finding the
unit, domain or person a command names (a wrong name is a refusal, not a traceback)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from gongkai.orgs.models import Unit
from gongkai.orgs.selectors import UnknownName, domain_get_by_name, unit_get_by_code_or_name

EXIT_REFUSED = 1


def refuse(message: str) -> CommandError:
    """The error a command raises when it refuses: the message, exit code 1, nothing changed."""
    return CommandError(message, returncode=EXIT_REFUSED)


def unit_named(text: str) -> Unit:
    """The unit with this code (tanzhou) or name (坦洲镇)."""
    try:
        return unit_get_by_code_or_name(text)
    except UnknownName as exc:
        raise refuse(str(exc)) from None


def domain_named(name: str):
    try:
        return domain_get_by_name(name)
    except UnknownName as exc:
        raise refuse(str(exc)) from None


def active_person(username: str):
    """The enabled account a command acts for (`--as USERNAME`)."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise refuse(f"没有启用的用户“{username}”")
    return user
