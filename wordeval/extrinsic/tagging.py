"""The sequence-labelling evaluator (POS, chunking, NER): one representation through one learner, several seeds.

Protocol (recorded in every result): features from ``features.build_features`` (OOV and case policies,
casing feature), a learner from ``learners`` with the run profile's epochs, early stopping/selection on the
dev split only (a fixed-seed slice of train where the release has none), the test split scored once per seed.

Scores: the mean over seeds of the main score (token accuracy for POS; conlleval chunk F1, micro over types,
for chunking/NER), its sd and the per-seed values in ``extra["per_seed"]``, per-type F1 (mean over seeds),
OOV rates per split. ``per_item`` has one row per test sentence: ``id`` (index in the test split) and
``tp, fp, fn`` (span tasks) or ``correct, total`` (POS), **summed over seeds**. So ``main_score_from_items``
gives the pooled score over seeds: exactly the mean accuracy for POS (every seed tags the same tokens), and
for F1 the F1 of the pooled counts, which can differ from the mean of per-seed F1s in the last decimals.
With several seeds each seed's own counts are kept too (``tp@K`` ...: ``wordeval.results.seed_items``), so a
comparison tests over sentences × seeds and ranks by the mean of per-seed scores, the number its table shows.
A paired bootstrap over sentences (``spans.paired_f1_test`` or ``stats.paired_bootstrap`` with
``main_score_from_items``) compares two representations on these columns.
"""
from __future__ import annotations

import time
from typing import Any, Mapping

import numpy as np

from wordeval.errors import ConfigError
from wordeval.options import INT32_MAX, MAX_N_SEEDS
from wordeval.extrinsic.spans import check_scheme, f1_from_counts, span_scores, token_accuracy_counts
from wordeval.results.seed_items import add_seed_columns
from wordeval.stats.spread import mean_sd
from wordeval.tasks import TaskSpec

DEFAULT_CONFIG: dict[str, Any] = {
    "learner": "mlp",  # crf | perceptron | mlp | bilstm-crf | bert-finetune (fine-tunes a transformer encoder)
    "n_seeds": 3,
    "finetune": False,  # train the embedding rows too (mlp, bilstm-crf; word-lookup representations)
    "oov": "unk",  # zero | unk | random
    "case": "exact-then-lower",  # lookup policy; casing is also a separate feature
    "window": 2,  # ±w tokens (mlp, crf, perceptron)
    "clusters": 0,  # K of the k-means cluster-id features (crf, perceptron); 0 = none. A Brown clustering has
    # its own C: there any K > 0 selects its bit-string prefix features (4, 6, 10, 20), 0 the whole path
    "lexical": False,  # crf, perceptron: add the word/shape baseline features (word, shape, prefix/suffix 3)
    "profile": "default",  # quick | default | full (see profiles.py)
    "epochs": None,  # None: the profile's value for the learner
    "hidden": None,  # None: the learner's default
    "dropout": None,  # None: the learner's default (mlp 0.2 on the hidden layer, half on the inputs; bilstm-crf 0.5)
    "patience": None,  # None: the learner's default (mlp, bilstm-crf 3; bert-finetune 2): epochs without a
    # better dev score before training stops (the best epoch's weights are restored)
    "decode": None,  # mlp only: greedy | viterbi (scaled likelihoods + train tag bigrams); None: greedy, chosen on dev
    "device": "auto",  # auto (cuda when present) | cpu | cuda
    "threads": 1,  # torch CPU threads: on a shared (oversubscribed) CPU, 2+ threads spin-wait and run ~10x slower
}
# options that act only under another's value (``wordeval.option_effects``: a note when given otherwise): the
# linear learners run in crfsuite / numpy, not torch; bilstm-crf and bert-finetune read whole sentences, not a
# window; bert-finetune trains the encoder on its sub-word pieces, with no lookup table for case or OOV rows
_TORCH = ("mlp", "bilstm-crf", "bert-finetune")
_FEATURES = ("mlp", "crf", "perceptron", "bilstm-crf")
APPLIES_ONLY_WITH = {"device": ("learner", _TORCH), "threads": ("learner", _TORCH),
                     "window": ("learner", ("mlp", "crf", "perceptron")), "oov": ("learner", _FEATURES),
                     "case": ("learner", _FEATURES)}
# the values a --set shared with other families can take here (``cli.common.settings_for``)
VALUE_DOMAINS = {"learner": ("crf", "perceptron", "mlp", "bilstm-crf", "bert-finetune"),
                 "oov": ("zero", "unk", "random")}
_TYPES = {"learner": str, "n_seeds": int, "finetune": bool, "oov": str, "case": str, "window": int,
          "clusters": int, "lexical": bool, "profile": str, "epochs": (int, type(None)), "hidden": (int, type(None)),
          "dropout": (float, int, type(None)), "patience": (int, type(None)), "decode": (str, type(None)),
          "device": str, "threads": (int, type(None))}


# Options that enter a record's config only when set: records computed before they existed keep their keys.
# chunks: how spans are read from IOB2/IOBES tags when scoring — "conlleval" (default: conlleval's reading,
# seqeval's default mode) or "strict" (seqeval's mode="strict": a chunk needs its B-/S- and, in IOBES, its E-).
# linear_version: derived, never chosen (see LINEAR_VERSION below); listed here so that a validated config,
# which carries it, validates again to itself.
# oov_rows: derived too; "fixed" where fine-tuning keeps the rows of OOV types at the policy's fixed vectors
# (oov=zero/random), which it trained before: the request key of those records changes, so a store does not
# serve a record whose "zero" OOV rows were learned.
# kmeans: derived too; "float64" on the linear learners with clusters > 0, whose k-means cluster ids were
# computed in float32 before (other ids on other BLAS kernels: features.kmeans_labels), so a store does not
# serve those records. A Brown clustering's requests change key too, though they never run k-means.
# oov_draws: derived too; "per-seed" under oov=random with n_seeds > 1, whose vectors each seed of a record draws
# with its own seed (they were drawn once, with the record's first seed): those records' request key changes.
# oov_types: derived too; "case" under oov=random with case=lower, whose OOV words draw one vector per word as
# looked up (features._type_features), where "Foo" and "foo" drew one each: those records' request key changes.
OPTIONAL_CONFIG: dict[str, tuple] = {"chunks": ("conlleval", "strict"), "linear_version": (2,),
                                     "oov_rows": ("fixed",), "kmeans": ("float64",), "oov_draws": ("per-seed",),
                                     "oov_types": ("case",)}
# recorded, not options (``Task.known_options``)
DERIVED_CONFIG = ("linear_version", "oov_rows", "kmeans", "oov_draws", "oov_types")


# The record's own interval: fixed, not options (compare and report draw theirs with --n-boot and --seed)
CI_BOOT, CI_LEVEL = 1000, 0.95
CI_METHOD = f"percentile bootstrap over test sentences, {CI_BOOT} resamples, {CI_LEVEL:.0%} level"


# What a fit leaves on the learner, not a setting: read from an unfitted learner, every record's settings said
# best_epoch -1 (the per-seed best epochs are in extra["per_seed"]) and model None.
FIT_STATE = ("best_epoch", "converged", "model")


# The version of the linear learners' training, in the config (hence the store's request key) of the requests
# whose models it changed, so a store does not serve what was computed before: 2 seeds the perceptron's shuffle
# and gives the OOV flag under oov=unk only. Requests it did not change (crf with oov=unk, the torch learners)
# keep their keys and records.
LINEAR_VERSION = OPTIONAL_CONFIG["linear_version"][0]


def _linear_version(cfg: Mapping[str, Any]) -> int | None:
    changed = cfg["learner"] == "perceptron" or (cfg["learner"] == "crf" and cfg["oov"] != "unk")
    return LINEAR_VERSION if changed else None


def resolve_config(config: Mapping | None) -> dict[str, Any]:
    """DEFAULT_CONFIG overlaid by ``config`` (one merger: wordeval.config), checked."""
    from wordeval.config import merge_config
    config = dict(config or {})
    optional = {k: config.pop(k) for k in OPTIONAL_CONFIG if k in config}
    return validate_config({**merge_config(DEFAULT_CONFIG, config, owner="tagging"), **optional})


_TYPE_WORDS = {int: "an integer", bool: "true or false", str: "a string", float: "a number",
               type(None): "None"}


def _type_words(types) -> str:
    """What a ``_TYPES`` entry takes, in words: 'has the wrong type' left the user guessing at it."""
    types = types if isinstance(types, tuple) else (types,)
    if float in types:  # (float, int) is one kind of value to a user: a number
        types = tuple(t for t in types if t is not int)
    return " or ".join(_TYPE_WORDS[t] for t in types)


def validate_config(cfg: Mapping[str, Any]) -> dict[str, Any]:
    cfg = dict(cfg)
    for key, allowed in OPTIONAL_CONFIG.items():
        if key in cfg and cfg[key] not in allowed:
            raise ConfigError(f"tagging option {key} must be one of {', '.join(allowed)}, got {cfg[key]!r}")
        if cfg.get(key) == allowed[0]:
            del cfg[key]  # the default is not written, so the key of a default request never changes
    for key, types in _TYPES.items():
        value = cfg[key]
        if isinstance(value, bool) and types is int or not isinstance(value, types):
            raise ConfigError(f"tagging option {key} has the wrong type: expected {_type_words(types)}, got "
                              f"{type(value).__name__} {value!r:.60}")
    for key, low in (("n_seeds", 1), ("window", 0), ("clusters", 0)):
        if cfg[key] < low:
            raise ConfigError(f"tagging option {key} must be an integer >= {low}, got {cfg[key]!r}")
    # checked here, with the others, not when a cell first uses them: --set decode=bar stopped a run only
    # after its other tasks had trained (or, with --keep-going, was stored as a failed cell)
    from wordeval.embeddings.case import CASE_POLICIES
    from wordeval.extrinsic.features import OOV_POLICIES
    from wordeval.extrinsic.learners.decoding import DECODINGS

    for key, allowed in (("oov", OOV_POLICIES), ("case", CASE_POLICIES)):
        if cfg[key] not in allowed:
            raise ConfigError(f"tagging option {key} must be one of {', '.join(allowed)}, got {cfg[key]!r}")
    if cfg.get("decode") is not None and cfg["decode"] not in DECODINGS:
        raise ConfigError(f"tagging option decode must be one of {', '.join(DECODINGS)}, got {cfg['decode']!r}")
    for key in ("epochs", "hidden", "patience", "threads"):
        if cfg.get(key) is not None and cfg[key] < 1:
            raise ConfigError(f"tagging option {key} must be a positive integer or None, got {cfg[key]!r}")
    for key in ("n_seeds", "window", "clusters", "epochs", "hidden", "patience", "threads"):
        # crfsuite's iteration limit and torch's thread count are C ints: epochs = 10**20 was a traceback
        high = MAX_N_SEEDS if key == "n_seeds" else INT32_MAX
        if cfg.get(key) is not None and cfg[key] > high:
            raise ConfigError(f"tagging option {key} must be an integer <= {high}, got {cfg[key]!r}")
    if cfg.get("dropout") is not None and not 0 <= cfg["dropout"] < 1:
        raise ConfigError(f"tagging option dropout must be in [0, 1), got {cfg['dropout']!r}")
    from wordeval.devices import check_device
    from wordeval.options import device
    cfg["device"] = check_device(device(cfg["device"], "device"))
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.profiles import get_profile

    learner_class(cfg["learner"])
    get_profile(cfg["profile"])
    if _linear_version(cfg) is not None:
        cfg["linear_version"] = _linear_version(cfg)
    if cfg["finetune"] and cfg["oov"] != "unk" and cfg["learner"] in ("mlp", "bilstm-crf"):
        cfg["oov_rows"] = "fixed"
    if cfg["learner"] in ("crf", "perceptron") and cfg["clusters"] > 0:
        cfg["kmeans"] = "float64"
    if cfg["oov"] == "random" and cfg["n_seeds"] > 1 and cfg["learner"] != "bert-finetune":
        cfg["oov_draws"] = "per-seed"  # one seed draws with that seed, as before: those records keep their keys
    if cfg["oov"] == "random" and cfg["case"] == "lower" and cfg["learner"] != "bert-finetune":
        cfg["oov_types"] = "case"  # under exact and exact-then-lower an OOV word is looked up as written: no change
    return cfg


def check_learner_options(cfg: Mapping[str, Any]) -> None:
    """Options the chosen learner does not take (lexical or clusters on mlp, decode or finetune on crf, hidden on
    crf or bert-finetune): found when the first cell was scored, they stopped a run after its store was created
    and other tasks had trained. Checked with the data, where the run's learner is known, not in
    ``validate_config``: a spec's ``[config] lexical = true`` is a valid default for runs with ``--learner crf``."""
    from wordeval.extrinsic.learners import learner_class

    learner_class(cfg["learner"])(**_learner_params(cfg))


def check_data(spec: TaskSpec, dataset, cfg: Mapping[str, Any]) -> list[str]:
    """What the options ask of the data, checked when it is loaded: strict span reading needs B-/S- chunk
    starts, which IOB1 does not write (found only when the first cell was scored)."""
    try:
        check_learner_options(cfg)
    except ConfigError as exc:
        raise ConfigError(f"{spec.name}: {exc}") from None
    scheme = (dataset.metadata or {}).get("scheme")
    if cfg.get("chunks") == "strict" and scheme == "IOB1":
        raise ConfigError(f"{spec.name}: chunks = \"strict\" reads chunks from B-/S- starts, which IOB1 tags do "
                          f"not have; use the default chunks = \"conlleval\" for this IOB1 data")
    return []


def check_representation(spec: TaskSpec, dataset, cfg: Mapping[str, Any], embedding_spec: str, load, *,
                         name: str | None = None) -> None:
    """What the options ask of a representation on this task's sentences, checked when a run is planned:
    ``clusters = K`` needs K words the representation covers (found only when the cell trained, after the
    run's other cells). ``load()`` loads the representation; a corpus-trained one is not built here: it covers
    at most the task's distinct words, the exact count is checked when the cell builds its features. ``name``:
    the representation's label, for the message."""
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.embeddings.load import is_builder_spec, split_label
    from wordeval.extrinsic.features import build_features, check_cluster_count

    check_memory(spec, dataset, cfg, embedding_spec, load, name=name)
    if cfg["learner"] not in ("crf", "perceptron") or not cfg["clusters"]:
        return
    data, _ = _split_items(spec, dataset, cfg)
    tokens = {s: [x.tokens for x in items] for s, items in data.items()}
    n_types = len({t for sents in tokens.values() for s in sents for t in s})
    if is_builder_spec(embedding_spec):
        if split_label(embedding_spec)[1].partition(":")[0] == "brown":
            return  # a Brown clustering's K selects prefix features: no k-means, no count to meet
        count, what = n_types, "distinct words"
    else:
        embedding = load()
        if hasattr(embedding, "cluster_paths"):
            return
        if isinstance(embedding, StaticEmbedding):  # a table: the lookup is cheap, count what it covers
            features = build_features(embedding, tokens, oov=cfg["oov"], case=cfg["case"])
            count = len(features.table) - 1 - len(features.own_oov_rows()) - (features.unk_row is not None)
            what = "distinct words the representation covers"
        elif hasattr(embedding, "lookup"):  # words encoded one by one: that is the cell's work, bound it
            count, what = n_types, "distinct words"
        else:
            count, what = sum(len(s) for sents in tokens.values() for s in sents), "token vectors"
    try:
        check_cluster_count(cfg["clusters"], count, what)
    except ConfigError as exc:
        raise ConfigError(f"{spec.name} on {name or embedding_spec}: {exc}") from None


# the widest vectors a representation is taken to have before it is loaded (to see whether its size matters)
WIDEST_GUESS = 4096


def check_memory(spec: TaskSpec, dataset, cfg: Mapping[str, Any], embedding_spec: str, load, *,
                 name: str | None = None) -> None:
    """Refuse, when a run is planned, a cell whose fit would need more memory than the machine has
    (``wordeval.memory_limit``): ``window = 100000`` or ``hidden = 100000000`` ran out of memory in torch
    minutes later. The representation is loaded only when its width decides; a corpus-trained one is not
    built: its ``dim`` (100 unless given) is used."""
    from wordeval.embeddings.load import is_builder_spec, parse_builder_args, split_label
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.learners.memory import DataSizes, fit_bytes
    from wordeval.memory_limit import check_fits

    learner = learner_class(cfg["learner"])(**_learner_params(cfg))
    if cfg["learner"] == "bert-finetune":
        data, _ = _split_items(spec, dataset, cfg)
        # a piece spells at least one byte of its word (or is the one unknown piece): pieces <= UTF-8 bytes
        longest = max((sum(max(1, len(t.encode())) for t in x.tokens) for items in data.values() for x in items),
                      default=1)
        _check_finetune_memory(learner, embedding_spec, longest + 4, what=f"{spec.name} on {name or embedding_spec} "
                                                             f"(learner bert-finetune)")
        return
    data, _ = _split_items(spec, dataset, cfg)
    n = {s: sum(len(x.tokens) for x in items) for s, items in data.items()}
    longest = max((len(x.tokens) for items in data.values() for x in items), default=0)
    n_tags = len({t for x in data["train"] for t in x.tags})
    n_types = len({t for items in data.values() for x in items for t in x.tokens})

    def sizes(rows: int) -> DataSizes:
        return DataSizes(n["train"], n["dev"], n["test"], longest, n_tags, rows)

    what = f"{spec.name} on {name or embedding_spec} (learner {cfg['learner']})"
    options = ", ".join(f"{k} = {cfg[k]}" for k in ("window", "hidden")
                        if cfg.get(k) not in (None, DEFAULT_CONFIG[k]) and k in vars(learner))
    options = options or "the task's size"
    check_fits(fit_bytes(learner, 0, sizes(n_types + 2)), what=what, options=options)  # no load: a lower bound
    token_rows = sum(n.values()) + 1
    if not fit_bytes(learner, 0, sizes(0)) or _fits(fit_bytes(learner, WIDEST_GUESS, sizes(token_rows))):
        return
    if is_builder_spec(embedding_spec):
        kind, _, args = split_label(embedding_spec)[1].partition(":")
        asked = parse_builder_args(args)[1].get("dim", "100")
        dim = 0 if kind == "brown" else int(asked) if asked.isdigit() else WIDEST_GUESS
        rows = n_types + 2
    else:
        embedding = load()
        dim = 0 if hasattr(embedding, "cluster_paths") else int(embedding.info.dim)
        rows = n_types + 2 if hasattr(embedding, "lookup") or hasattr(embedding, "cluster_paths") else token_rows
    check_fits(fit_bytes(learner, dim, sizes(rows)), what=what, options=options)


def _check_finetune_memory(learner, embedding_spec: str, pieces: int, *, what: str) -> None:
    """bert-finetune keeps every layer's activations of a batch of windows for the backward pass, and the
    weights six times: a large model or ``max_length`` died in torch once the cell trained."""
    from wordeval.embeddings.bert import _positive_int
    from wordeval.embeddings.encoder_memory import check_encoder_memory, spec_model_dir

    found = spec_model_dir(embedding_spec)
    if found is None:
        return  # not an encoder, or not found: the learner or loading says so when the cell runs
    model_dir, options = found
    length = min(pieces, _positive_int("max_length", options.get("max_length", 10 ** 9)))
    given = f"max_length = {options['max_length']}" if "max_length" in options else "the encoder's max_length"
    check_encoder_memory(model_dir, batch=learner.batch_size, length=length, training=True, what=what,
                         options=given)


def fit_memory(spec: TaskSpec, dataset, config: Mapping | None, embedding) -> tuple[float, float]:
    """(bytes one fit of this cell is estimated to hold, of which the process's one-off share: torch's
    runtime), with the loaded representation's width; the runner trains several fits side by side only as
    many as fit together."""
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.learners.memory import TORCH_RUNTIME, DataSizes, fit_bytes

    cfg = resolve_config(config)
    learner = learner_class(cfg["learner"])(**_learner_params(cfg))
    data, _ = _split_items(spec, dataset, cfg)
    n = {s: sum(len(x.tokens) for x in items) for s, items in data.items()}
    longest = max((len(x.tokens) for items in data.values() for x in items), default=0)
    n_tags = len({t for x in data["train"] for t in x.tags})
    n_types = len({t for items in data.values() for x in items for t in x.tokens})
    paths = hasattr(embedding, "cluster_paths")
    rows = n_types + 2 if hasattr(embedding, "lookup") or paths else sum(n.values()) + 1
    sizes = DataSizes(n["train"], n["dev"], n["test"], longest, n_tags, rows)
    parts = fit_bytes(learner, 0 if paths else int(embedding.info.dim), sizes)
    return float(sum(parts.values())), float(parts.get("torch's runtime", 0))


def _fits(parts: Mapping[str, float]) -> bool:
    from wordeval.memory_limit import memory_limit

    limit = memory_limit()[0]
    return limit is None or sum(parts.values()) <= limit


def main_score_from_items(columns: Mapping[str, Any]) -> float:
    """F1 from summed tp/fp/fn, or accuracy from summed correct/total (counts are summed over seeds)."""
    if "tp" in columns:
        return f1_from_counts(columns["tp"], columns["fp"], columns["fn"])
    total = float(np.sum(columns["total"]))
    return float(np.sum(columns["correct"])) / total if total else float("nan")


def _learner_params(cfg: Mapping[str, Any]) -> dict[str, Any]:
    from wordeval.extrinsic.profiles import get_profile

    if cfg["learner"] == "bert-finetune":
        from wordeval.extrinsic.learners.bert_tagger import PROFILE_EPOCHS

        if cfg["hidden"] is not None or cfg["clusters"] or cfg["lexical"]:
            raise ConfigError("learner=bert-finetune has no hidden layer or cluster/lexical features (a linear "
                              "head on the encoder)")
        params = {"epochs": cfg["epochs"] or PROFILE_EPOCHS[cfg["profile"]], "device": cfg["device"],
                  "threads": cfg["threads"]}
        if cfg["dropout"] is not None:
            params["dropout"] = float(cfg["dropout"])
        if cfg["patience"] is not None:
            params["patience"] = cfg["patience"]
        if cfg["decode"] is not None:
            raise ConfigError("decode is an option of learner=mlp (bert-finetune decodes greedily)")
        return params
    if cfg["decode"] is not None and cfg["learner"] != "mlp":
        raise ConfigError(f"decode is an option of learner=mlp; {cfg['learner']} has its own decoding")
    unused = [k for k in ("hidden", "dropout") if cfg[k] is not None]
    if unused and cfg["learner"] not in ("mlp", "bilstm-crf"):  # the linear learners would ignore them
        raise ConfigError(f"{' and '.join(unused)} {'is an option' if len(unused) == 1 else 'are options'} of "
                          f"the torch learners (mlp, bilstm-crf), not {cfg['learner']}")
    if cfg["patience"] is not None and cfg["learner"] not in ("mlp", "bilstm-crf"):
        raise ConfigError(f"patience is an option of the torch learners (mlp, bilstm-crf, bert-finetune), "
                          f"not {cfg['learner']}")
    params: dict[str, Any] = {"finetune": cfg["finetune"]}
    params["epochs"] = cfg["epochs"] or get_profile(cfg["profile"])["epochs"][cfg["learner"]]
    if cfg["learner"] in ("mlp", "crf", "perceptron"):
        params["window"] = cfg["window"]
    if cfg["learner"] in ("crf", "perceptron"):
        params["clusters"] = cfg["clusters"]
        params["lexical"] = cfg["lexical"]
    elif cfg["clusters"] or cfg["lexical"]:
        raise ConfigError("cluster-id and lexical features are for the linear learners (crf, perceptron)")
    if cfg["learner"] in ("mlp", "bilstm-crf"):
        params.update(device=cfg["device"], threads=cfg["threads"])
        for key in ("patience", "decode"):
            if cfg[key] is not None:
                params[key] = cfg[key]
        if cfg["hidden"] is not None:
            params["hidden"] = cfg["hidden"]
        if cfg["dropout"] is not None:
            params["dropout"] = float(cfg["dropout"])
    return params


def seeds_run_concurrently(config: Mapping | None) -> bool:
    """Whether cells that differ only in their seed may train at the same time, in threads of one process.

    Yes for the window MLP on CPU with one torch thread: every random draw of a fit is seeded by that fit
    (initialisation under ``torch_common.INIT_LOCK``, its own generators for batch order and dropout), torch
    releases the GIL inside its kernels, and the runner pins torch to one intra-op thread for the whole
    concurrent phase, so each record is bit for bit the record of a one-at-a-time run (tested). Not for the
    other learners (bilstm-crf and bert-finetune draw dropout from torch's global generator; crf and
    perceptron hold the GIL), nor where a GPU may be used."""
    try:
        cfg = resolve_config(config)
    except ConfigError:
        return False
    if cfg["learner"] != "mlp" or cfg["threads"] not in (1, None) or cfg["device"] not in ("auto", "cpu"):
        return False
    if cfg["device"] == "auto":
        from wordeval.intrinsic.analogy_kernels import nvidia_driver_visible
        return not nvidia_driver_visible()
    return True


def score(task: TaskSpec, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False,
          predictions=None):
    return evaluate_dataset(task, embedding, dataset, config=config, seed=seed, progress=progress,
                            predictions=predictions)


def prepare_encoder(spec: TaskSpec, embedding, dataset, *, config: Mapping | None = None) -> None:
    """Encode, into the encoding cache, the token features that every cell of this task reads from this
    encoder, so that the runner can train those cells side by side afterwards instead of letting the first
    one encode (and then train) alone while a core idles. Nothing to do for a word table (its features are
    cheap lookups) or for learners that train the encoder. The features are those ``evaluate_dataset``
    builds (same splits, same calls), so its cells find them cached."""
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners import learner_class

    cfg = resolve_config(config)
    if hasattr(embedding, "lookup") or getattr(learner_class(cfg["learner"]), "needs_encoder", False):
        return
    data, _ = _split_items(spec, dataset, cfg)
    build_features(embedding, {s: [x.tokens for x in items] for s, items in data.items()}, oov=cfg["oov"],
                   case=cfg["case"])


def _split_items(spec: TaskSpec, dataset, cfg: Mapping) -> tuple[dict[str, list], Any]:
    """The train, dev and test items a cell uses (the profile's subsamples), and the test subsample's index."""
    from wordeval.extrinsic.profiles import split_limits, subsample

    missing = [s for s in ("train", "dev", spec.split) if s not in dataset.splits]
    if missing:
        raise ConfigError(f"dataset {dataset.name} has no {', '.join(missing)} split (has {sorted(dataset.splits)})")
    limits = split_limits(cfg["profile"], cfg["learner"])
    data, test_index = {}, None
    for split, name in (("train", "train"), ("dev", "dev"), ("test", spec.split)):
        items, index = subsample(dataset.splits[name], limits[split])
        data[split] = items
        if split == "test":
            test_index = index
    return data, test_index


def evaluate_dataset(spec: TaskSpec, embedding, dataset, *, config: Mapping | None = None, seed: int = 0,
                     progress: bool = True, predictions=None):
    """``evaluate`` on an already loaded Dataset (tests pass small in-memory ones)."""
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.profiles import SUBSAMPLE_SEED, split_limits
    from wordeval.results.build import make_record
    from wordeval.stats.bootstrap import bootstrap_ci

    cfg = resolve_config(config)
    is_pos = spec.main_score == "accuracy"
    scheme = None if is_pos else check_scheme(dataset.metadata.get("scheme"))
    chunks = cfg.get("chunks", "conlleval")
    if chunks == "strict" and scheme not in ("IOB2", "IOBES"):
        raise ConfigError(f"{spec.name}: chunks=strict needs IOB2 or IOBES tags; this dataset is {scheme or 'POS'}")
    data, test_index = _split_items(spec, dataset, cfg)
    limits = split_limits(cfg["profile"], cfg["learner"])
    tags = {s: [list(x.tags) for x in items] for s, items in data.items()}

    def score(gold, pred) -> float:
        if is_pos:
            c, t = token_accuracy_counts(gold, pred)
            return float(c.sum()) / max(1, int(t.sum()))
        return span_scores(gold, pred, scheme=scheme, mode=chunks)["f1"]

    params = _learner_params(cfg)
    cls = learner_class(cfg["learner"])
    if cfg["learner"] in _TORCH:
        # torch comes with the bert extra only: without it the default learner (mlp) was a traceback, 'a
        # bug in wordeval', on every install without [bert]; now the cell is skipped with the reason
        from wordeval.optional import import_optional
        import_optional("torch", extra="bert", needed_for=f"learner={cfg['learner']}")
    t0 = time.perf_counter()
    tokens = {s: [x.tokens for x in items] for s, items in data.items()}
    if getattr(cls, "needs_encoder", False):  # bert-finetune trains the encoder itself: no frozen features
        from wordeval.extrinsic.learners.bert_tagger import EncoderInputs

        features = EncoderInputs(embedding, tokens)
    else:
        features = build_features(embedding, tokens, oov=cfg["oov"], case=cfg["case"], seed=seed)
        if cfg["finetune"] and features.level == "token":
            raise ConfigError("finetune=True trains word-lookup rows; to fine-tune a transformer encoder use "
                              "learner=bert-finetune")
        if features.level == "token":
            from wordeval.option_effects import note_lookup_options_on_encoder
            note_lookup_options_on_encoder(cfg, DEFAULT_CONFIG, embedding.info.name,
                                           "an encoder gives every token its own vector, as written")
    feature_seconds = time.perf_counter() - t0
    # Every effective hyperparameter (defaults included) goes into the recorded config, so a changed
    # default changes the result's cache key instead of silently reusing an old number.
    settings = {k: v for k, v in vars(cls(**params)).items() if not k.startswith("_") and k not in FIT_STATE
                and isinstance(v, (bool, int, float, str, type(None)))}
    per_seed: dict[str, list] = {"seed": [], "dev": [], "best_epoch": [], "converged": [], "iterations": [],
                                 "train_seconds": []}
    per_type: dict[str, list[float]] = {}
    n_test = len(data["test"])
    summed = {k: np.zeros(n_test, dtype=np.int64) for k in (("correct", "total") if is_pos else ("tp", "fp", "fn"))}
    seed_counts: list[dict[str, np.ndarray]] = []  # each seed's own per-sentence counts (schema 3)
    from wordeval.option_effects import crf_fit_reads_no_seed
    # the fit of the first seed is every seed's: recorded for each, so the record (its seeds, sd 0, per-seed
    # counts, request key) is the one three fits gave, in a third of the time
    one_fit = crf_fit_reads_no_seed(cfg) and cfg["n_seeds"] > 1
    for k in range(cfg["n_seeds"]):
        run_seed = seed + k
        if k and not one_fit and cfg.get("oov_draws") == "per-seed" and features.level == "type":
            # each seed its own OOV vectors, as classification's pooler draws them: drawn once, from the first
            # seed, seed s inside a record was another fit than the record of --seed s, and the sd left them out
            features = build_features(embedding, tokens, oov=cfg["oov"], case=cfg["case"], seed=run_seed)
        t1 = time.perf_counter()
        if not (one_fit and k):
            try:
                learner = cls(**params).fit(features, tags["train"], tags["dev"], score=score, seed=run_seed,
                                            progress=progress)
            except ConfigError as exc:  # what the data allows (K clusters) is known only here: say which cell
                raise ConfigError(f"{spec.name} on {embedding.info.name}: {exc}") from None
            pred = learner.predict(features, "test")
        if predictions is not None:
            from wordeval.results.predictions import write_conll
            write_conll(predictions, spec, embedding, tokens["test"], tags["test"], pred, seed=run_seed)
        per_seed["seed"].append(run_seed)
        per_seed["dev"].append(max(learner.history) if learner.history else None)  # the restored model's
        per_seed["best_epoch"].append(learner.best_epoch)
        # False: the epoch limit, not the patience rule, ended training (None: no early stopping, crf/perceptron)
        per_seed["converged"].append(getattr(learner, "converged", None))
        # epochs (L-BFGS iterations for crf) the fit ran, against the limit config.learner_settings.epochs
        per_seed["iterations"].append(getattr(learner, "iterations", None))
        per_seed["train_seconds"].append(round(time.perf_counter() - t1, 2))
        used = _device_used(learner)
        if used is not None:
            per_seed.setdefault("device", []).append(used)
        if is_pos:
            correct, total = token_accuracy_counts(tags["test"], pred)
            summed["correct"] += correct
            summed["total"] += total
            seed_counts.append({"correct": correct, "total": total})
            per_seed.setdefault("accuracy", []).append(float(correct.sum()) / max(1, int(total.sum())))
        else:
            s = span_scores(tags["test"], pred, scheme=scheme, mode=chunks)
            c = s["counts"]
            summed["tp"] += c.tp
            summed["fp"] += c.fp
            summed["fn"] += c.fn
            seed_counts.append({"tp": c.tp, "fp": c.fp, "fn": c.fn})
            for key in ("f1", "precision", "recall"):
                per_seed.setdefault(key, []).append(s[key])
            for type_, v in s["per_type"].items():
                per_type.setdefault(type_, []).append(v["f1"])

    if per_seed.get("device") and "device_name" in settings:
        # the unfitted learner holds the device asked for ('auto'); a reader of the record needs the one used
        settings["device_name"] = ",".join(dict.fromkeys(per_seed["device"]))
    main = spec.main_score
    scores: dict[str, float | None] = {}
    for key in (("accuracy",) if is_pos else ("f1", "precision", "recall")):
        scores[key], scores[f"{key}_sd"] = mean_sd(per_seed[key])
    oov_rates = features.oov_rates()
    scores["oov_rate"] = oov_rates["test"]
    # the CI of the number the record reports, the mean of the seeds' scores: for F1 the F1 of summed counts
    # is another statistic, and its interval was shown around the mean
    names = list(summed)
    columns = [counts[k] for counts in seed_counts for k in names]

    def mean_of_seeds(*cols) -> float:
        return float(np.mean([main_score_from_items(dict(zip(names, cols[i:i + len(names)])))
                              for i in range(0, len(cols), len(names))]))

    ci = bootstrap_ci(mean_of_seeds, *columns, n_boot=CI_BOOT, level=CI_LEVEL, seed=seed)
    per_item = add_seed_columns({"id": [int(i) for i in test_index], **{k: v.tolist() for k, v in summed.items()}},
                                seed_counts)
    recorded = dict(cfg, learner_params=params, learner_settings=settings, scheme=scheme,
                    subsample={"seed": SUBSAMPLE_SEED, "max_sentences": limits,
                               "n_sentences": {s: len(v) for s, v in data.items()}})
    extra = {"per_seed": per_seed, "oov_rate": oov_rates, "feature_level": features.level,
             "feature_seconds": round(feature_seconds, 2),
             "per_item_counts": "summed over seeds; each seed's own in NAME@K" if len(seed_counts) > 1 else
             "summed over seeds",
             # none where no interval came out (fewer than 10 test sentences), as the other families record it
             "ci_of": f"mean {main} over seeds (bootstrap over test sentences)" if np.all(np.isfinite(ci)) else None,
             # as the other families' records name theirs: without it a reader of extra.ci_method took a
             # tagging record's interval for none (null there means no interval came out)
             "ci_method": CI_METHOD if np.all(np.isfinite(ci)) else None,
             "protocol": {"n_sentences": {s: len(v) for s, v in data.items()},
                          "n_available": {s: len(dataset.splits[n]) for s, n in
                                          (("train", "train"), ("dev", "dev"), ("test", spec.split))},
                          "seeds": list(per_seed["seed"]), "learner": cfg["learner"]}}
    if one_fit:
        extra["one_fit"] = {"fitted_with_seed": seed, "why": "a crf without clusters or oov = \"random\" draws "
                            "nothing at random (L-BFGS reads the sentences in order): every seed gives this "
                            "fit, which is recorded for each (train_seconds 0 for the copies)"}
    describe = getattr(embedding, "describe_windows", None)
    if features.level != "type" and callable(describe):  # a transformer's windows (bert-finetune's too)
        # here, not with the features: prepare_encoder builds them too, and a description costs a tokenisation
        extra["token_windows"] = {s: describe([list(x) for x in sents]) for s, sents in tokens.items()}
    if per_type:
        extra["per_type_f1"] = {t: float(np.mean(v)) for t, v in sorted(per_type.items())}
    return make_record(spec, embedding, dataset, config=recorded, scores=scores, n_total=len(dataset.splits[spec.split]),
                       n_used=n_test, seed=seed, ci={main: list(ci)}, per_item=per_item, extra=extra,
                       dataset_extra={"scheme": scheme, **({"scheme_converted": dataset.metadata["scheme_converted"]}
                                                           if dataset.metadata.get("scheme_converted") else {})})


def _device_used(learner) -> str | None:
    """Where a fitted torch learner's model lives ('cpu', 'cuda:0'); None for the linear learners."""
    parameters = getattr(getattr(learner, "model", None), "parameters", None)
    first = next(iter(parameters()), None) if callable(parameters) else None
    return None if first is None or not hasattr(first, "device") else str(first.device)
