"""A Hadoop admin's NameNode is not Node.js: cluster machines called "nodes" are not the runtime."""

from __future__ import annotations

import pytest

from shortlist.engine.cv.extract import extract_mentions
from shortlist.engine.vocab.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()


def skills(text: str, section: str = "other") -> set[str]:
    return {m.skill for m in extract_mentions(text, TAXONOMY, section)}


@pytest.mark.parametrize(
    "text",
    [
        "Cluster Size: 96 Node Cluster.",
        "Technologies: Hadoop, Yarn, Hive, Sqoop, HBase\nCluster Size: 96 Node Cluster.",
        "Configured the Name Node and Data Node on a 40 node Hadoop cluster.",
        "Monitored Node Manager and Resource Manager health in YARN.",
        "Skills: Hadoop, Name Node, Data Node, Hive",
    ],
)
def test_a_hadoop_admins_nodes_are_not_node_js(text: str) -> None:
    assert "node-js" not in skills(text)


@pytest.mark.parametrize(
    "text",
    [
        "Built REST APIs in Node.js and Express.",
        "Skills: Node, React, MongoDB",
        "Backend: Node, Express",
        "Wrote Node 18 services for the booking flow.",
    ],
)
def test_node_the_runtime_is_still_read(text: str) -> None:
    assert "node-js" in skills(text)
