from django.shortcuts import render

from gongkai.orgs import selectors
from gongkai.orgs.models import Unit


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
