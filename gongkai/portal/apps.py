from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public site. Owns no models; reads through the domain apps' selectors."""

    name = "gongkai.portal"
    label = "portal"
    verbose_name = "公众门户"
