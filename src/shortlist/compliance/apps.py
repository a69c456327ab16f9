from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "shortlist.compliance"
    label = "compliance"
    verbose_name = "Data protection"
