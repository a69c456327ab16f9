from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "shortlist.background"
    label = "background"
    verbose_name = "Background tasks"
