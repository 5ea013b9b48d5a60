"""Shards and resume: what a run wrote is recorded per shard, and a resumed run skips
it, redoing only what was not written (a killed run's last batch)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsloom.ingest import read_inputs
from newsloom.options import Options
from newsloom.pipeline import Pipeline
from newsloom.pipeline.shards import ShardReader, fingerprint
from newsloom.pipeline.stages import ArticleStage
from newsloom.record import Article, RunCounts
from newsloom.store import Store, StoreBusy, open_store
from tests.pipeline.corpus import write_corpus
from tests.scale.inputs import store_records, write_lines, write_mixed_folder
from tests.scale.stages import InterruptOnce, KillOnce, Notes, noted

REPO = Path(__file__).resolve().parents[2]


def _run(
    db: Path,
    inputs: list[Path],
    stages: list[ArticleStage],
    *,
    resume: bool = True,
    batch_size: int = 4,
    shard_items: int = 8,
    store: Store | None = None,
) -> Pipeline:
    pipeline = Pipeline(
        store if store is not None else open_store(db),
        Options(),
        stages=stages,
        resume=resume,
        batch_size=batch_size,
        shard_items=shard_items,
    )
    return pipeline


def _ingest(
    db: Path, inputs: list[Path], stages: list[ArticleStage], **kwargs: object
) -> RunCounts:
    with _run(db, inputs, stages, **kwargs) as pipeline:  # type: ignore[arg-type]
        return pipeline.ingest(inputs).counts


def test_a_resumed_run_skips_files_already_written_and_reads_new_ones(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 6)
    log = tmp_path / "notes"
    db = tmp_path / "s.db"
    first = _ingest(db, [corpus], [Notes(log)])
    assert first.stored == 6 and len(noted(log)) == 6
    write_corpus(tmp_path / "more", 8)
    os.replace(tmp_path / "more" / "page00007.html", corpus / "page00007.html")
    log.unlink()
    with _run(db, [corpus], [Notes(log)]) as pipeline:
        result = pipeline.ingest([corpus])
    assert [Path(key).name for key in noted(log)] == ["page00007.html"]
    assert result.counts.stored == 1 and result.counts.read == 1
    assert (result.skipped.files, result.skipped.records) == (6, 0)


def test_a_changed_file_or_other_options_are_done_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    db = tmp_path / "s.db"
    log = tmp_path / "notes"
    _ingest(db, [corpus], [])
    page = corpus / "page00001.html"
    page.write_text(page.read_text() + "<!-- edited -->")
    _ingest(db, [corpus], [Notes(log)])  # other stages: every file again
    assert len(noted(log)) == 3
    log.unlink()
    page.write_text(page.read_text() + "<!-- again -->")
    _ingest(db, [corpus], [Notes(log)])
    assert [Path(key).name for key in noted(log)] == ["page00001.html"]


def test_without_resume_everything_is_read_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    db = tmp_path / "s.db"
    _ingest(db, [corpus], [])
    counts = _ingest(db, [corpus], [], resume=False)
    assert counts.read == 3 and counts.unchanged == 3


def test_an_interrupted_run_resumes_at_its_unwritten_batch(tmp_path: Path) -> None:
    """A JSONL file of 30 records in shards of 8 and batches of 4: stopped at record 18
    (0-based 17, in the batch of records 16-19), the rerun starts at record 16."""
    lines = write_lines(tmp_path / "in" / "big.jsonl", 30)
    _ingest(tmp_path / "calm.db", [lines], [])
    db, log, marker = tmp_path / "s.db", tmp_path / "notes", tmp_path / "marker"
    marker.touch()
    stages: list[ArticleStage] = [Notes(log), InterruptOnce(marker, "day 17,")]
    with pytest.raises(KeyboardInterrupt):
        _ingest(db, [lines], stages)
    assert len(noted(log)) == 20  # the notes stage saw batches 0-4 (records 0-19)
    with _run(db, [lines], stages) as pipeline:
        result = pipeline.ingest([lines])
    assert noted(log)[20:] == [f"{lines}#line:{n}" for n in range(17, 31)]
    assert result.skipped.records == 16 and result.counts.stored == 14
    assert store_records(db) == store_records(tmp_path / "calm.db")
    with open_store(db) as store:
        assert [run.status for run in store.runs(2)] == ["finished", "interrupted"]


def test_shards_of_a_big_file_are_recorded_as_they_finish(tmp_path: Path) -> None:
    lines = write_lines(tmp_path / "big.jsonl", 20)
    db, marker = tmp_path / "s.db", tmp_path / "marker"
    marker.touch()
    stages: list[ArticleStage] = [InterruptOnce(marker, "day 14,")]
    with pytest.raises(KeyboardInterrupt):
        _ingest(db, [lines], stages)
    with open_store(db) as store:
        prints = fingerprint(Options(), stages)
        reader = ShardReader(Options(), prints, store, resume=True, shard_items=8)
        tags = [entry[1] for entry in reader.entries([str(lines)]) if isinstance(entry, tuple)]
        states = [store.shard_state(tag.shard) for tag in tags if tag]  # type: ignore[attr-defined]
    # Records 0-7 are a finished shard; of 8-15, the batch 8-11 was written.
    assert reader.skipped.records == 12
    assert len(tags) == 8 and states == [(4, False)] * 4 + [None] * 4


class _BusyOnce:
    """A store whose save of the article with `trigger` in its text is busy once."""

    def __init__(self, store: Store, trigger: str) -> None:
        self.store = store
        self.trigger = trigger

    def save(self, article: Article) -> object:
        if self.trigger and self.trigger in article.text:
            self.trigger = ""
            raise StoreBusy("locked by another writer")
        return self.store.save(article)

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_an_input_the_store_was_too_busy_for_is_done_again_on_resume(tmp_path: Path) -> None:
    lines = write_lines(tmp_path / "big.jsonl", 12)
    db = tmp_path / "s.db"
    log = tmp_path / "notes"
    busy = _BusyOnce(open_store(db), "day 5,")
    with _run(db, [lines], [Notes(log)], store=busy) as pipeline:  # type: ignore[arg-type]
        first = pipeline.ingest([lines]).counts
    assert first.dropped == {"store_busy": 1} and first.stored == 11
    with _run(db, [lines], [Notes(log)]) as pipeline:
        second = pipeline.ingest([lines])
    # The shard of records 0-7 stopped before the busy one; records 8-11 were finished.
    assert noted(log)[12:] == [f"{lines}#line:{n}" for n in range(6, 9)]
    assert second.counts.stored == 1 and second.counts.unchanged == 2


def test_shard_reading_gives_the_items_read_inputs_gives(tmp_path: Path) -> None:
    folder = write_mixed_folder(tmp_path / "in")
    (folder / "empty").mkdir()
    (folder / "zero.html").write_bytes(b"")
    os.symlink("nowhere", folder / "dangling.html")
    names = [
        str(folder),
        str(folder / "empty"),
        str(tmp_path / "missing.html"),
        str(folder / "*.warc"),
    ]
    expected = list(read_inputs(names))
    reader = ShardReader(Options(), "x", None, resume=False, shard_items=5)
    items = [entry[0] for entry in reader.entries(names) if isinstance(entry, tuple)]
    assert items == expected


@pytest.mark.slow
def test_a_run_killed_mid_shard_loses_only_its_unwritten_batch(tmp_path: Path) -> None:
    """A real kill (SIGKILL of the ingesting process, mid-batch); a resumed run redoes the
    batch it was in, and the store ends as an uninterrupted run's."""
    lines = write_lines(tmp_path / "big.jsonl", 30)
    _ingest(tmp_path / "calm.db", [lines], [])
    db, marker, log = tmp_path / "s.db", tmp_path / "marker", tmp_path / "notes"
    marker.touch()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsloom.pipeline import Pipeline\n"
        "from tests.scale.stages import KillOnce, Notes\n"
        "db, lines, marker, log = map(Path, sys.argv[1:])\n"
        "stages = [Notes(log), KillOnce(marker, 'day 21,')]\n"
        "with Pipeline(db, stages=stages, resume=True, batch_size=4, shard_items=8) as p:\n"
        "    p.ingest([lines])\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(db), str(lines), str(marker), str(log)],
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -9, child.stderr.decode()[-2000:]
    assert len(noted(log)) == 24  # batches 0-5: the kill came in the sixth
    with _run(db, [lines], [Notes(log), KillOnce(marker, "day 21,")]) as pipeline:
        result = pipeline.ingest([lines])
    assert noted(log)[24:] == [f"{lines}#line:{n}" for n in range(21, 31)]
    assert result.skipped.records == 20
    assert store_records(db) == store_records(tmp_path / "calm.db")
    with open_store(db) as store:
        assert [run.status for run in store.runs(2)] == ["finished", "interrupted"]
