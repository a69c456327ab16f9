from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shortlist.accounts"
    label = "accounts"
