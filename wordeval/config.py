"""The one config merger: a family's defaults, overlaid by the task's own defaults, overlaid by the user's
config. Unknown keys are an error (a typo must not silently run with a default), except where a caller
merges a config meant for several families (a suite names a learner "profile" that similarity has not):
``strict=False`` drops the keys the family does not know and says so in the debug log."""
from __future__ import annotations

import logging
from typing import Any, Mapping

from wordeval.errors import ConfigError

log = logging.getLogger("wordeval.config")


def merge_config(defaults: Mapping[str, Any], *layers: Mapping[str, Any] | None, owner: str = "config",
                 strict: bool = True) -> dict[str, Any]:
    merged = dict(defaults)
    for layer in layers:
        for key, value in (layer or {}).items():
            if key in defaults:
                merged[key] = value
            elif strict:
                from wordeval.options import close_hint

                # a typo ('ooov') was left to be found by eye in the list of known options
                raise ConfigError(f"{owner}: unknown option {key!r}; known: {', '.join(sorted(defaults))}"
                                  + close_hint([key], defaults))
            else:
                log.debug("%s: ignoring option %s=%r (not an option here)", owner, key, value)
    return merged
