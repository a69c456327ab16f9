"""The REST API (django-ninja) under /api/v1: personal tokens, one error body, per-token rate limits."""
