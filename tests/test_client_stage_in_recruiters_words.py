"""A client's stage is read in the words recruiters use: funding rounds, pre-IPO, "startup"."""

from __future__ import annotations

import pytest

from shortlist.engine.roles.rolefile import RoleFileError, dump_role_yaml, parse_role_yaml
from shortlist.engine.vocab.enums import ClientStage


@pytest.mark.parametrize(
    ("written", "stage"),
    [
        ("series-b", ClientStage.SERIES_B),
        ("Series B", ClientStage.SERIES_B),
        ("series_a", ClientStage.SERIES_A),
        ("Series C", ClientStage.SERIES_C),
        ("pre IPO", ClientStage.PRE_IPO),
        ("seed", ClientStage.SEED),
        ("startup", ClientStage.START_UP),
        ("scale-up", ClientStage.SCALE_UP),
    ],
)
def test_the_role_file_accepts_the_stage_as_recruiters_write_it(written: str, stage: ClientStage) -> None:
    spec, _ = parse_role_yaml(f"title: X\nclient: {{name: Acme, stage: {written}}}\n", "r.yaml")
    assert spec.client.stage is stage
    # Written back in its canonical spelling, which reads back the same.
    again, _ = parse_role_yaml(dump_role_yaml(spec), "again.yaml")
    assert again.client.stage is stage and f"stage: {stage.value}" in dump_role_yaml(spec)


def test_an_unknown_stage_is_still_refused_with_the_accepted_words() -> None:
    with pytest.raises(RoleFileError) as caught:
        parse_role_yaml("title: X\nclient: {name: Acme, stage: unicorn}\n", "r.yaml")
    assert caught.value.path == "client.stage"
    assert "series-b" in caught.value.message and "pre-ipo" in caught.value.message


def test_funding_rounds_have_their_usual_labels() -> None:
    labels = dict(ClientStage.choices())
    assert labels["series-b"] == "Series B" and labels["pre-ipo"] == "Pre-IPO"
