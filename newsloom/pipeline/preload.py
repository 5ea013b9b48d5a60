"""Imported by the fork server of a `ProcessExecutor` pool that enriches with the default
model: it warms the default pipeline (`workers.warm_up`) once, there, so every worker
forked from the server starts with the model, the rule tables, the gazetteer and the
date parsers already loaded (shared with the server until written to), instead of each
worker loading them again. Never raises: a failure only leaves the workers to load
what they need themselves.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def _warm() -> None:
    try:
        from newsloom.options import Options
        from newsloom.pipeline.stages import default_stages
        from newsloom.pipeline.workers import warm_up

        options = Options(enrich=True)
        warm_up(options, default_stages(options))
    except BaseException:  # the fork server must start whatever happens here
        log.exception("warming the default pipeline in the fork server failed")


_warm()
