from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "shortlist.candidates"
    label = "candidates"

    def ready(self) -> None:
        from shortlist.background.sweeps import register
        from shortlist.candidates.uploads import uploads_enqueue_unqueued

        register(uploads_enqueue_unqueued)
