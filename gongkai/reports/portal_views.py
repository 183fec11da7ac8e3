"""The portal's 年报 column: every published annual report, as frozen when approved.

A published report never changes, so its snapshot hash is its ETag: browsers
and proxies revalidate and get a 304 until the end of time.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, conditional_page

from gongkai.portal.views import public_page
from gongkai.reports.docx import report_docx
from gongkai.reports.models import AnnualReport
from gongkai.reports.views import tables_context


def _published(unit_code: str, year: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_related("unit")
        .filter(unit__code=unit_code, year=year, status=AnnualReport.Status.PUBLISHED)
        .first()
    )
    if report is None:
        raise Http404
    return report


def _etag(request, unit_code: str, year: int) -> str | None:
    return (
        AnnualReport.objects.filter(
            unit__code=unit_code, year=year, status=AnnualReport.Status.PUBLISHED
        )
        .values_list("snapshot_hash", flat=True)
        .first()
    )


@public_page
@conditional_page
def index(request):
    """Published reports by year, newest first; a unit's own with ?unit=."""
    reports = AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).select_related(
        "unit"
    )
    unit_code = request.GET.get("unit", "")
    if unit_code:
        reports = reports.filter(unit__code=unit_code)
    years: dict[int, list[AnnualReport]] = {}
    for report in reports.order_by("-year", "unit__kind", "unit__sort_order", "unit__name"):
        years.setdefault(report.year, []).append(report)
    return render(request, "reports/portal_index.html", {"years": years, "unit_code": unit_code})


@public_page
@condition(etag_func=_etag)
def report(request, unit_code: str, year: int):
    published = _published(unit_code, year)
    return render(
        request,
        "reports/portal_report.html",
        tables_context(published.snapshot) | {"report": published},
    )


@public_page
@condition(etag_func=_etag)
def report_docx_file(request, unit_code: str, year: int):
    published = _published(unit_code, year)
    response = HttpResponse(
        report_docx(published.snapshot),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = quote(f"{published.snapshot['title']}.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
