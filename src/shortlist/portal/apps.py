from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "shortlist.portal"
    label = "portal"
    verbose_name = "Client portal"
