from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shortlist.api"
    label = "api"
    verbose_name = "API"
