from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.orgs import permissions, services
from gongkai.orgs.forms import AccountCreateForm, MembershipGrantForm, UnitProfileForm
from gongkai.orgs.models import Membership, Responsibility


@login_required
def unit_list(request):
    units = permissions.visible_units(request.user).select_related("parent", "batch")
    return render(request, "orgs/unit_list.html", {"units": units})


@login_required
def unit_detail(request, code):
    unit = permissions.get_unit_for_member(request.user, code)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "responsibilities": Responsibility.objects.filter(unit=unit).select_related("domain"),
            "memberships": unit.memberships.select_related("user").order_by("role"),
            "children": unit.children.order_by("kind", "sort_order"),
            "former_names": unit.former_names.all(),
            "can_edit": permissions.can_edit_unit_profile(request.user, unit),
        },
    )


@login_required
def unit_edit(request, code):
    unit = permissions.get_unit_for_profile_editor(request.user, code)
    form = UnitProfileForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        services.unit_update_profile(unit=unit, actor=request.user, data=form.cleaned_data)
        messages.success(request, "已保存单位信息。")
        return redirect("orgs:unit_detail", code=unit.code)
    return render(request, "orgs/unit_edit.html", {"unit": unit, "form": form})


def _office_admin_only(request):
    if not permissions.is_office_admin(request.user):
        raise Http404


@login_required
def account_list(request):
    """Staff accounts and their roles; the openness office manages them."""
    _office_admin_only(request)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
        )
        .order_by("username")
    )
    return render(
        request, "orgs/account_list.html", {"users": users, "grant_form": MembershipGrantForm()}
    )


@login_required
def account_create(request):
    _office_admin_only(request)
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.account_create(
                username=data["username"],
                full_name=data["full_name"],
                password=data["password"],
                unit=data["unit"],
                roles=data["roles"],
                actor=request.user,
            )
        except ValidationError as exc:
            # Password validators raise a plain list; model checks name their field.
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("password", exc.messages)
        else:
            messages.success(request, f"已创建账号 {data['username']}。")
            return redirect("orgs:account_list")
    return render(request, "orgs/account_create.html", {"form": form})


@login_required
@require_POST
def membership_grant_view(request, user_id):
    _office_admin_only(request)
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    form = MembershipGrantForm(request.POST)
    if form.is_valid():
        services.membership_grant(
            user=user,
            unit=form.cleaned_data["unit"],
            role=form.cleaned_data["role"],
            actor=request.user,
        )
        messages.success(request, f"已为 {user.get_username()} 增加岗位。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"未增加岗位: {error}")
    return redirect("orgs:account_list")


@login_required
@require_POST
def membership_revoke_view(request, pk):
    _office_admin_only(request)
    membership = get_object_or_404(Membership.objects.select_related("user", "unit"), pk=pk)
    if membership.user_id == request.user.pk and membership.role == Membership.Role.OFFICE_ADMIN:
        messages.error(request, "不能撤销自己的公开办管理员岗位,请由另一位管理员操作。")
        return redirect("orgs:account_list")
    services.membership_revoke(membership=membership, actor=request.user)
    messages.success(
        request, f"已撤销 {membership.user.get_username()} 在{membership.unit.name}的岗位。"
    )
    return redirect("orgs:account_list")
