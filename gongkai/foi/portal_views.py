"""Public pages of disclosure on request (依申请公开): apply, then track with the query code.

The query code is shown once, on the page after submission, and carried there
through the session (never in a URL). Tracking needs the tracking number and
the query code; the verified case is then remembered in the session only.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.foi import intake, services
from gongkai.foi.application_form import ApplicationForm
from gongkai.foi.letters import letter_docx, letter_paragraphs
from gongkai.foi.models import InfoRequest
from gongkai.orgs.models import Unit
from gongkai.portal import selectors as portal_selectors

SUBMITTED_KEY = "foi_submitted"  # shown once on the done page, then popped
VERIFIED_KEY = "foi_case"  # the case this browser proved it may read

KIND_GROUPS = [
    (Unit.Kind.TOWN, Unit.Kind.TOWN.label),
    (Unit.Kind.DEPARTMENT, Unit.Kind.DEPARTMENT.label),
    (Unit.Kind.OPENNESS_OFFICE, _("市人民政府")),
]


def _unit_choices():
    units = list(intake.intake_units())
    choices = [("", _("请选择受理机关"))]
    for kind, label in KIND_GROUPS:
        group = [(u.code, u.name) for u in units if u.kind == kind]
        if group:
            choices.append((label, group))
    return choices


class UnitForm(forms.Form):
    unit = forms.ChoiceField(
        label=_("受理机关"),
        choices=_unit_choices,
        help_text=_("请选择制作或保存所需信息的机关"),
        error_messages={
            "required": _("请选择受理机关"),
            "invalid_choice": _("所选受理机关不存在或不受理申请,请重新选择"),
        },
    )

    def clean_unit(self) -> Unit:
        try:
            return intake.intake_unit(self.cleaned_data["unit"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class QueryForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("申请编号"),
        max_length=intake.MAX_CODE_CHARS,
        error_messages={"required": _("请填写申请编号")},
    )
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=intake.MAX_CODE_CHARS,
        error_messages={"required": _("请填写查询码")},
    )


# Chinese has no spaces, so a query is cut into overlapping two-character pieces;
# Latin words and numbers (years, 文号) are kept whole.
_RUNS = re.compile(r"[\u3400-\u9fff]+|[A-Za-z0-9]+")
MAX_CHUNKS = 40


def published_matches(text: str, limit: int = 10) -> list:
    """Published records whose title contains a 2+ character chunk of `text`, best first.

    Not the search app's exact matching on purpose: an application describes the
    information in a sentence, and requiring all of it (or every word) as a
    substring would find nothing; overlapping chunks find the titles that share
    most of it. Titles matching more chunks rank first; with several chunks a record must
    match two, so one common word (坦洲, 2025) alone does not count as an answer.
    """
    chunks: list[str] = []
    for run in _RUNS.findall(text):
        if len(run) < 2:
            continue
        pieces = [run] if run.isascii() else [run[i : i + 2] for i in range(len(run) - 1)]
        chunks.extend(p for p in pieces if p not in chunks)
    chunks = chunks[:MAX_CHUNKS]
    if not chunks:
        return []
    condition = None
    for chunk in chunks:
        term = Q(title__icontains=chunk)
        condition = term if condition is None else condition | term
    candidates = portal_selectors.published_records().filter(condition)[:200]
    needed = min(2, len(chunks))
    scored = [
        (sum(chunk.lower() in record.title.lower() for chunk in chunks), record)
        for record in candidates
    ]
    ranked = sorted((s for s in scored if s[0] >= needed), key=lambda s: -s[0])
    return [record for _score, record in ranked[:limit]]


def apply(request):
    """The explanation, "先查一查", and the application form."""
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query, "found": published_matches(query) if query else None}
    if request.method != "POST":
        context["unit_form"] = UnitForm(initial={"unit": request.GET.get("unit", "")})
        context["form"] = ApplicationForm()
        return render(request, "foi/portal/apply.html", context)

    unit_form, form = UnitForm(request.POST), ApplicationForm(request.POST)
    context |= {"unit_form": unit_form, "form": form, "error_forms": [unit_form, form]}
    if not (unit_form.is_valid() and form.is_valid()):
        return render(request, "foi/portal/apply.html", context)
    data = form.application_data()
    if not request.POST.get("confirmed"):
        # Before anything is stored, show what is already public and may answer it.
        matches = published_matches(f"{data.description} {data.doc_number}")
        if matches:
            context["matches"] = matches
            return render(request, "foi/portal/apply.html", context)
    if intake.intake_limited(request):
        return render(
            request, "foi/portal/limited.html", {"message": intake.INTAKE_LIMITED}, status=429
        )
    unit = unit_form.cleaned_data["unit"]
    try:
        case, code = services.info_request_submit(
            unit=unit, data=data, source="portal", client_ip=intake.client_ip(request)
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return render(request, "foi/portal/apply.html", context)
    request.session[SUBMITTED_KEY] = {
        "tracking_number": case.tracking_number,
        "query_code": code,
        "unit": unit.name,
        "emailed": bool(case.email),
    }
    return redirect("foi_portal:done")


@never_cache
def done(request):
    """The tracking number and the query code, shown this one time."""
    submitted = request.session.pop(SUBMITTED_KEY, None)
    return render(request, "foi/portal/done.html", {"submitted": submitted})


@never_cache
def query(request):
    """Tracking number + query code; a wrong code and an unknown number get the same answer."""
    if request.method != "POST":
        return render(request, "foi/portal/query.html", {"form": QueryForm()})
    if intake.query_limited(request):
        return render(
            request, "foi/portal/limited.html", {"message": intake.QUERY_LIMITED}, status=429
        )
    form = QueryForm(request.POST)
    if not form.is_valid():
        return render(request, "foi/portal/query.html", {"form": form})
    case = intake.case_for_applicant(
        form.cleaned_data["tracking_number"], form.cleaned_data["query_code"]
    )
    if case is None:
        # The typed code is not echoed back; only the number, so it can be corrected.
        retry = QueryForm(initial={"tracking_number": form.cleaned_data["tracking_number"]})
        return render(
            request, "foi/portal/query.html", {"form": retry, "failed": intake.QUERY_FAILED}
        )
    # A new session key on proof, so a planted session id cannot ride on it.
    request.session.cycle_key()
    request.session[VERIFIED_KEY] = case.pk
    return redirect("foi_portal:case")


def _verified_case(request) -> InfoRequest | None:
    pk = request.session.get(VERIFIED_KEY)
    if pk is None:
        return None
    return InfoRequest.objects.select_related("unit").filter(pk=pk).first()


@never_cache
def case_page(request):
    case = _verified_case(request)
    if case is None:
        return redirect("foi_portal:query")
    return render(
        request,
        "foi/portal/case.html",
        {
            "case": case,
            "replied": intake.outcome_is_public(case),
            "timeline": intake.public_timeline(case),
            "letters": intake.applicant_letters(case),
        },
    )


def _verified_letter(request, pk: int):
    case = _verified_case(request)
    if case is None:
        raise Http404
    letter = (
        intake.applicant_letters(case).filter(pk=pk).select_related("info_request__unit").first()
    )
    if letter is None:
        raise Http404
    return letter


@never_cache
def letter_page(request, pk: int):
    letter = _verified_letter(request, pk)
    return render(
        request,
        "foi/portal/letter.html",
        {"letter": letter, "paragraphs": letter_paragraphs(letter)},
    )


@never_cache
def letter_download(request, pk: int):
    letter = _verified_letter(request, pk)
    response = HttpResponse(
        letter_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{letter.number}.docx"
    )
    return response


@require_POST
def query_leave(request):
    """退出查询: forget the verified case in this browser."""
    request.session.pop(VERIFIED_KEY, None)
    return redirect("foi_portal:query")
