"""The Content-Security-Policy header on every response (Django 5.2 has none built in).

The policy allows scripts, styles, fonts, frames and connections from this origin
only, so an injected <script>, an inline event handler, a javascript: link or a
style="" attribute does nothing even if it slipped past the sanitiser. Templates
therefore carry no inline <script>, <style> or style attributes: page scripts
live in static files (gongkai/core/static/gongkai/). Images may also be data:
URLs, which Django's admin uses for its icons in CSS.
"""

from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # X-Frame-Options DENY says the same to older browsers.
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds CONTENT_SECURITY_POLICY unless the view set its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's DEBUG error pages are built with inline styles and scripts; they
        # never reach a production visitor, so they are left readable.
        if settings.DEBUG and response.status_code >= 400:
            return response
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
