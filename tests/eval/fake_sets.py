"""Tiny invented datasets in each evaluation layout, written into a temporary folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

BODIES = {
    "a1": [
        "The harbour board of Port Halden approved a new ferry schedule on Monday evening.",
        "Chairwoman Ilse Varga said the extra crossings would start in the spring season.",
        "Fishermen in the town welcomed the decision after two years of long delays.",
    ],
    "b2": [
        "Heavy snow closed the mountain pass above Orvik for the third time this winter.",
        "Road crews from the county depot worked through the night to clear the drifts.",
        "Police advised drivers to take the longer valley road until further notice.",
    ],
}
CHROME = ["Home", "Sports", "Weather", "Subscribe to our newsletter", "Copyright Halden Courier"]
DATES = {"a1": "2023-04-17", "b2": "2022-12-02"}


# L3S-GN1 pages: uuid -> (body key, page title, gold headline). The first uuid falls in
# the check half, the second in the tuning half (tests/eval/test_split.py checks it).
# The first headline runs on into its deck, as many labelled L3S headlines do; the
# second page has no headline label.
L3S_PAGES = {
    "00000000-0000-4000-8000-000000000001": (
        "a1",
        "Port Halden approves ferry schedule",
        "Port Halden approves ferry schedule\nExtra crossings start in spring",
    ),
    "00000000-0000-4000-8000-000000000003": ("b2", "Snow closes Orvik pass again", ""),
}


def page_html(key: str, title: str = "Local news") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODIES[key])
    menu = "".join(f"<li><a href='/{i}'>{item}</a></li>" for i, item in enumerate(CHROME[:3]))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{DATES[key]}T08:30:00+00:00">'
        f"</head><body><nav><ul>{menu}</ul></nav><article><h1>{title}</h1>{paragraphs}"
        f"</article><footer>{CHROME[4]}</footer></body></html>"
    )


def page_text(key: str) -> str:
    return "\n".join([*CHROME[:3], "Local news", *BODIES[key], CHROME[3], CHROME[4]])


def body(key: str) -> str:
    return "\n".join(BODIES[key])


def _write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def write_scrapinghub(root: Path) -> Path:
    folder = root / "scrapinghub-article-extraction"
    gold = {k: {"url": f"https://example.org/{k}", "articleBody": body(k)} for k in BODIES}
    _write_json(folder / "ground-truth.json", gold)
    for key in BODIES:
        _write_gz(folder / "html" / f"{key}.html.gz", page_html(key))
    return folder


def write_scraped_text(root: Path) -> Path:
    folder = root / "scraped-text"
    _write_json(folder / "gold.json", {k: body(k) for k in BODIES})
    for key in BODIES:
        path = folder / "txt" / f"{key}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(key), encoding="utf-8")
    return folder


def write_trafilatura_eval(root: Path) -> Path:
    folder = root / "trafilatura-eval"
    gold = {
        f"https://example.org/{k}": {
            "file": f"{k} page.html.gz",
            "with": [BODIES[k][0][:40], BODIES[k][2][-30:]],
            "without": ["Subscribe to our newsletter", "Copyright Halden Courier"],
        }
        for k in BODIES
    }
    _write_json(folder / "evaldata.json", gold)
    for key in BODIES:
        _write_gz(folder / "html" / f"{key} page.html.gz", page_html(key))
    return folder


def write_htmldate_eval(root: Path) -> Path:
    folder = root / "htmldate-eval"
    gold = {
        f"https://example.org/{k}": {"file": f"{k}.html.gz", "date": DATES[k], "subset": "default"}
        for k in BODIES
    }
    _write_json(folder / "gold.json", gold)
    for key in BODIES:
        _write_gz(folder / "html" / f"{key}.html.gz", page_html(key))
    return folder


def write_l3s_gn1(root: Path) -> Path:
    folder = root / "l3s-gn1"
    gold = {
        uuid: {
            "url": f"https://example.org/{key}",
            "headline": headline,
            "fulltext": body(key),
            "supplemental": "",
            "comments": "",
        }
        for uuid, (key, _, headline) in L3S_PAGES.items()
    }
    _write_json(folder / "gold.json", gold)
    for uuid, (key, title, _) in L3S_PAGES.items():
        _write_gz(folder / "original" / f"{uuid}.html.gz", page_html(key, title))
    return folder


WRITERS = (
    write_scrapinghub,
    write_scraped_text,
    write_trafilatura_eval,
    write_htmldate_eval,
    write_l3s_gn1,
)


def write_all(root: Path) -> Path:
    for write in WRITERS:
        write(root)
    return root
