import hashlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import condition, conditional_page

from gongkai.catalogs.models import CatalogVersion
from gongkai.orgs import selectors
from gongkai.orgs.models import Unit
from gongkai.portal import selectors as portal_selectors
from gongkai.portal.selectors import PublicVersion
from gongkai.records.models import Record

# Caching public pages. Every anonymous visitor gets the same bytes, and nothing on
# these pages reads the session or sets a cookie, so browsers and shared caches may
# store them ("public"). "no-cache" makes them revalidate each use: the ETag turns
# that into a cheap 304. The nginx micro-cache in deploy/ keeps them a few seconds
# on its own terms (it skips requests carrying a session or flash-message cookie).


def _personal(request) -> bool:
    """Whether the page may differ for this visitor: a signed-in user or a pending flash message."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


def public_page(view):
    """Mark the response storable by anyone, unless the visitor's own state may show on it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if _personal(request):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapper


# conditional_page gives pages without a cheap version of their own an ETag hashed
# from the body: it saves the bytes on the wire (a 304), not the rendering.
@public_page
@conditional_page
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "towns": selectors.towns().select_related("successor"),
            "departments": Unit.objects.filter(kind=Unit.Kind.DEPARTMENT),
            "domains": selectors.responsibilities_by_domain(),
            "latest": portal_selectors.published_records()[:10],
        },
    )


# Published catalogs (标准目录). A published version never changes: a new
# publication is a new version with its own pk and published_at, so the ETag and
# the cache key below change with it and nothing needs purging on publish.

# Bump when the catalog table's markup changes, so that browsers holding an old
# ETag and cached tables from before the deploy are not served again.
# (2: the page's inline <style> and script moved to static files for the CSP;
# 3: each item's name links to its page of records.)
CATALOG_PAGE_REVISION = 3
CATALOG_TABLE_CACHE_SECONDS = 24 * 3600


@public_page
@conditional_page
def catalog_index(request):
    """Units with a published catalog, towns first, each with its domains."""
    return render(
        request,
        "portal/catalog_index.html",
        {"groups": portal_selectors.published_catalogs_by_unit()},
    )


@public_page
@conditional_page
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

    version: PublicVersion
    versions: list[PublicVersion]

    @property
    def current(self) -> PublicVersion | None:
        return next((v for v in self.versions if v.status == CatalogVersion.Status.PUBLISHED), None)

    @property
    def stamps(self) -> list[str]:
        """What the page depends on: the version shown and, for an earlier one, the newest."""
        shown = dict.fromkeys([self.version, self.versions[0]])
        return [_stamp(v) for v in shown]


def _stamp(version: PublicVersion) -> str:
    published_at = version.published_at
    return f"{version.pk}-{published_at:%Y%m%d%H%M%S%f}" if published_at else f"{version.pk}"


def _catalog_page(request, unit_code: str, domain_code: str, number: int | None = None):
    """Load the page once per request (the ETag, Last-Modified and view all need it)."""
    page = getattr(request, "_catalog_page", None)
    if page is None:
        # Every public version of the catalog in one query (a catalog has a few), and
        # the one shown picked from them.
        versions = portal_selectors.public_versions(unit_code, domain_code)
        if number is None:
            wanted = (v for v in versions if v.status == CatalogVersion.Status.PUBLISHED)
        else:
            wanted = (v for v in versions if v.number == number)
        version = next(wanted, None)
        if version is None:
            raise Http404
        page = request._catalog_page = CatalogPage(version=version, versions=versions)
    return page


def _catalog_etag(request, unit_code, domain_code, number=None) -> str:
    page = _catalog_page(request, unit_code, domain_code, number)
    return f"catalog-{CATALOG_PAGE_REVISION}-" + ".".join(page.stamps)


def _catalog_last_modified(request, unit_code, domain_code, number=None):
    page = _catalog_page(request, unit_code, domain_code, number)
    return max((v.published_at for v in page.versions if v.published_at), default=None)


def _catalog_table_html(version: PublicVersion) -> str:
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
# The page and its shell are Jinja2 templates (portal/jinja2/): on every uncached
# request Django's engine cost more than all the rest (PERFORMANCE.md P2).
@public_page
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
            "unit": version.unit,
            "domain": version.domain,
            "versions": page.versions,
            "current": page.current,
            "table_html": _catalog_table_html(version),
        },
        using="jinja2",
    )


@public_page
@conditional_page
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


# A record page is versioned by a stamp read from the database in one query: what
# the page shows that can change after publication (validity, replacement,
# interpretations, attachments, the records it replaces). The stamp is the ETag and
# part of the rendered page's cache key, so a change, in any web process, is seen by
# the next request: nothing needs purging, and a withdrawn record is a 404 before
# any cache is read. Bump the revision when the page's markup changes. The rest of the
# page (title, body, catalog items) is locked by approval (content_hash), and the
# unit's name is reference data, at most RECORD_PAGE_CACHE_SECONDS stale. Whatever
# is added to the page that can change after publication must join the stamp.
RECORD_PAGE_REVISION = 1
RECORD_PAGE_CACHE_SECONDS = 3600


def _stamp_sql() -> str:
    """One statement for the stamp; raw, because building the equivalent ORM query
    (three aggregated relations) cost more than the rest of a cached page view."""
    record = Record._meta
    interpretations = Record._meta.get_field("interpretations")
    attachments = Record._meta.get_field("attachments")
    i_table, i_fk = interpretations.related_model._meta.db_table, interpretations.field.column
    a_table, a_fk = attachments.related_model._meta.db_table, attachments.field.column
    # Public means what portal_selectors.published_records() says: published and proactive.
    return f"""
        SELECT r.published_at, r.validity, r.validity_changed_on, r.replaced_by_id,
          (SELECT COUNT(*) FROM {i_table} i WHERE i.{i_fk} = r.id AND i.published_at IS NOT NULL),
          (SELECT MAX(i.published_at) FROM {i_table} i WHERE i.{i_fk} = r.id),
          (SELECT COUNT(*) FROM {a_table} a WHERE a.{a_fk} = r.id),
          (SELECT MAX(a.id) FROM {a_table} a WHERE a.{a_fk} = r.id),
          (SELECT COUNT(*) FROM {record.db_table} x
            WHERE x.replaced_by_id = r.id AND x.status = %(published)s),
          (SELECT MAX(x.validity_changed_on) FROM {record.db_table} x
            WHERE x.replaced_by_id = r.id AND x.status = %(published)s),
          (SELECT MAX(x.validity) FROM {record.db_table} x
            WHERE x.replaced_by_id = r.id AND x.status = %(published)s)
        FROM {record.db_table} r
        WHERE r.id = %(pk)s AND r.status = %(published)s AND r.disclosure = %(proactive)s
    """


RECORD_STAMP_SQL = _stamp_sql()


def _record_stamp(request, pk: int) -> str:
    """The record's version, loaded once per request (ETag and view both need it)."""
    stamp = getattr(request, "_record_stamp", None)
    if stamp is None:
        with connection.cursor() as cursor:
            cursor.execute(
                RECORD_STAMP_SQL,
                {
                    "pk": pk,
                    "published": Record.Status.PUBLISHED,
                    "proactive": Record.Disclosure.PROACTIVE,
                },
            )
            row = cursor.fetchone()
        if row is None:
            raise Http404
        digest = hashlib.blake2b(repr(row).encode(), digest_size=8).hexdigest()
        stamp = request._record_stamp = f"{pk}-{digest}"
    return stamp


def _record_etag(request, pk: int) -> str:
    return f"record-{RECORD_PAGE_REVISION}-{_record_stamp(request, pk)}"


@public_page
@condition(etag_func=_record_etag)
def record_page(request, pk: int):
    """A published record with its interpretations (and, for an interpretation, its policy)."""
    key = f"portal:record-page:{RECORD_PAGE_REVISION}:{_record_stamp(request, pk)}"
    # A page rendered for a signed-in user or with a flash message is never shared.
    shared = not _personal(request)
    if shared:
        body = cache.get(key)
        if body is not None:
            return HttpResponse(body)
    record = _public_record(pk)
    response = render(
        request,
        "portal/record_page.html",
        {
            "record": record,
            "interpretations": record.interpretations.filter(published_at__isnull=False),
            "attachments": record.attachments.all(),
            "replaces": record.replaces.filter(status=record.Status.PUBLISHED),
            # The standard-catalog items it is published under (目录事项), with their pages.
            "catalog_items": record.catalog_items.select_related(
                "version__catalog__unit", "version__catalog__domain"
            ),
        },
    )
    if shared:
        cache.set(key, response.content, RECORD_PAGE_CACHE_SECONDS)
    return response


@public_page
@conditional_page
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
