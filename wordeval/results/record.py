"""The versioned result record: plain JSON, never pickles or library objects.

One record = one embedding × one task × one config. Per-item values (columnar) make paired tests possible
after the fact: similarity stores gold and predicted scores per pair, analogy 0/1 per question, tagging
per-sentence counts, classification per-document correctness.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wordeval.errors import InputFormatError

SCHEMA_VERSION = 3
# 2: direction, scorer and seed at the top level (a record says how to compare it without the evaluator);
#    the cache key includes the seed and the representation's label. Version-1 records are upgraded on read.
# 3: a record holding several seeds keeps each seed's per-item columns (NAME@K, ``wordeval.results.seed_items``)
#    beside the pooled ones, so its paired tests resample seeds too; records of 1 and 2 are read as before.
READABLE_VERSIONS = (1, 2, 3)
SPEC_KEY = "(spec)"  # ResultRecord.data_version's name for the spec file: no data file key has parentheses
REQUIRED = ("schema_version", "task", "task_version", "family", "kind", "embedding", "config", "scores",
            "main_score", "n_total", "n_used", "dataset_sha256", "run")


def _clean(value: Any) -> Any:
    """JSON-safe copy: NaN/inf -> None (reported, never coerced to 0), numpy scalars -> Python."""
    kind = type(value)
    # the plain types first: an isinstance against Mapping for every string and number of every config hashed
    # was ~0.5 s of status on a store of 4,000 records
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): _clean(v) for k, v in value.items()}
    if kind is list:
        return [_clean(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _clean(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def config_hash(config: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(_clean(config), sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class ResultRecord:
    """One score of one representation on one task, with all it needs to be reproduced and compared: config,
    dataset sha256, embedding fingerprint, seed, CIs, per-item columns and run provenance. ``to_json`` /
    ``from_dict`` write and read it (NaN and infinities are written as null)."""

    task: str
    task_version: str
    family: str
    kind: str  # "intrinsic" or "extrinsic"
    embedding: dict[str, Any]  # EmbeddingInfo.to_dict()
    config: dict[str, Any]  # every policy and parameter that can move the score
    scores: dict[str, float | None]
    main_score: str  # key into scores
    n_total: int
    n_used: int
    dataset_sha256: dict[str, str]  # file -> sha256
    run: dict[str, Any]  # provenance.run_provenance()
    ci: dict[str, list[float | None]] = field(default_factory=dict)  # score -> [low, high], 95 %
    per_item: dict[str, list[Any]] = field(default_factory=dict)  # columnar, "id" column first
    dataset: dict[str, Any] = field(default_factory=dict)  # name, version, source
    extra: dict[str, Any] = field(default_factory=dict)  # per-section scores, per-seed values, ...
    direction: str = "higher"  # better is "higher" or "lower"
    scorer: str = ""  # wordeval.stats.item_scores name that recomputes the main score from per_item
    seed: int = 0
    schema_version: int = SCHEMA_VERSION

    @property
    def label(self) -> str:
        """The representation's display name (what a comparison calls it)."""
        return str(self.embedding.get("name"))

    @property
    def main_value(self) -> float | None:
        return self.scores.get(self.main_score)

    @property
    def coverage(self) -> float:
        """Share of the task's items the representation covers: the family's own ``scores["coverage"]`` where
        it gives one, else n_used / n_total. They differ under ``oov = penalize``, which scores the items it does
        not cover too (a similarity pair at cosine -1, an analogy question as wrong): n_used / n_total was then
        1.0, and the CLI, the JSON and the report's low-coverage flag said every item was covered."""
        own = self.scores.get("coverage")
        if isinstance(own, (int, float)) and math.isfinite(own):
            return float(own)
        return self.n_used / self.n_total if self.n_total else 0.0

    def data_version(self) -> dict[str, str]:
        """The data files' sha256 and, for a user's task, its spec file's (``dataset["spec_sha256"]``, under
        ``SPEC_KEY``): a spec that reads the same file otherwise (another score column, header or decimal) is
        other data. Records stored before the spec's digest was recorded have the files' alone."""
        spec = (self.dataset or {}).get("spec_sha256")
        return {**dict(self.dataset_sha256 or {}), **({SPEC_KEY: str(spec)} if spec else {})}

    def cache_key(self) -> str:
        """Embedding content + label + task@version + config + seed: equal keys mean the rerun can be skipped;
        records of different seeds or labels coexist in one store."""
        raw = (f"{self.embedding.get('fingerprint')}|{self.label}|{self.task}@{self.task_version}|"
               f"{config_hash(self.config)}|seed={self.seed}")
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:24]

    def to_dict(self) -> dict[str, Any]:
        d = {
            "schema_version": self.schema_version,
            "task": self.task,
            "task_version": self.task_version,
            "family": self.family,
            "kind": self.kind,
            "embedding": self.embedding,
            "config": self.config,
            "scores": self.scores,
            "main_score": self.main_score,
            "main_value": self.main_value,
            "direction": self.direction,
            "scorer": self.scorer,
            "seed": self.seed,
            "ci": self.ci,
            "n_total": self.n_total,
            "n_used": self.n_used,
            "coverage": self.coverage,
            "dataset": self.dataset,
            "dataset_sha256": self.dataset_sha256,
            "extra": self.extra,
            "per_item": self.per_item,
            "run": self.run,
        }
        return _clean(d)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, source: str = "<record>") -> "ResultRecord":
        missing = [k for k in REQUIRED if k not in d]
        if missing:
            raise InputFormatError(source, None, f"a wordeval result record with {', '.join(missing)}")
        if d["schema_version"] not in READABLE_VERSIONS:
            got = d["schema_version"]
            # as a store of a newer store schema is told: the user learns which wordeval reads it
            newer = (isinstance(got, int) and not isinstance(got, bool) and got > max(READABLE_VERSIONS))
            raise InputFormatError(source, None, f"result schema_version in {READABLE_VERSIONS}",
                                   f"{got} (written by a newer wordeval: read it with that one)" if newer
                                   else str(got))
        _check_types(d, source)
        kwargs = {k: d[k] for k in REQUIRED}
        for k in ("ci", "per_item", "dataset", "extra", "direction", "scorer", "seed"):
            if k in d:
                kwargs[k] = d[k]
        if d["schema_version"] == 1:  # upgrade: what version 2 states explicitly, version 1 implied
            from wordeval.tasks.families import FAMILIES
            fam = FAMILIES.get(d["family"])
            kwargs["direction"] = str((d.get("extra") or {}).get("direction", "higher"))
            kwargs["scorer"] = fam.scorer if fam else ""
            kwargs["seed"] = int((d.get("run") or {}).get("seed") or 0)
            kwargs["schema_version"] = SCHEMA_VERSION
        _check_item_columns(kwargs.get("per_item") or {}, kwargs.get("scorer") or "", source)
        return cls(**kwargs)


def _check_types(d: Mapping[str, Any], source: str) -> None:
    """The fields a comparison reads, checked on reading: a record file edited by hand or cut short (scores as a
    list, a seed "a", an embedding that is a string) ended in a traceback deep inside compare, and per-item
    columns of different lengths were paired item by item without a word."""
    def refuse(field: str, expected: str) -> None:
        raise InputFormatError(source, None, f"{field} to be {expected} in a wordeval result record",
                               repr(d.get(field))[:60])

    def integer(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    for k in ("task", "family", "main_score"):
        if not isinstance(d[k], str):
            refuse(k, "a string")
    if d["kind"] not in ("intrinsic", "extrinsic"):
        refuse("kind", "'intrinsic' or 'extrinsic'")
    if not isinstance(d["task_version"], str) and not integer(d["task_version"]):
        refuse("task_version", "a string")
    for k in ("embedding", "config", "scores", "dataset_sha256", "run", "ci", "per_item", "dataset", "extra"):
        if k in d and not isinstance(d[k], Mapping):
            refuse(k, "a JSON object")
    if not all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in d["scores"].values()):
        refuse("scores", "numbers or null")
    if d["main_score"] not in d["scores"]:
        refuse("main_score", f"one of the scores ({', '.join(map(str, d['scores'])) or 'none'})")
    for k in ("n_total", "n_used"):
        if not integer(d[k]) or d[k] < 0:
            refuse(k, "an integer >= 0")
    # an interval that is not [low, high] (a hand-edited [0.5], a string) ended in a traceback in the tables
    number = lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))  # noqa: E731
    if not all(v is None or (isinstance(v, list) and len(v) == 2 and all(map(number, v)))
               for v in (d.get("ci") or {}).values()):
        refuse("ci", "score -> [low, high] (numbers or null)")
    from wordeval.tasks.families import FAMILIES
    if d["family"] not in FAMILIES:  # was "unknown task family", naming no file, from deep inside compare
        refuse("family", f"one of {', '.join(FAMILIES)}")
    if "seed" in d and not integer(d["seed"]):
        refuse("seed", "an integer")
    if "direction" in d and d["direction"] not in ("higher", "lower"):
        refuse("direction", "'higher' or 'lower'")
    columns = d.get("per_item") or {}
    if not all(isinstance(v, list) for v in columns.values()) or len({len(v) for v in columns.values()}) > 1:
        refuse("per_item", "columns (lists) of one length")
    _check_seed_columns(d, columns, source)


def _check_item_columns(columns: Mapping[str, Any], scorer: str, source: str) -> None:
    """The per-item columns a comparison pairs and resamples: a string among the scores, a scorer's column
    missing or an id that is a list ended in a traceback inside compare (exit 1), and an id given twice paired
    one item's scores with another's without a word. null is a number (NaN, as the record writes it)."""
    from wordeval.results.seed_items import BASES, SEP
    from wordeval.stats.pair_tests import SCORE_COLUMNS

    if not columns:
        return
    ids = columns.get("id")
    if ids is not None:
        if not all(isinstance(i, (str, int)) and not isinstance(i, bool) for i in ids):
            bad = next(i for i in ids if not isinstance(i, (str, int)) or isinstance(i, bool))
            raise InputFormatError(source, None, "per_item id to be strings or integers in a wordeval result "
                                   "record", repr(bad)[:60])
        if len(set(ids)) < len(ids):
            seen: set = set()
            twice = next(i for i in ids if i in seen or seen.add(i))
            raise InputFormatError(source, None, "per_item ids that are unique in a wordeval result record",
                                   f"{twice!r} twice"[:60])
    read = SCORE_COLUMNS.get(scorer, ())
    missing = [k for k in read if k not in columns]
    if missing and ids is not None:
        raise InputFormatError(source, None, f"per_item columns {', '.join(read)} for scorer {scorer!r} in a "
                               f"wordeval result record", f"no {', '.join(missing)}")
    numeric = [k for k in columns if k in read or str(k).rpartition(SEP)[0] in BASES]
    for k in numeric:
        bad = [v for v in columns[k] if v is not None and not isinstance(v, (int, float))]  # bool is an int: 0/1
        if bad:
            raise InputFormatError(source, None, f"per_item {k} to be numbers (or null) in a wordeval result "
                                   "record", repr(bad[0])[:60])


def _check_seed_columns(d: Mapping[str, Any], columns: Mapping[str, Any], source: str) -> None:
    """Per-seed columns that do not match the record's seeds would be split into wrong seeds, or none."""
    from wordeval.results.seed_items import check_seed_columns, has_seed_columns

    if not has_seed_columns(columns):
        return
    seeds = ((d.get("extra") or {}).get("protocol") or {}).get("seeds")
    if not isinstance(seeds, list) or len(seeds) < 2:
        raise InputFormatError(source, None, "per-seed per-item columns (NAME@K) only in a record whose "
                               "extra.protocol.seeds lists its several seeds", repr(seeds)[:60])
    problem = check_seed_columns(columns, len(seeds))
    if problem:
        raise InputFormatError(source, None, *problem)


def item_shape_problem(kind: str | None, shape: str | None, rec: "ResultRecord") -> bool:
    """Whether per-item columns of this shape may fail ``from_dict``'s checks of them: ``kind`` the JSON type
    of the record's ``per_item`` (None: it has none), ``shape`` a JSON list of [column, JSON type, length].
    What a shape cannot tell (an id given twice, a string among the scores) is not judged: telling it reads
    every item, which cost status as much as reading the records whole."""
    from wordeval.results.seed_items import check_seed_columns, has_seed_columns
    from wordeval.stats.pair_tests import SCORE_COLUMNS

    if kind is None:
        return False
    columns = json.loads(shape or "[]")
    if kind != "object" or any(t != "array" for _, t, _ in columns) or len({n for *_, n in columns}) > 1:
        return True
    names = dict.fromkeys(str(name) for name, _, _ in columns)
    if "id" in names and any(k not in names for k in SCORE_COLUMNS.get(rec.scorer, ())):
        return True
    if not has_seed_columns(names):
        return False
    seeds = ((rec.extra or {}).get("protocol") or {}).get("seeds")
    return not isinstance(seeds, list) or len(seeds) < 2 or check_seed_columns(names, len(seeds)) is not None
