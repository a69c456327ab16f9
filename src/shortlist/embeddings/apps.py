from django.apps import AppConfig


class EmbeddingsConfig(AppConfig):
    name = "shortlist.embeddings"
    label = "embeddings"
    verbose_name = "Embeddings"
