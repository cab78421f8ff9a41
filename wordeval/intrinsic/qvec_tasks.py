"""The QVEC families as tasks: ``qvec/<oracle>`` and ``qvec-cca/<oracle>`` (the scoring core and its tests
against the authors' scripts are in ``wordeval.intrinsic.qvec``).

The record's main score is QVEC (sum over dimensions of the aligned correlations) or QVEC-CCA (mean
canonical correlation); its CI is the basic bootstrap over the oracle's words. ``per_item`` holds each
covered word's embedding row and oracle row (what a comparison needs to recompute the score on resampled
words) unless that exceeds ``max_item_values`` numbers, in which case the record says so and the task is
left out of resampling-based comparisons.
"""
from __future__ import annotations

import logging
import math
from typing import Any, Mapping

from wordeval.errors import ConfigError, NotApplicableError
from wordeval.intrinsic.unicode_forms import UNICODE_OPTION, check_unicode_option, merged_keys_extra, normalised
from wordeval.options import integer

log = logging.getLogger(__name__)

# no per-item output (the score aligns matrix columns with the oracle's): --save-predictions is noted for it
WRITES_PREDICTIONS = False
DEFAULT_CONFIG: dict[str, Any] = {
    "case": "exact",  # the scripts match words exactly
    "n_boot": 1000,
    "ci_level": 0.95,
    "max_item_values": 2_000_000,  # n_words x (dim + features) kept as per-item columns, at most
}


OPTIONAL_CONFIG = UNICODE_OPTION  # recorded only when set (``Task._optional``)


def validate_config(cfg: Mapping[str, Any]) -> dict[str, Any]:
    from wordeval.intrinsic.qvec import CONFIG_SCHEMA
    from wordeval.options import parse_options

    cfg = dict(cfg)
    limit = integer(0)(cfg.pop("max_item_values"), "max_item_values")
    checked = parse_options("qvec", {k: cfg[k] for k in ("case", "n_boot", "ci_level")},
                            {k: CONFIG_SCHEMA[k] for k in ("case", "n_boot", "ci_level")})
    return {**checked, "max_item_values": limit,
            **check_unicode_option({k: cfg[k] for k in OPTIONAL_CONFIG if k in cfg})}


def score(task, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False, predictions=None):
    from wordeval.intrinsic.qvec import qvec, qvec_cca
    from wordeval.results.build import make_record

    oracle = (dataset.metadata or {}).get("oracle")
    if oracle is None:
        raise ConfigError(f"{task.name}: the dataset is not a QVEC oracle")
    if not hasattr(embedding, "lookup"):
        # a skip the representation causes (a Brown clustering), as on similarity: a ConfigError stopped the
        # whole run here (exit 2), and under --keep-going counted it as failed
        raise NotApplicableError(f"{task.name} needs word vectors; {embedding.info.name} has no word lookup")
    fn = qvec if task.family == "qvec" else qvec_cca
    looked_up = normalised(embedding, config.get("unicode"))
    res = fn(looked_up, oracle, keep_items=True, case=config["case"],
             n_boot=config["n_boot"], ci_level=config["ci_level"], seed=seed)
    main = task.main_score
    scores = {main: res["score"], "coverage": res["coverage"]}
    extra: dict[str, Any] = {"oracle": res["oracle"], "warnings": res["warnings"],
                             "ci_percentile": res["ci_percentile"], "bootstrap_bias": res["bootstrap_bias"],
                             # none where no interval came out (fewer than 10 words, n_boot 0)
                             "ci_method": "basic bootstrap over words" + (
                                 ", clipped to the score's range" if "ci_unclipped" in res else "")
                             if res["ci"] and all(math.isfinite(x) for x in res["ci"]) else None,
                             **({"ci_unclipped": res["ci_unclipped"]} if "ci_unclipped" in res else {}),
                             **({"oov_in_other_unicode_form": res["oov_in_other_unicode_form"][:200]}
                                if res["oov_in_other_unicode_form"] else {}),
                             **merged_keys_extra(looked_up)}
    if task.family == "qvec":
        extra["alignment"] = res["alignment"]
    else:
        scores["first_canonical_correlation"] = res["first_canonical_correlation"]
        extra.update({k: res[k] for k in ("canonical_correlations", "rank_embedding", "rank_oracle",
                                          "oracle_features_used")})
    for warning in res["warnings"]:  # kept in the record too; compare and report repeat them in their notes
        log.warning("%s on %s: %s", task.name, embedding.info.name, warning)
    items = res["items"]
    n_values = res["n_used"] * (len(items) - 1)
    per_item = items
    if n_values > config["max_item_values"]:
        per_item = {}
        extra["per_item_dropped"] = (f"{res['n_used']} words x {len(items) - 1} columns = {n_values} values "
                                     f"> max_item_values={config['max_item_values']}")
    return make_record(task, embedding, dataset, config=dict(config), scores=scores, n_total=res["n_total"],
                       n_used=res["n_used"], seed=seed, ci={main: res["ci"]} if res["ci"] else {},
                       per_item=per_item, extra=extra)
