"""From profiles and a role to a ranked, explained shortlist.

Takes ``(id, Profile)`` pairs and a ``RoleProfile``; gives a ``CandidateIndex`` (``index``, over the shared
encodings in ``columns``), scores (``scoring``), ranked ``Match`` results with reasons, gaps and
counterfactuals (``match``, ``explain``), boolean ``Query`` search (``search``) and optional semantic
re-ranking (``semantic``). Imports ``vocab``, ``cv`` and ``roles``.
"""
