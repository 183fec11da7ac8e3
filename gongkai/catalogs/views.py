"""Staff pages for catalogs: thin views over permissions → form → service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.catalogs import excel_export, permissions, selectors, services
from gongkai.catalogs.excel_import import CatalogFileError, read_catalog_xlsx, title_warnings
from gongkai.catalogs.forms import ExclusionForm, ImportForm, ItemForm, ReviewForm, StartForm
from gongkai.catalogs.models import CatalogItem, CatalogVersion, DisclosureLevel, GuidelineItem
from gongkai.orgs.models import Domain, Unit
from gongkai.orgs.permissions import get_unit_for_member, is_office_admin

Status = CatalogVersion.Status


def _version_for(request, pk, predicate=None) -> CatalogVersion:
    version = permissions.get_version_for_viewer(request.user, pk)
    if predicate is not None and not predicate(request.user, version):
        raise Http404
    return version


def items_with_level_text(version: CatalogVersion) -> list[CatalogItem]:
    labels = dict(DisclosureLevel.objects.values_list("code", "label"))
    items = list(version.items.all())
    for item in items:
        item.level_text = "、".join(labels.get(code, code) for code in item.levels)
    return items


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def catalog_home(request):
    """My units' catalogs, versions waiting for my review, and versions waiting for filing."""
    versions = permissions.visible_versions(request.user).exclude(status=Status.SUPERSEDED)
    my_units = Unit.objects.filter(memberships__user=request.user).distinct()
    return render(
        request,
        "catalogs/home.html",
        {
            "own": versions.filter(catalog__unit__in=my_units).order_by(
                "catalog__domain__sort_order"
            ),
            "to_review": [
                v
                for v in versions.filter(status=Status.SUBMITTED)
                if permissions.can_review_version(request.user, v)
            ],
            "to_file": versions.filter(status__in=[Status.SUBMITTED, Status.APPROVED])
            if is_office_admin(request.user)
            else [],
            "startable_units": [
                u for u in my_units if permissions.can_start_version(request.user, u)
            ],
            "start_form": StartForm(),
        },
    )


@login_required
@require_POST
def version_start(request, unit_code):
    unit = get_unit_for_member(request.user, unit_code)
    if not permissions.can_start_version(request.user, unit):
        raise Http404
    form = StartForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("catalogs:home")
    domain, model_unit = form.cleaned_data["domain"], form.cleaned_data["model_unit"]
    try:
        if model_unit is not None:
            version = services.version_start_from_model(
                unit=unit, domain=domain, model_unit=model_unit, actor=request.user
            )
        else:
            catalog = services.catalog_get_or_create(unit=unit, domain=domain, actor=request.user)
            version = services.version_start(catalog=catalog, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("catalogs:home")
    messages.success(request, f"已新建{version}。")
    return redirect("catalogs:version", pk=version.pk)


@login_required
def version_detail(request, pk):
    version = _version_for(request, pk)
    user = request.user
    published = version.catalog.published_version()
    return render(
        request,
        "catalogs/version.html",
        {
            "version": version,
            "items": items_with_level_text(version),
            "coverage": selectors.coverage_check(version),
            "events": version.events.select_related("actor"),
            "opinions": version.opinions.select_related("reviewer", "reviewer_unit"),
            "exclusions": version.exclusions.select_related("guideline_item"),
            "published": published,
            "can_edit": permissions.can_edit_version(user, version),
            "can_submit": permissions.can_submit_version(user, version),
            "can_review": permissions.can_review_version(user, version),
            "can_file": permissions.can_file_version(user, version),
            "can_publish": permissions.can_publish_version(user, version),
            "can_start": version.status == Status.PUBLISHED
            and permissions.can_start_version(user, version.catalog.unit),
            "review_form": ReviewForm(),
            "exclusion_form": ExclusionForm(),
            "other_versions": version.catalog.versions.exclude(pk=version.pk),
        },
    )


@login_required
def item_edit(request, pk, item_pk=None):
    version = _version_for(request, pk, permissions.can_edit_version)
    item = get_object_or_404(CatalogItem, pk=item_pk, version=version) if item_pk else None
    form = ItemForm(request.POST or None, initial=ItemForm.initial_from(item) if item else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(
                version=version,
                actor=request.user,
                item=item,
                data=form.item_data(item.guideline_item_id if item else None),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存公开事项。")
            return redirect("catalogs:version", pk=version.pk)
    return render(
        request, "catalogs/item_form.html", {"version": version, "item": item, "form": form}
    )


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    version = _version_for(request, pk, permissions.can_edit_version)
    item = get_object_or_404(CatalogItem, pk=item_pk, version=version)
    services.item_delete(item=item, actor=request.user)
    messages.success(request, f"已删除“{item}”。")
    return redirect("catalogs:version", pk=version.pk)


@login_required
@require_POST
def exclusion_save(request, pk, guideline_item_pk):
    version = _version_for(request, pk, permissions.can_edit_version)
    guideline_item = get_object_or_404(
        GuidelineItem, pk=guideline_item_pk, guideline__domain=version.catalog.domain
    )
    form = ExclusionForm(request.POST)
    if form.is_valid():
        services.exclusion_record(
            version=version, guideline_item=guideline_item, actor=request.user, **form.cleaned_data
        )
        messages.success(request, f"已记录“{guideline_item}”不列入的理由。")
    else:
        messages.error(request, "不列入标准目录的事项须写明理由和法律依据。")
    return redirect("catalogs:version", pk=version.pk)


def _step(request, pk, allowed, run, done: str):
    """One workflow step from a button: check who may, run the service, report the outcome."""
    version = _version_for(request, pk, allowed)
    try:
        run(version)
        messages.success(request, done)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("catalogs:version", pk=version.pk)


@login_required
@require_POST
def version_submit(request, pk):
    return _step(
        request,
        pk,
        permissions.can_submit_version,
        lambda v: services.version_submit(version=v, actor=request.user),
        "已提交。",
    )


@login_required
@require_POST
def version_review(request, pk):
    """Counterpart approvers approve or return; the office may return what it is asked to file."""
    version = _version_for(request, pk)
    user = request.user
    may_review = permissions.can_review_version(user, version)
    may_return_as_office = permissions.can_file_version(user, version)
    if not (may_review or may_return_as_office):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择审核结论并填写书面审核意见。")
        return redirect("catalogs:version", pk=version.pk)
    approve = form.cleaned_data["decision"] == "approve"
    if approve and not may_review:
        raise Http404
    try:
        services.version_review(
            version=version,
            actor=user,
            approve=approve,
            text=form.cleaned_data["text"],
            reviewer_unit=permissions.reviewer_unit_for(user, version),
        )
        messages.success(request, "已审核通过。" if approve else "已退回修改。")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("catalogs:version", pk=version.pk)


@login_required
@require_POST
def version_file(request, pk):
    note = request.POST.get("note", "")
    return _step(
        request,
        pk,
        permissions.can_file_version,
        lambda v: services.version_file(version=v, actor=request.user, note=note),
        "已备案。",
    )


@login_required
@require_POST
def version_publish(request, pk):
    return _step(
        request,
        pk,
        permissions.can_publish_version,
        lambda v: services.version_publish(version=v, actor=request.user),
        "已发布。",
    )


@login_required
@require_POST
def version_new(request, pk):
    """Start the next version of a published catalog (a published version is never edited)."""
    version = _version_for(request, pk)
    if version.status != Status.PUBLISHED or not permissions.can_start_version(
        request.user, version.catalog.unit
    ):
        raise Http404
    try:
        new = services.version_start(catalog=version.catalog, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("catalogs:version", pk=version.pk)
    return redirect("catalogs:version", pk=new.pk)


@login_required
def version_compare(request, pk, other_pk):
    version = _version_for(request, pk)
    other = _version_for(request, other_pk)
    if other.catalog_id != version.catalog_id:
        raise Http404
    old, new = sorted([version, other], key=lambda v: v.number)
    return render(
        request,
        "catalogs/compare.html",
        {"old": old, "new": new, "diff": selectors.versions_compare(old, new)},
    )


def _board(request):
    """Units × domains for the office; each unit sees its own row. Filters from the query."""
    if is_office_admin(request.user):
        units = Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWN]).active()
    else:
        units = Unit.objects.filter(memberships__user=request.user).distinct()
    batch = request.GET.get("batch", "")
    if batch.isdigit():
        units = units.filter(batch__number=int(batch))
    domains = Domain.objects.all()
    domain_code = request.GET.get("domain", "")
    if domain_code:
        domains = domains.filter(code=domain_code)
    units = units.select_related("batch").order_by("kind", "sort_order")
    today = timezone.localdate()
    rows = selectors.progress_board(units=list(units), domains=list(domains), today=today)
    return {
        "rows": rows,
        "today": today,
        "batch": batch,
        "domain_code": domain_code,
        "state": request.GET.get("state", ""),
    }


@login_required
def progress_board(request):
    context = _board(request)
    return render(
        request,
        "catalogs/board.html",
        {
            **context,
            "all_domains": Domain.objects.all(),
            "states": [("none", "未编制"), *Status.choices],
            "query": request.GET.urlencode(),
        },
    )


@login_required
def progress_board_export(request):
    """The board as xlsx, with the same filters as the page."""
    context = _board(request)
    workbook = excel_export.board_workbook(
        context["rows"], today=context["today"], state=context["state"]
    )
    return _xlsx_response(workbook, f"标准目录编制进度-{context['today']:%Y%m%d}.xlsx")


@login_required
def catalog_import(request, unit_code):
    """An editor imports an Excel catalog into the unit's draft; all or nothing."""
    unit = get_unit_for_member(request.user, unit_code)
    if not permissions.can_start_version(request.user, unit):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        domain, upload = form.cleaned_data["domain"], form.cleaned_data["file"]
        guideline = selectors.guideline_for(domain)
        try:
            imported = read_catalog_xlsx(
                upload, single_mode=guideline.single_mode if guideline else False
            )
            version, created = services.version_import(
                unit=unit,
                domain=domain,
                items=imported.items,
                actor=request.user,
                source_name=upload.name,
            )
        except CatalogFileError as exc:
            form.add_error("file", list(exc.errors))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"已导入到{version}({'新建草稿' if created else '替换草稿内容'}):"
                f"读取 {imported.rows_read} 行,公开事项 {len(imported.items)} 项,"
                f"无法识别的公开时限 {len(imported.unparsed)} 处。",
            )
            for row, text in imported.unparsed:
                messages.warning(request, f"第{row}行的公开时限“{text}”无法识别,请核对。")
            for warning in title_warnings(imported, unit_name=unit.name, domain_name=domain.name):
                messages.warning(request, warning + ",请确认导入的是本单位本领域的目录。")
            return redirect("catalogs:version", pk=version.pk)
    return render(request, "catalogs/import.html", {"unit": unit, "form": form})


def _xlsx_response(workbook, filename: str) -> HttpResponse:
    response = HttpResponse(
        excel_export.to_bytes(workbook),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def version_export(request, pk):
    """The version as an xlsx in the standard layout (it imports back unchanged)."""
    version = _version_for(request, pk)
    return _xlsx_response(
        excel_export.version_workbook(version), excel_export.version_filename(version)
    )
