"""Writes to units and memberships. Each is atomic and audited."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import audit_record, changed_only, snapshot
from gongkai.orgs.models import Membership, Unit, UnitName

PROFILE_FIELDS = ["office_name", "address", "office_hours", "phone", "fax", "email", "postcode"]


@transaction.atomic
def unit_update_profile(*, unit: Unit, actor, data: dict) -> Unit:
    """Change the contact details shown in the unit's 政府信息公开指南."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, PROFILE_FIELDS)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(unit, field, data[field])
    unit.full_clean()
    after = snapshot(unit, PROFILE_FIELDS)
    if before == after:
        return unit
    unit.save(update_fields=PROFILE_FIELDS)
    old, new = changed_only(before, after)
    audit_record(actor=actor, action="unit.update_profile", obj=unit, before=old, after=new)
    return unit


@transaction.atomic
def unit_rename(*, unit: Unit, new_name: str, on: datetime.date, actor) -> Unit:
    """Rename a unit from `on`; the old name is kept with the period it was used."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    new_name = new_name.strip()
    if not new_name or new_name == unit.name:
        raise ValidationError({"name": _("新名称不能为空,也不能与现名称相同")})
    if Unit.objects.filter(name=new_name).exclude(pk=unit.pk).exists():
        raise ValidationError({"name": _("已有单位名为“%(name)s”") % {"name": new_name}})
    previous = unit.former_names.order_by("-valid_to").first()
    UnitName.objects.create(
        unit=unit,
        name=unit.name,
        valid_from=(previous.valid_to + datetime.timedelta(days=1))
        if previous
        else unit.valid_from,
        valid_to=on - datetime.timedelta(days=1),
    )
    old_name = unit.name
    unit.name = new_name
    unit.save(update_fields=["name"])
    audit_record(
        actor=actor,
        action="unit.rename",
        obj=unit,
        before={"name": old_name},
        after={"name": new_name, "from": on.isoformat()},
    )
    return unit


@transaction.atomic
def unit_merge(*, unit: Unit, into: Unit, on: datetime.date, actor) -> Unit:
    """Merge `unit` into `into` on `on` (e.g. 东升镇 into 小榄镇).

    The merged unit stays, valid until the day before, with its history; its
    villages move to the successor. Memberships are left for the office to
    revoke, so nobody silently gains access to the successor's work.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if into.pk == unit.pk:
        raise ValidationError({"successor": _("单位不能并入自身")})
    if unit.valid_to is not None:
        raise ValidationError(
            {
                "valid_to": _("%(unit)s 已于 %(day)s 撤销或合并")
                % {"unit": unit.name, "day": unit.valid_to}
            }
        )
    if not into.is_active_on(on):
        raise ValidationError({"successor": _("并入单位在该日期不存续")})
    before = snapshot(unit, ["valid_to", "successor"])
    unit.valid_to = on - datetime.timedelta(days=1)
    unit.successor = into
    unit.full_clean()
    unit.save(update_fields=["valid_to", "successor"])
    moved = list(unit.children.filter(kind=Unit.Kind.VILLAGE).values_list("name", flat=True))
    unit.children.filter(kind=Unit.Kind.VILLAGE).update(parent=into)
    audit_record(
        actor=actor,
        action="unit.merge",
        obj=unit,
        before=before,
        after={**snapshot(unit, ["valid_to", "successor"]), "villages_moved": moved},
        note=_("并入%(into)s") % {"into": into.name},
    )
    return unit


@transaction.atomic
def membership_grant(*, user, unit: Unit, role: str, actor) -> Membership:
    """Give `user` a role in `unit`; granting an existing role changes nothing."""
    membership = Membership.objects.filter(user=user, unit=unit, role=role).first()
    if membership:
        return membership
    membership = Membership(user=user, unit=unit, role=role)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=membership,
        after={"user": user.get_username(), "unit": unit.code, "role": role},
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor) -> None:
    audit_record(
        actor=actor,
        action="membership.revoke",
        obj=membership,
        before={
            "user": membership.user.get_username(),
            "unit": membership.unit.code,
            "role": membership.role,
        },
    )
    membership.delete()


@transaction.atomic
def staff_create(*, username: str, full_name: str, password: str, actor):
    """Create a staff account (password checked by the configured validators)."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": _("用户名“%(u)s”已存在") % {"u": username}})
    user = user_model(username=username, first_name=full_name)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        action="staff.create",
        obj=user,
        after={"username": username, "full_name": full_name},
    )
    return user


@transaction.atomic
def account_create(
    *, username: str, full_name: str, password: str, unit: Unit, roles: list[str], actor
):
    """Create a staff account and its first roles, all or nothing."""
    user = staff_create(username=username, full_name=full_name, password=password, actor=actor)
    for role in roles:
        membership_grant(user=user, unit=unit, role=role, actor=actor)
    return user
