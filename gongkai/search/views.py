"""The public search page, /sousuo/: a GET form, results with highlighted snippets, pages."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.search import services
from gongkai.search.forms import SearchForm


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), services.MAX_PAGE))
    except ValueError:
        return 1


@require_GET
def search_page(request):
    form = SearchForm(request.GET or None)
    arguments = form.search_arguments() if request.GET else {"query": ""}
    searched = bool(request.GET)
    result = services.search(**arguments, page=_page_number(request.GET.get("page")))
    # The same query string without `page`, for the pager links.
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {"form": form, "result": result, "searched": searched, "params": params.urlencode()},
    )
