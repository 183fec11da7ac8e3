"""Staff pages of disclosure on request (placeholder until the workbench lands)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def workbench(request):
    return HttpResponse("")
