"""A note where the representations of one task were scored under different coverage policies.

Records from several runs or stores can be compared (``compare R1 R2``): one scored with ``oov = skip``,
another with ``penalize`` (its uncovered pairs at cosine -1), or on another run's intersection, or with
another case or candidate set. Their own scores in the Results table then answer different questions, and
the only trace of it was the report's Protocol section, which lists the values but not whose they are;
``compare``'s output said nothing."""
from __future__ import annotations

import json
from typing import Mapping, Sequence

from wordeval.results.record import ResultRecord

# the config keys that decide which items are scored and how an uncovered one counts
COVERAGE_KEYS = ("oov", "case", "restrict_vocab", "question_filter", "candidates", "phrases",
                 "intersection_with", "candidates_shared_with", "unicode")
# options a record's config holds only where they were set (a family's OPTIONAL_CONFIG), by what their absence
# means: an NFKC record beside one without the key was taken as nothing to compare, where it is as-written
UNSET_MEANS = {"unicode": "as-written"}


def _shown(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def policy_notes(task: str, family: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """One note per key whose value differs between the task's representations, naming each one's value. Only
    the word-level intrinsic families, and only between records that have the key: a sentence encoder's STS
    record has no ``case`` to differ in, a fine-tuned tagger no ``oov``."""
    if family not in ("similarity", "analogy", "sts"):
        return []
    out = _intersection_notes(task, recs)
    for key in COVERAGE_KEYS:
        by_rep = {rep: [(r.config or {}).get(key, UNSET_MEANS.get(key)) for r in rs
                        if key in (r.config or {}) or key in UNSET_MEANS] for rep, rs in recs.items()}
        by_rep = {rep: vs for rep, vs in by_rep.items() if vs}
        distinct = {json.dumps(v, sort_keys=True, default=str) for vs in by_rep.values() for v in vs}
        if len(distinct) < 2:
            continue
        listed = "; ".join(f"{rep}: {', '.join(dict.fromkeys(_shown(v) for v in vs))}"
                           for rep, vs in by_rep.items())
        out.append(f"{task}: the representations were scored under different {key} ({listed}), "
                   f"so their own scores (Results) are not on the same footing; rankings and tests use the "
                   f"items all of them cover.")
    return out


def _intersection_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """The Results caption calls each score one 'on its own covered items'; under ``--intersection`` it is on
    the items every representation of its run covers (GloVe's SimLex-999 0.261 on 976 pairs, where its own
    999 give 0.265), which only the Protocol's ``oov = intersection`` said."""
    groups: dict[tuple, list[str]] = {}
    for rep, rs in recs.items():
        for r in rs:
            cfg = r.config or {}
            if cfg.get("oov") == "intersection":
                key = (tuple(map(str, cfg.get("intersection_with") or ())), int(r.n_used), int(r.n_total))
                groups.setdefault(key, []).append(rep)
    # an empty intersection has its own note (compare's left-out notes)
    return [f"{task}: {', '.join(dict.fromkeys(reps))} scored under --intersection: their scores in Results "
            f"are on the {n_used:,} of {n_total:,} items that all of {', '.join(names) or 'them'} cover, not "
            f"on each one's own covered items."
            for (names, n_used, n_total), reps in groups.items() if n_used]
