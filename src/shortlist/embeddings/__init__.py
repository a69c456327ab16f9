"""Stored passage vectors for semantic re-ranking (issue 8): computed by a chunked, resumable background
job (`shortlist embed`), read by `pipeline.selectors.shortlist_for_role` for the candidates it re-ranks."""
