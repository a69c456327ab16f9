"""The skills taxonomy this workspace uses: the shipped one plus `$SHORTLIST_HOME/skills.yaml`."""

from __future__ import annotations

from django.conf import settings

from shortlist.engine.vocab.taxonomy import Taxonomy, taxonomy_for


def workspace_taxonomy() -> Taxonomy:
    """Reloaded when the user's file changes, so a new alias applies to the next import."""
    return taxonomy_for(settings.HOME)
