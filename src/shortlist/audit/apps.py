from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shortlist.audit"
    label = "audit"
    verbose_name = "Audit and oversight"
