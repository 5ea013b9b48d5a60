"""The geoparsing scorer and readers on tiny invented sets in each upstream layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.eval import geoparsing as geo
from newsloom.eval.geoparsing import GeoOutput, Toponym

TEXT = "Dockers in Paris walked out; crews in Lyon and Brindlemoor joined them."
PARIS = TEXT.index("Paris")
LYON = TEXT.index("Lyon")


def test_distance_is_great_circle_km() -> None:
    assert geo.distance_km(48.8566, 2.3522, 45.764, 4.8357) == pytest.approx(392, abs=3)
    assert geo.distance_km(0, 179.5, 0, -179.5) == pytest.approx(111, abs=1)


def test_overlap_matching_is_one_to_one_and_errors_only_on_placed_gold() -> None:
    gold = (
        Toponym(PARIS, PARIS + 5, 48.8566, 2.3522),
        Toponym(LYON, LYON + 4, 45.764, 4.8357),
        Toponym(TEXT.index("Brindlemoor"), TEXT.index("Brindlemoor") + 11),  # no coordinates
    )
    found = (
        Toponym(PARIS, PARIS + 5, 48.85, 2.35),  # right
        Toponym(PARIS + 1, PARIS + 3, 0.0, 0.0),  # second overlap of one gold: unmatched
        Toponym(LYON, LYON + 4, 48.85, 2.35),  # Lyon placed in Paris: wrong by ~390 km
    )
    counts = geo.score_page(gold, GeoOutput(found, ()))
    assert (counts.gold, counts.predicted, counts.matched, counts.gold_placed) == (3, 3, 2, 2)
    metrics = geo.aggregate([counts]).metrics()
    assert metrics["precision"] == pytest.approx(2 / 3)
    assert metrics["recall"] == pytest.approx(2 / 3)
    assert metrics["acc@161"] == pytest.approx(0.5)
    assert metrics["median km"] == pytest.approx(195, abs=5)


def test_gold_span_resolution_counts_unplaced_as_misses() -> None:
    gold = (Toponym(PARIS, PARIS + 5, 48.8566, 2.3522), Toponym(LYON, LYON + 4, 45.764, 4.8357))
    placed = (Toponym(PARIS, PARIS + 5, 48.86, 2.35), Toponym(LYON, LYON + 4))
    metrics = geo.aggregate([geo.score_page(gold, GeoOutput((), placed))]).metrics()
    assert metrics["gold-span acc@161"] == pytest.approx(0.5)


def test_locate_finds_the_phrase_nearest_a_wrong_offset() -> None:
    text = "Lyon, then Paris, then Paris again."
    second = text.index("Paris", text.index("Paris") + 1)
    assert geo.locate(text, "Paris", second + 1) == second
    assert geo.locate(text, "Paris", 11) == 11
    assert geo.locate(text, "Nantes", 3) is None


def write(folder: Path, name: str, xml: str) -> Path:
    folder.mkdir(parents=True)
    (folder / name).write_text(xml, encoding="utf-8")
    return folder


def test_geovirus_offsets_are_shifted_back_by_one(tmp_path: Path) -> None:
    xml = (
        "<articles><article><source>https://wiki.example/a</source>"
        f"<text>{TEXT}</text><locations><location><name>Lyon</name>"
        f"<start>{LYON + 1}</start><end>{LYON + 5}</end><lat>45.76</lat><lon>4.84</lon>"
        "</location></locations></article></articles>"
    )
    folder = write(tmp_path / "geovirus", "GeoVirus.xml", xml)
    [page] = geo.list_pages("geovirus", folder)
    assert page.gold == (Toponym(LYON, LYON + 4, 45.76, 4.84),)
    assert geo.read_page(page.path).text == TEXT


def test_lgl_style_reads_gaztag_and_repairs_offsets(tmp_path: Path) -> None:
    xml = (
        f'<articles><article docid="7"><text>{TEXT}</text><toponyms>'
        f"<toponym><start>{PARIS - 1}</start><end>{PARIS + 4}</end><phrase>Paris</phrase>"
        "<gaztag geonameid='1'><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>"
        f"<toponym><start>{LYON}</start><end>{LYON + 4}</end><phrase>Lyon</phrase></toponym>"
        "</toponyms></article></articles>"
    )
    folder = write(tmp_path / "tr-news", "TR-News.xml", xml)
    [page] = geo.list_pages("tr-news", folder)
    assert page.gold == (Toponym(PARIS, PARIS + 5, 48.85, 2.35), Toponym(LYON, LYON + 4))


def test_geowebnews_keeps_place_types_only(tmp_path: Path) -> None:
    def toponym(name: str, kind: str) -> str:
        at = TEXT.index(name)
        return (
            f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
            f"<start>{at}</start><end>{at + len(name)}</end>"
            "<latitude>1.0</latitude><longitude>2.0</longitude></toponym>"
        )

    xml = (
        f'<articles><article file="3"><text>{TEXT}</text><toponyms>'
        f"{toponym('Paris', 'Metonymic')}{toponym('Dockers', 'Non_Lit_Expression')}"
        f"{toponym('Lyon', 'Literal')}</toponyms></article></articles>"
    )
    folder = write(tmp_path / "geowebnews", "GeoWebNews.xml", xml)
    [page] = geo.list_pages("geowebnews", folder)
    assert [t.start for t in page.gold] == [PARIS, LYON]


def test_evaluate_runs_both_systems(tmp_path: Path) -> None:
    xml = (
        "<articles><article><source>https://wiki.example/b</source>"
        f"<text>{TEXT}</text><locations><location><name>Paris</name>"
        f"<start>{PARIS + 1}</start><end>{PARIS + 6}</end><lat>48.8566</lat><lon>2.3522</lon>"
        "</location></locations></article></articles>"
    )
    folder = write(tmp_path / "geovirus", "GeoVirus.xml", xml)
    result = geo.evaluate("geovirus", folder)
    assert result.pages == 1
    ours = result.ours.score.metrics()
    assert ours["recall"] == 1.0
    assert ours["acc@161"] == 1.0
    assert ours["gold-span acc@161"] == 1.0
