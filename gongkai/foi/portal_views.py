"""Public pages of disclosure on request (placeholder until the intake form lands)."""

from django.http import HttpResponse


def apply(request):
    return HttpResponse("")
