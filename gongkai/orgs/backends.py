"""Model permissions for the Django admin, derived from memberships.

The openness office maintains reference data (units, domains, the calendar)
in the admin. Rather than keeping Django groups in step with memberships, an
office admin is granted the admin permissions of Gongkai's reference models.
"""

from gongkai.orgs.permissions import is_office_admin

REFERENCE_APPS = {"orgs", "core", "catalogs", "records", "foi"}
# Written by services only (audit events; catalogs and their workflow); read-only in the admin.
READ_ONLY_MODELS = {
    "core.auditevent",
    "foi.inforequest",
    "catalogs.catalog",
    "catalogs.catalogversion",
    "catalogs.catalogitem",
    "catalogs.catalogevent",
    "catalogs.reviewopinion",
    "catalogs.coverageexception",
    "records.record",
}


class OfficeAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        app_label, _, codename = perm.partition(".")
        if app_label not in REFERENCE_APPS:
            return False
        action, _, model = codename.partition("_")
        if f"{app_label}.{model}" in READ_ONLY_MODELS and action != "view":
            return False
        return _is_office_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return app_label in REFERENCE_APPS and _is_office_admin(user_obj)


def _is_office_admin(user) -> bool:
    # The admin asks dozens of times per page; like ModelBackend's _perm_cache,
    # the answer is kept on the user object, which lives for one request.
    if not hasattr(user, "_gongkai_office_admin"):
        user._gongkai_office_admin = is_office_admin(user)
    return user._gongkai_office_admin
