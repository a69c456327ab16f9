from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "shortlist.web"
    label = "web"
