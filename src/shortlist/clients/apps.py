from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "shortlist.clients"
    label = "clients"
