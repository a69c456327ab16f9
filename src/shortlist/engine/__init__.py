"""The framework-free core of Shortlist, read as the pipeline it runs.

    vocab/     the shared vocabulary: skill taxonomy, controlled values (StrEnums), the Profile dataclasses
    cv/        a CV file or text -> sections, contact, dated jobs, evidenced skills, scale -> Profile
    roles/     a role file, JD text, a playbook and a growth plan -> RoleSpec -> weighted RoleProfile
    matching/  (id, Profile) pairs -> columnar CandidateIndex; RoleProfile -> ranked, explained Matches

Imports run one way only: vocab <- cv <- roles <- matching. Nothing here imports Django
(tests/test_engine_layers.py checks both), so the CLI, benchmarks and workers use it directly.
"""
