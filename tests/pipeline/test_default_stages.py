"""`default_stages(options)`: the one article stage list every entry point runs."""

from __future__ import annotations

from pathlib import Path

from newsloom.enrich import Enricher
from newsloom.options import Options
from newsloom.pipeline import Pipeline, default_stages


def test_default_stages_follow_the_options() -> None:
    assert default_stages(Options()) == []
    assert default_stages(Options(enrich=False, model="xx_model")) == []
    [stage] = default_stages(Options(enrich=True, model="xx_model"))
    assert isinstance(stage, Enricher) and stage.model == "xx_model"


def test_pipeline_stages_default_to_the_default_stages(tmp_path: Path) -> None:
    with Pipeline(tmp_path / "a.db", Options(enrich=True)) as pipeline:
        assert [type(stage) for stage in pipeline.stages] == [Enricher]
    with Pipeline(tmp_path / "b.db") as pipeline:
        assert pipeline.stages == []
    with Pipeline(tmp_path / "c.db", Options(enrich=True), stages=[]) as pipeline:
        assert pipeline.stages == []
