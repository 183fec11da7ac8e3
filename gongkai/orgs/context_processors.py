from gongkai.orgs.permissions import is_office_admin


def staff_nav(request):
    """Navigation flags for the staff workspace, from the one permissions module."""
    user = getattr(request, "user", None)
    if user is None or not request.path.startswith(("/staff/", "/admin/")):
        return {}
    return {"nav_office_admin": is_office_admin(user)}
