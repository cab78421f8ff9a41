"""Per-seed per-item columns of a record that holds several seeds (``n_seeds`` > 1 in one evaluator call: a
family's default of 3 in an API ``evaluate`` call, or ``--set n_seeds=N``).

Such a record's ``per_item`` pools its seeds (tagging counts summed, a document's share of seeds right), which
leaves a comparison only the items to resample: the seed-to-seed spread stayed out of the paired tests' null
distribution, and span F1 recomputed from summed counts is not the mean of the seeds' F1s the table shows.
Since schema 3 the record also keeps each seed's own columns, ``NAME@K`` (K the seed's position in
``extra.protocol.seeds``), small integers, so a comparison splits it into one column set per seed: the same
columns, tests and scores as a store holding one record per seed."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

SEP = "@"
# the columns kept per seed (tagging counts, a document's 0/1): other columns named NAME@K (a QVEC oracle's
# feature "o:x@1") are no seed's
BASES = ("correct", "total", "tp", "fp", "fn")


def seed_column(name: str, position: int) -> str:
    return f"{name}{SEP}{position}"


def add_seed_columns(per_item: Mapping[str, list], per_seed: Sequence[Mapping[str, Sequence[int]]]
                     ) -> dict[str, list]:
    """``per_item`` with each seed's columns appended (only where there are several seeds: one seed's
    columns are the pooled ones)."""
    out = dict(per_item)
    if len(per_seed) > 1:
        for k, cols in enumerate(per_seed):
            for name, values in cols.items():
                out[seed_column(name, k)] = [int(v) for v in values]
    return out


def seed_positions(per_item: Mapping[str, Any]) -> dict[str, list[int]]:
    """Base column name -> the seed positions it has columns for."""
    out: dict[str, list[int]] = {}
    for key in per_item:
        base, sep, pos = str(key).rpartition(SEP)
        if sep and base in BASES and pos.isdigit():
            out.setdefault(base, []).append(int(pos))
    return {k: sorted(v) for k, v in out.items()}


def check_seed_columns(per_item: Mapping[str, Any], n_seeds: int) -> tuple[str, str] | None:
    """(expected, got) where a record's per-seed columns are wrong, else None: every base column needs one
    column for each of the record's seeds, and no more."""
    positions = seed_positions(per_item)
    want = list(range(n_seeds))
    for base, have in positions.items():
        if have != want:
            return (f"per-seed columns {base}{SEP}0..{base}{SEP}{n_seeds - 1} (one per seed of "
                    f"extra.protocol.seeds)", ", ".join(seed_column(base, k) for k in have))
    return None


def has_seed_columns(per_item: Mapping[str, Any]) -> bool:
    return bool(seed_positions(per_item))


def seed_item_columns(per_item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One column set per seed (``id`` and the seed's own columns under their base names), or the record's
    columns as they are when it keeps no per-seed ones (one seed, or a record older than schema 3)."""
    positions = seed_positions(per_item)
    if not positions:
        return [dict(per_item)]
    n = len(next(iter(positions.values())))
    return [{"id": per_item["id"], **{base: per_item[seed_column(base, k)] for base in positions}}
            for k in range(n)]
