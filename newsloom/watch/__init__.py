"""Follow live news: sources, a polite and safe fetcher, and the watch loop.

- `sources.py`: the sources file (`[[sources]]` tables) and its editing.
- `safety.py`: public addresses only, checked after DNS and pinned for the connection.
- `politeness.py`: robots.txt (cached) and a pause and connection cap per host.
- `decoding.py`: Content-Encoding decoded within a size bound (a gzip bomb is refused).
- `fetcher.py`: one URL to its response: redirects checked hop by hop, retries on 429
  and 5xx honouring Retry-After, timeouts, size limits; never raises.
- `discover.py`: feed entries, sitemap URLs and front-page links; URL normalisation.
- `archive.py`: each round's responses as WARC (and `replay_inputs` to re-extract).
- `state.py`: the watcher's state file (source health, URLs met, rounds, alerts sent).
- `recorder.py`: the store as the round's pipeline writes it.
- `loop.py`: `Watcher`: rounds of poll, fetch, archive, ingest, alert.
- `alerts.py`: saved queries sent once per match to a JSONL file or a webhook.
"""

from newsloom.watch.fetcher import Fetcher, FetchOptions, FetchResult
from newsloom.watch.loop import RoundReport, Watcher, WatchOptions
from newsloom.watch.sources import Source, load_sources

__all__ = [
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "RoundReport",
    "Source",
    "WatchOptions",
    "Watcher",
    "load_sources",
]
