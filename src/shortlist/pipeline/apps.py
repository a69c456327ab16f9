from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "shortlist.pipeline"
    label = "pipeline"
