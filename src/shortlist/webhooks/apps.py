from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "shortlist.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
