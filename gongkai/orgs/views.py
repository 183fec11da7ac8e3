from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.orgs import permissions
from gongkai.orgs.forms import UnitProfileForm
from gongkai.orgs.models import Responsibility
from gongkai.orgs.services import unit_update_profile


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
        unit_update_profile(unit=unit, actor=request.user, data=form.cleaned_data)
        messages.success(request, "已保存单位信息。")
        return redirect("orgs:unit_detail", code=unit.code)
    return render(request, "orgs/unit_edit.html", {"unit": unit, "form": form})
