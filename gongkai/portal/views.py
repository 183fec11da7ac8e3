from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs import selectors
from gongkai.orgs.models import Unit
from gongkai.portal import selectors as portal_selectors


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "towns": selectors.towns().select_related("successor"),
            "departments": Unit.objects.filter(kind=Unit.Kind.DEPARTMENT),
            "domains": selectors.responsibilities_by_domain(),
        },
    )


# Published catalogs (标准目录). A published version never changes: a new
# publication is a new version with its own pk and published_at, so the ETag and
# the cache key below change with it and nothing needs purging on publish.

# Bump when the catalog table's markup changes, so that browsers holding an old
# ETag and cached tables from before the deploy are not served again.
CATALOG_PAGE_REVISION = 1
CATALOG_TABLE_CACHE_SECONDS = 24 * 3600


def catalog_index(request):
    """Units with a published catalog, towns first, each with its domains."""
    return render(
        request,
        "portal/catalog_index.html",
        {"groups": portal_selectors.published_catalogs_by_unit()},
    )


def catalog_unit(request, unit_code: str):
    """One unit's published catalogs; a unit with none is answered like an unknown one."""
    catalogs = list(portal_selectors.published_catalogs().filter(unit__code=unit_code))
    if not catalogs:
        raise Http404
    return render(
        request, "portal/catalog_unit.html", {"unit": catalogs[0].unit, "catalogs": catalogs}
    )


@dataclass
class CatalogPage:
    """The version shown and every public version of its catalog, newest first."""

    version: CatalogVersion
    versions: list[CatalogVersion]

    @property
    def current(self) -> CatalogVersion | None:
        return next((v for v in self.versions if v.status == CatalogVersion.Status.PUBLISHED), None)

    @property
    def stamps(self) -> list[str]:
        """What the page depends on: the version shown and, for an earlier one, the newest."""
        shown = dict.fromkeys([self.version, self.versions[0]])
        return [_stamp(v) for v in shown]


def _stamp(version: CatalogVersion) -> str:
    published_at = version.published_at
    return f"{version.pk}-{published_at:%Y%m%d%H%M%S%f}" if published_at else f"{version.pk}"


def _catalog_page(request, unit_code: str, domain_code: str, number: int | None = None):
    """Load the page once per request (the ETag, Last-Modified and view all need it)."""
    page = getattr(request, "_catalog_page", None)
    if page is None:
        version = portal_selectors.public_version(unit_code, domain_code, number)
        if version is None:
            raise Http404
        versions = list(portal_selectors.public_versions(version.catalog))
        page = request._catalog_page = CatalogPage(version=version, versions=versions)
    return page


def _catalog_etag(request, unit_code, domain_code, number=None) -> str:
    page = _catalog_page(request, unit_code, domain_code, number)
    return f"catalog-{CATALOG_PAGE_REVISION}-" + ".".join(page.stamps)


def _catalog_last_modified(request, unit_code, domain_code, number=None):
    page = _catalog_page(request, unit_code, domain_code, number)
    return max((v.published_at for v in page.versions if v.published_at), default=None)


def _catalog_table_html(version: CatalogVersion) -> str:
    key = f"portal:catalog-table:{CATALOG_PAGE_REVISION}:{_stamp(version)}"
    html = cache.get(key)
    if html is None:
        table = portal_selectors.catalog_table(version)
        html = render_to_string("portal/_catalog_table.html", {"table": table})
        cache.set(key, html, CATALOG_TABLE_CACHE_SECONDS)
    # Rendered (and escaped) by the template above; a cache backend may return a plain str.
    return mark_safe(html)


# "no-cache" lets browsers and proxies store the page but makes them revalidate
# it every time; the ETag turns that into a 304 until a new version is published.
@cache_control(public=True, no_cache=True)
@condition(etag_func=_catalog_etag, last_modified_func=_catalog_last_modified)
def catalog_page(request, unit_code: str, domain_code: str, number: int | None = None):
    """The standard table of the published version, or of an earlier published one."""
    page = _catalog_page(request, unit_code, domain_code, number)
    version = page.version
    return render(
        request,
        "portal/catalog_page.html",
        {
            "version": version,
            "unit": version.catalog.unit,
            "domain": version.catalog.domain,
            "versions": page.versions,
            "current": page.current,
            "table_html": _catalog_table_html(version),
        },
    )


def record_list(request):
    """公开的政府信息, newest first, optionally for one unit."""
    unit_code = request.GET.get("unit", "")
    paginator = Paginator(portal_selectors.published_records(unit_code=unit_code), 30)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "portal/record_list.html", {"page": page, "unit_code": unit_code})


def _public_record(pk: int):
    record = portal_selectors.public_record(pk)
    if record is None:
        raise Http404
    return record


def record_page(request, pk: int):
    """A published record with its interpretations (and, for an interpretation, its policy)."""
    record = _public_record(pk)
    return render(
        request,
        "portal/record_page.html",
        {
            "record": record,
            "interpretations": record.interpretations.filter(published_at__isnull=False),
            "attachments": record.attachments.all(),
            "replaces": record.replaces.filter(status=record.Status.PUBLISHED),
        },
    )


def interpretation_page(request, pk: int, interpretation_pk: int):
    record = _public_record(pk)
    interpretation = get_object_or_404(
        record.interpretations.filter(published_at__isnull=False), pk=interpretation_pk
    )
    return render(
        request,
        "portal/interpretation_page.html",
        {"record": record, "interpretation": interpretation},
    )


def record_file(request, pk: int, attachment_pk: int):
    record = _public_record(pk)
    attachment = get_object_or_404(record.attachments, pk=attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def _error(request, status: int, heading: str, explanation: str):
    return render(
        request, "error.html", {"heading": heading, "explanation": explanation}, status=status
    )


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "页面无法处理这个请求,请检查后重试。")


def forbidden(request, exception=None):
    return _error(request, 403, "请求被拒绝", "请刷新页面后重试;如仍有问题,请联系网站管理员。")


def not_found(request, exception=None):
    return _error(request, 404, "页面不存在", "您访问的页面不存在或已被移除。")


def server_error(request):
    return _error(request, 500, "服务暂时不可用", "系统出现问题,已记录,请稍后再试。")


def csrf_failure(request, reason=""):
    return _error(
        request, 403, "页面已过期", "表单已过期或浏览器禁用了 Cookie,请返回上一页刷新后重新提交。"
    )
