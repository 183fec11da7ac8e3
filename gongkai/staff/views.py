from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from gongkai.core import workdays
from gongkai.core.models import AuditEvent
from gongkai.core.services import calendar_import_notice, calendar_status
from gongkai.orgs.permissions import can_view_audit_log, is_office_admin
from gongkai.orgs.selectors import memberships_of
from gongkai.records.selectors import work_for
from gongkai.staff.forms import DeadlineForm, NoticeUploadForm, StaffAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # LoginView puts the request's host in `site_name`; the platform's name wins.
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}


@login_required
def home(request):
    return render(
        request,
        "staff/home.html",
        {"memberships": memberships_of(request.user), "work": work_for(request.user)},
    )


@login_required
def calendar(request):
    """Official calendar years and a working-day calculator, for every staff member."""
    result = None
    form = DeadlineForm(request.GET or None)
    if form.is_valid():
        start = form.cleaned_data["start"]
        days = form.cleaned_data["days"]
        try:
            due = workdays.add_workdays(start, days, provisional=form.cleaned_data["provisional"])
            result = {
                "start": start,
                "days": days,
                "due": due,
                "provisional": workdays.is_provisional(due),
                "unofficial_years": getattr(due, "unofficial_years", ()),
            }
        except workdays.CalendarNotOfficial as exc:
            form.add_error("start", str(exc))
    return render(
        request,
        "staff/calendar.html",
        {
            "years": calendar_status(),
            "form": form,
            "result": result,
            "can_import": is_office_admin(request.user),
        },
    )


@login_required
def calendar_import(request):
    """The openness office enters a year from the State Council's notice."""
    if not is_office_admin(request.user):
        raise Http404
    form = NoticeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        notice = form.cleaned_data["parsed"]
        calendar_year, changed = calendar_import_notice(
            notice=notice, actor=request.user, official=not form.cleaned_data["draft"]
        )
        if changed:
            messages.success(
                request,
                f"已导入 {calendar_year.year} 年工作日历({calendar_year.get_status_display()})。",
            )
        else:
            messages.info(request, f"{calendar_year.year} 年工作日历与文件一致,无变化。")
        return redirect("staff:calendar")
    return render(request, "staff/calendar_import.html", {"form": form})


@login_required
def audit_log(request):
    """Every write in the platform, newest first; the openness office only."""
    if not can_view_audit_log(request.user):
        raise Http404
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    action = request.GET.get("action", "").strip()
    actor = request.GET.get("actor", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "staff/audit_log.html", {"page": page, "action": action, "actor": actor})
