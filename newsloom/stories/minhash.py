"""MinHash signatures of article text and their LSH band keys, stable across processes.

Why MinHash: a re-published wire story differs from the original by a headline, an
editor's note, a cut paragraph or a few words, so its content hash differs but most of its
word 3-grams ("shingles") are shared. The Jaccard similarity of the two shingle sets is
estimated from 128 min-hashes (datasketch, fixed seed and `affine32` scheme, so a
signature computed in another process or run is comparable). The standard error of the
estimate is sqrt(J(1-J)/128): 0.04 at the copy threshold, J = 0.7.

Why these bands: LSH only has to *find* candidate pairs; each candidate's Jaccard is then
estimated from the stored signatures. `LSH_THRESHOLD` = 0.5 sits well below the copy
threshold (0.7, `grouping.COPY_JACCARD`) so copies are seldom missed; datasketch's optimum
for 0.5 and 128 permutations (equal weight on false positives and negatives) is 25 bands of
5 rows. A pair with J = 0.7 then shares a band with probability 1 - (1 - 0.7^5)^25 = 0.99,
one with J = 0.8 with 0.99995, a pair at J = 0.5 with 0.55 and an unrelated pair at J = 0.1
with 0.0003.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from newsloom.record import normalize_for_hash

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM: Final = 128
SEED: Final = 1
SCHEME: Final = "affine32"
SHINGLE_WORDS: Final = 3
LSH_THRESHOLD: Final = 0.5
BANDS: Final = 25
ROWS: Final = 5
# Texts with fewer shingles than this get no signature: a two-line brief matches too much.
MIN_SHINGLES: Final = 8

Signature = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")


@functools.cache
def _minhash() -> tuple[type[MinHash], object]:
    """datasketch's MinHash and the permutations of `SEED`, made at first use: datasketch
    imports scipy, half a second of the store's writer start-up when imported with it."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def words(text: str) -> list[str]:
    """The words of the normalised text (case-folded, NFKC), punctuation dropped."""
    return _WORD.findall(normalize_for_hash(text))


def shingles(text: str) -> set[bytes]:
    """The set of word 3-grams of the text, UTF-8 encoded for hashing."""
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {
        " ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(tokens) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> tuple[Signature, int] | None:
    """The MinHash signature of the text and its shingle count; None for too short a text."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    make, permutations = _minhash()
    minhash = make(num_perm=NUM_PERM, permutations=permutations, scheme=SCHEME)
    minhash.update_batch(sorted(found))
    values: Signature = np.asarray(minhash.hashvalues, dtype=np.uint32)
    return values, len(found)


def to_blob(values: Signature) -> bytes:
    return values.astype("<u4").tobytes()


def from_blob(blob: bytes) -> Signature:
    values: Signature = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
    return values


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal min-hashes."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def band_keys(values: Signature) -> list[int]:
    """One signed 64-bit key per band (band number mixed in), for an indexed SQLite column."""
    keys = []
    raw = values.astype("<u4")
    for band in range(BANDS):
        chunk = raw[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
