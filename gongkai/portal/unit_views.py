"""Each unit's 政府信息公开 pages (《条例》第十二条、第二十三条) and each catalog item's records.

- 指南: generated from the unit's own data (office, address, hours, phone, fax,
  e-mail) and the rules the platform enforces, so it never drifts from them.
- 制度: the unit's published rules on openness work (records of that topic).
- 法定主动公开内容: by standard catalog (the column) and by topic.
- 年报: the unit's published annual reports.
- The disclosure-on-request entry, with the unit chosen.
"""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import conditional_page

from gongkai.catalogs.models import CatalogItem, CatalogVersion
from gongkai.foi.letters import remedy_texts
from gongkai.orgs.models import Unit
from gongkai.portal import selectors as portal_selectors
from gongkai.portal.views import public_page
from gongkai.records.models import Record
from gongkai.records.selectors import timeliness_board
from gongkai.reports.models import AnnualReport

# The topic under which a unit publishes its own rules on openness work (制度).
RULES_TOPIC = "政务公开制度"
PAGE_SIZE = 30


def _public_unit(code: str) -> Unit:
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None or unit.kind == Unit.Kind.VILLAGE:
        raise Http404
    return unit


def _page_number(request) -> int:
    """A page number from the query; anything odd (huge, negative, text) is page 1 or the last."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


@public_page
@conditional_page
def unit_index(request):
    """Every unit's disclosure pages: towns, city departments, the city office."""
    units = Unit.objects.exclude(kind=Unit.Kind.VILLAGE).order_by("kind", "sort_order", "name")
    today = timezone.localdate()
    groups: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.is_active_on(today):
            groups.setdefault(unit.get_kind_display(), []).append(unit)
    return render(request, "portal/unit_index.html", {"groups": groups})


def _unit_context(unit: Unit, section: str) -> dict:
    return {"unit": unit, "section": section}


@public_page
@conditional_page
def unit_home(request, unit_code: str):
    unit = _public_unit(unit_code)
    latest = portal_selectors.published_records(unit_code=unit.code)[:10]
    return render(
        request,
        "portal/unit_home.html",
        _unit_context(unit, "home") | {"latest": latest},
    )


@public_page
@conditional_page
def unit_guide(request, unit_code: str):
    """政府信息公开指南, generated (《条例》第十二条)."""
    unit = _public_unit(unit_code)
    catalogs = portal_selectors.published_catalogs().filter(unit=unit)
    return render(
        request,
        "portal/unit_guide.html",
        _unit_context(unit, "guide")
        | {
            "catalogs": catalogs,
            "review_body": remedy_texts().get("review_body", ""),
            "year": timezone.localdate().year,
        },
    )


@public_page
@conditional_page
def unit_rules(request, unit_code: str):
    unit = _public_unit(unit_code)
    records = portal_selectors.published_records(unit_code=unit.code).filter(topic=RULES_TOPIC)
    return render(
        request, "portal/unit_rules.html", _unit_context(unit, "rules") | {"records": records}
    )


@public_page
@conditional_page
def unit_proactive(request, unit_code: str):
    """法定主动公开内容: the unit's catalogs, and its records by topic (one topic at a time)."""
    unit = _public_unit(unit_code)
    records = portal_selectors.published_records(unit_code=unit.code)
    topics = sorted({t for t in records.values_list("topic", flat=True) if t})
    topic = request.GET.get("topic", "")
    if topic:
        records = records.filter(topic=topic)
    paginator = Paginator(records, PAGE_SIZE)
    page = paginator.get_page(_page_number(request))
    return render(
        request,
        "portal/unit_proactive.html",
        _unit_context(unit, "proactive")
        | {
            "catalogs": portal_selectors.published_catalogs().filter(unit=unit),
            "topics": topics,
            "topic": topic if topic in topics else "",
            "page": page,
        },
    )


@public_page
@conditional_page
def unit_reports(request, unit_code: str):
    unit = _public_unit(unit_code)
    reports = AnnualReport.objects.filter(unit=unit, status=AnnualReport.Status.PUBLISHED)
    return render(
        request, "portal/unit_reports.html", _unit_context(unit, "reports") | {"reports": reports}
    )


@public_page
@conditional_page
def catalog_item_page(request, unit_code: str, domain_code: str, item_pk: int):
    """One item of a published catalog and the records published under it, newest first."""
    item = (
        CatalogItem.objects.select_related("version__catalog__unit", "version__catalog__domain")
        .filter(
            pk=item_pk,
            version__catalog__unit__code=unit_code,
            version__catalog__domain__code=domain_code,
            version__status__in=[
                CatalogVersion.Status.PUBLISHED,
                CatalogVersion.Status.SUPERSEDED,
            ],
        )
        .first()
    )
    if item is None:
        raise Http404
    records = portal_selectors.published_records().filter(catalog_items=item)
    paginator = Paginator(records, PAGE_SIZE)
    page = paginator.get_page(_page_number(request))
    marks = {
        entry.record.pk: entry
        for entry in timeliness_board(
            Record.objects.filter(pk__in=[r.pk for r in page]), today=timezone.localdate()
        )
    }
    return render(
        request,
        "portal/catalog_item.html",
        {
            "item": item,
            "version": item.version,
            "unit": item.version.catalog.unit,
            "domain": item.version.catalog.domain,
            "page": page,
            "rows": [(record, marks.get(record.pk)) for record in page],
        },
    )


@public_page
@conditional_page
def kiosk(request):
    """The 政务公开专区 kiosk's start page: big buttons, no typing needed."""
    today = timezone.localdate()
    towns = Unit.objects.filter(kind=Unit.Kind.TOWN).order_by("sort_order", "name")
    return render(
        request,
        "portal/kiosk.html",
        {
            "towns": [t for t in towns if t.is_active_on(today)],
            "latest": portal_selectors.published_records()[:6],
            "common_queries": ["低保", "义务教育", "社保", "临时救助", "涉农补贴", "财政预决算"],
            "year": today.year,
            "since": today - datetime.timedelta(days=365),
        },
    )
