from django.conf import settings


def shell(request):
    """What every page's layout needs."""
    return {"site_name": settings.SITE_NAME}
