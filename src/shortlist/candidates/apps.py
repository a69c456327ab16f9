from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "shortlist.candidates"
    label = "candidates"
