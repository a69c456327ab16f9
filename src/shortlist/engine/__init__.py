"""The framework-free core of Shortlist: vocabulary, extraction, role modelling, scoring and index.

Nothing under this package imports Django: the CLI, benchmarks and workers use it directly.
"""
