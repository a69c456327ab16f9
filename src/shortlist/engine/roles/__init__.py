"""From a client's brief to a weighted, explained role.

Takes role YAML (``rolefile``: strict, every issue with its path), a pasted job description (``jd``: a
draft with notes), a project playbook (``playbooks``, ``data/playbooks/*.yaml``) and a growth plan
(``growth``: scale pressure); gives ``RoleSpec`` and the weighted ``RoleProfile`` (``weighting``).
Imports ``vocab`` and ``cv`` (skill mentions in a JD, title units, places).
"""
