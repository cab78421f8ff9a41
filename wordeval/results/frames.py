"""Result stores as pandas DataFrames, for users' own analysis."""
from __future__ import annotations

from typing import Any, Mapping

COLUMNS = ["representation", "task", "task_version", "family", "kind", "profile", "seed", "score", "value",
           "ci_low", "ci_high", "is_main", "direction", "n_used", "n_total", "coverage", "dataset", "fingerprint", "time"]


def results_frame(sources, *, per_seed: bool = False):
    """One row per record × score (tidy): representation, task, task_version, family, kind, profile (the
    extrinsic profile a record ran under, as the report's Protocol names it: ``quick`` rows are not the
    citable protocol; None for intrinsic tasks), seed, score,
    value, ci_low, ci_high (where the record has a CI for that score), is_main, direction (on the main
    score's rows; None on the others), n_used, n_total, coverage, dataset, fingerprint, time. ``sources``: a
    store, a record file, a ResultRecord, or a list of them (any mix).

    ``per_seed``: a record that trained several seeds itself (an extrinsic task's ``n_seeds``) gives one row
    per seed × score instead, for the scores it kept per seed (no CI: a seed's CI is not recorded); a record
    of one seed gives its rows as without it.
    """
    import pandas as pd

    from wordeval.options import flag_argument
    from wordeval.report.protocol import profile_of
    from wordeval.results.store import load_records

    per_seed = flag_argument(per_seed, "per_seed")
    records, _ = load_records(sources, per_item=False)  # no per-item value is in the frame
    rows = []
    for r in records:
        common = {"representation": r.label, "task": r.task, "task_version": r.task_version, "family": r.family,
                  "kind": r.kind, "profile": profile_of(r), "n_used": r.n_used, "n_total": r.n_total,
                  "coverage": r.coverage, "dataset": r.dataset.get("name"),
                  "fingerprint": r.embedding.get("fingerprint"), "time": r.run.get("time")}
        seeds = _seed_values(r) if per_seed else []
        if len(seeds) > 1:
            for seed, values in seeds:
                rows += [{**common, "seed": seed, "score": score, "value": values[score], "ci_low": None,
                          "ci_high": None, "is_main": score == r.main_score,
                          "direction": _direction(r, score)} for score in r.scores if score in values]
            continue
        for score, value in r.scores.items():
            ci = (r.ci or {}).get(score) or [None, None]
            rows.append({**common, "seed": r.seed, "score": score, "value": value, "ci_low": ci[0],
                         "ci_high": ci[1], "is_main": score == r.main_score,
                         "direction": _direction(r, score)})
    return pd.DataFrame(rows, columns=COLUMNS)


def _direction(rec, score: str) -> str | None:
    # a record states the direction of its main score only: copied to every row, it called an OOV rate, a
    # coverage and a seeds' sd "higher" is better, and sorting by it ranked the most OOV representation first
    return rec.direction if score == rec.main_score else None


def _seed_values(rec) -> list[tuple[Any, dict[str, Any]]]:
    """(seed, {score: value}) for each seed a record trained: tagging keeps columns (``{"seed": [...],
    "f1": [...]}``), classification one mapping per seed."""
    per_seed = (rec.extra or {}).get("per_seed")
    if isinstance(per_seed, Mapping) and isinstance(per_seed.get("seed"), list):
        n = len(per_seed["seed"])
        columns = {k: v for k, v in per_seed.items() if isinstance(v, list) and len(v) == n}
        return [(seed, {k: v[i] for k, v in columns.items()}) for i, seed in enumerate(per_seed["seed"])]
    if isinstance(per_seed, list) and all(isinstance(s, Mapping) and "seed" in s for s in per_seed):
        return [(s["seed"], dict(s)) for s in per_seed]
    return []
