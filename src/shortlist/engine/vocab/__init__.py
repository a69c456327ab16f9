"""The vocabulary every other engine package speaks.

Takes the shipped skill files (``data/skills*.yaml``) and an optional user ``skills.yaml``; gives the
``Taxonomy`` (skills, aliases, implications, related skills, context rules), the controlled values as
StrEnums (``enums``: seniority, work mode, scale metric, stage…) and the ``Profile`` dataclasses a CV
becomes. Imports nothing else from the engine.
"""
