"""Result stores as pandas DataFrames, for users' own analysis."""
from __future__ import annotations


def results_frame(sources, *, per_seed: bool = False):
    """One row per record × score (tidy): representation, task, task_version, family, kind, seed, score,
    value, ci_low, ci_high (where the record has a CI for that score), is_main, direction, n_used, n_total,
    coverage, dataset, fingerprint, time. ``sources``: a store, a record file, a ResultRecord, or a list of
    them (any mix).
    """
    import pandas as pd

    from wordeval.results.store import load_records

    records, _ = load_records(sources)
    rows = []
    for r in records:
        for score, value in r.scores.items():
            ci = (r.ci or {}).get(score) or [None, None]
            rows.append({"representation": r.label, "task": r.task, "task_version": r.task_version,
                         "family": r.family, "kind": r.kind, "seed": r.seed, "score": score, "value": value,
                         "ci_low": ci[0], "ci_high": ci[1], "is_main": score == r.main_score,
                         "direction": r.direction, "n_used": r.n_used, "n_total": r.n_total,
                         "coverage": r.coverage, "dataset": r.dataset.get("name"),
                         "fingerprint": r.embedding.get("fingerprint"), "time": r.run.get("time")})
    columns = ["representation", "task", "task_version", "family", "kind", "seed", "score", "value", "ci_low",
               "ci_high", "is_main", "direction", "n_used", "n_total", "coverage", "dataset", "fingerprint", "time"]
    return pd.DataFrame(rows, columns=columns)
