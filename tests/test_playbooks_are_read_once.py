"""The playbooks a deployment uses are read once per taxonomy, not again for every role profile."""

from __future__ import annotations

from pathlib import Path

from shortlist.engine.roles.playbooks import playbooks_for
from shortlist.engine.vocab.taxonomy import default_taxonomy


def test_the_same_playbooks_come_back_until_a_file_changes(tmp_path: Path) -> None:
    taxonomy = default_taxonomy()
    first = playbooks_for(tmp_path, taxonomy)
    assert playbooks_for(tmp_path, taxonomy) is first  # no user folder: cached
    (tmp_path / "playbooks").mkdir()
    shipped = Path(__file__).parents[1] / "src/shortlist/engine/roles/data/playbooks/general.yaml"
    (tmp_path / "playbooks" / "general.yaml").write_text(shipped.read_text())
    with_folder = playbooks_for(tmp_path, taxonomy)
    assert with_folder is not first and playbooks_for(tmp_path, taxonomy) is with_folder
