"""Registry-facing builders: embeddings trained on a corpus (``lsa``, ``lsa-tfidf``, ``word2vec``, ``glove``).

A spec like ``word2vec:corpus=news,window=5`` arrives here as string keyword arguments. Each builder
parses and validates them (ConfigError), then reuses the model cached under
``cache_home()/built/<key>/`` or trains it and saves it there atomically (``vectors.npy``, ``words.txt``,
``meta.json``). The key hashes the builder, its version, every parameter and the corpus fingerprint, so a
change to any of them trains a new model. All builders on one corpus share its vocabulary (the words
with at least ``min_count`` occurrences, most frequent first), which keeps comparisons controlled.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from wordeval.atomic_write import OWNER as WRITER_MARK
from wordeval.atomic_write import (current_umask, machine_errors, mark_writer, place_once, sweep_abandoned,
                                   writer_prefix)
from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_checksums import checksums, first_mismatch
from wordeval.embeddings.npy_save import save_npy
from wordeval.embeddings.packaged import GLOVE_CITATION
from wordeval.embeddings.unsaved_models import keep_model, kept_model
from wordeval.errors import ConfigError, InputFormatError, MissingFileError, OutputError
from wordeval.paths import cache_home as _cache_home

BUILT_FORMAT = "wordeval-built"
BUILT_DATA_FILES = ("vectors.npy", "words.txt")
# bump a builder's version whenever its output for the same parameters can change (word2vec 2: sentences
# longer than 10,000 words are cut into pieces, no longer truncated by gensim; lsa 2, lsa-tfidf 2: a truncated
# SVD whose last bits no longer depend on the BLAS thread count, in place of sklearn's)
BUILDER_VERSIONS = {"lsa": 2, "lsa-tfidf": 2, "word2vec": 2, "glove": 2, "brown": 1}

LEVY_CITATION = """@article{levy2015improving,
  title = {Improving Distributional Similarity with Lessons Learned from Word Embeddings},
  author = {Levy, Omer and Goldberg, Yoav and Dagan, Ido},
  journal = {Transactions of the Association for Computational Linguistics},
  volume = {3},
  pages = {211--225},
  year = {2015}
}"""
DEERWESTER_CITATION = """@article{deerwester1990indexing,
  title = {Indexing by Latent Semantic Analysis},
  author = {Deerwester, Scott and Dumais, Susan T. and Furnas, George W. and Landauer, Thomas K. and Harshman, Richard},
  journal = {Journal of the American Society for Information Science},
  volume = {41},
  number = {6},
  pages = {391--407},
  year = {1990}
}"""
MIKOLOV_CITATION = """@inproceedings{mikolov2013distributed,
  title = {Distributed Representations of Words and Phrases and their Compositionality},
  author = {Mikolov, Tomas and Sutskever, Ilya and Chen, Kai and Corrado, Greg and Dean, Jeffrey},
  booktitle = {Advances in Neural Information Processing Systems 26},
  pages = {3111--3119},
  year = {2013}
}"""


# -- parameter parsing (wordeval.options: the one converter set the CLI, BERT specs and corpora use too) --------
from wordeval.options import boolean as _bool  # noqa: E402
from wordeval.options import choice as _choice  # noqa: E402
from wordeval.options import device as _device  # noqa: E402
from wordeval.options import MAX_SEED, integer, number, optional  # noqa: E402

# gensim's Cython kernels hold the counts in C ints: a larger window or negative raised OverflowError in
# gensim's worker thread, which died while the run waited for it forever
INT32_MAX = 2 ** 31 - 1


def _int(lo: int | None = 1) -> Callable[[Any, str], int]:
    return integer(lo, INT32_MAX)


def _float(lo: float | None = None, *, strict: bool = True) -> Callable[[Any, str], float]:
    return number(lo, lo_open=strict)


_optional_int = optional(integer(1, INT32_MAX))
# GloVe's AdaGrad step is a float32 scalar in torch: a larger lr was a traceback
_FLOAT32_MAX = float(np.finfo(np.float32).max)


_CORPUS = {"min_count": (_int(1), 5), "lowercase": (_bool, True), "max_documents": (_optional_int, None),
           "dim": (_int(1), 100), "seed": (integer(0, MAX_SEED), 0)}  # numpy's and sklearn's seeds are < 2**32
PARAMETERS: dict[str, dict[str, tuple[Callable, Any]]] = {
    "lsa": {**_CORPUS, "window": (_int(1), 5), "weighting": (_choice("uniform", "harmonic"), "uniform"),
            "alpha": (_float(0.0), 0.75), "k": (_float(1.0, strict=False), 1.0), "p": (_float(0.0, strict=False), 0.5)},
    "lsa-tfidf": {**_CORPUS, "sublinear_tf": (_bool, True), "p": (_float(0.0, strict=False), 1.0)},
    "word2vec": {**_CORPUS, "window": (_int(1), 5), "sg": (_bool, True), "negative": (_int(1), 5),
                 "sample": (_float(0.0, strict=False), 1e-3), "epochs": (_int(1), 5)},
    "glove": {**_CORPUS, "window": (_int(1), 5), "weighting": (_choice("uniform", "harmonic"), "harmonic"),
              "epochs": (_int(1), 10), "x_max": (_float(0.0), 100.0), "alpha": (_float(0.0), 0.75),
              "lr": (number(0.0, _FLOAT32_MAX, lo_open=True), 0.5), "batch_size": (_int(1), 65536), "device": (_device, "auto")},
    # brown.py: C clusters, no dim or seed (deterministic); min_count is wcluster's --min-occur, 5 as the
    # other builders' shared vocabulary (wcluster's default is 1)
    "brown": {"clusters": (_int(1), 1000), "min_count": (_int(1), 5), "lowercase": (_bool, True),
              "max_documents": (_optional_int, None)},
}
CITATIONS = {"lsa": LEVY_CITATION, "lsa-tfidf": DEERWESTER_CITATION, "word2vec": MIKOLOV_CITATION,
             "glove": GLOVE_CITATION}


def trained_citation(method_citation: str | None, parameters) -> str | None:
    """The method's BibTeX and its training corpus's (a named corpus: ``corpus.corpus_citation``): numbers on
    a trained representation rest on the data it was trained on as much as on the method."""
    from wordeval.embeddings.corpus import corpus_citation

    corpus = corpus_citation(str((parameters or {}).get("corpus", "")))
    return "\n\n".join(c for c in (method_citation, corpus) if c) or None


def parse_parameters(builder: str, params: dict[str, Any]) -> dict[str, Any]:
    """Convert and validate string parameters; unknown keys are a ConfigError naming the known ones."""
    from wordeval.options import parse_options
    return parse_options(f"{builder} (besides corpus and name)", params, PARAMETERS[builder])


# -- the built-model folder ------------------------------------------------------------------------
def save_built(folder: str | os.PathLike, words: list[str], vectors: np.ndarray, meta: dict) -> Path:
    """Write the three files to a temporary sibling folder and rename it into place (never half-written)."""
    bad = next((w for w in words if not w or any(ch.isspace() for ch in w)), None)
    if bad is not None:
        raise ConfigError(f"cannot save word {bad!r}: words.txt holds one whitespace-free word per line")

    def fill(tmp: Path) -> None:
        save_npy(tmp / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
        (tmp / "words.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
        # meta.json records the other two files' checksums: a damaged entry is otherwise read as valid
        # vectors, with silently wrong scores
        entry_meta = {**meta, "files": checksums(tmp, BUILT_DATA_FILES)}
        (tmp / "meta.json").write_text(json.dumps(entry_meta, indent=2, sort_keys=True), encoding="utf-8")

    return place_entry(folder, fill)


def place_entry(folder: str | os.PathLike, fill: Callable[[Path], None]) -> Path:
    """Fill a temporary sibling of ``folder`` with ``fill`` (which writes ``meta.json`` last: it marks a complete
    entry) and rename it into place, unless a complete entry is there already: that is another run's build of
    the same key (builder, version, every parameter, corpus), and it is kept, so a run reading it meanwhile
    never finds the key missing or half-removed and rebuilds it. Every builder's entry is written here."""
    folder = Path(folder)
    with machine_errors(folder.parent, cache=True):  # a file named 'built': one line naming it, not "File exists"
        folder.parent.mkdir(parents=True, exist_ok=True)
        # marked with its writer, so that the next save of the key removes what a killed build (SIGKILL, the OOM
        # killer) left here: a matrix as large as the entry, which nothing else would ever remove
        sweep_abandoned(folder)
        # the name says whose it is too: a kill before the owner file was written, or after it was removed for
        # the rename, left '.KEY.xxxxxxxx' (the whole matrix) that no later save could tell from a live writer's
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=writer_prefix(folder)))
    try:
        # a full disk or `ulimit -f` while filling: the warning names the entry and says to free space, where
        # the bare OSError ('[Errno 27] File too large') named no path and advised a writable folder
        with machine_errors(folder, cache=True):
            mark_writer(tmp)
            fill(tmp)
            (tmp / WRITER_MARK).unlink()
            # mkdtemp's 0700 kept the entry from the other users of a shared cache: their runs could not read
            # it, nor replace it, and trained the model again on every run
            os.chmod(tmp, 0o777 & ~current_umask())
            placed = place_once(tmp, folder, "meta.json")
        if not placed:
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def reuse_built(folder: Path, load, *, spec: str, source, name: str | None, use_cache: bool):
    """The cached entry at ``folder`` loaded with ``load`` (a damaged one is discarded), else the model this
    process trained but could not save there (``unsaved_models``), else None: build it."""
    if not use_cache:
        return None
    if (folder / "meta.json").is_file():
        try:
            emb = load(folder, name=name, request=(spec, source), cached=True)
        except (InputFormatError, MissingFileError, OSError) as exc:
            discard_damaged(folder, exc)
        else:
            # as the vector cache marks its hits: info said "from_cache": false for a model read from here
            emb.cache_path = str(folder)
            return emb
    return kept_model(folder, spec, name)


class UnverifiableEntry(InputFormatError):
    """A cache entry an older wordeval wrote without checksums: not damaged as far as anyone can tell."""


def discard_damaged(folder: Path, why: Exception) -> None:
    """Warn about a cache entry that does not load or verify and remove it, so that it is built again."""
    import warnings

    from wordeval.embeddings.vector_cache import CacheWarning

    if isinstance(why, UnverifiableEntry):
        # said as what it is: every entry of a cache an older wordeval filled is rebuilt once, and calling
        # each 'damaged' sent users looking for a failing disk
        what = ("builder cache entry written by an older wordeval, without the checksums that verify it "
                "(built once again, then verified)")
    else:
        what = f"damaged builder cache entry ({' '.join(str(why).split())})"
    warnings.warn(f"{folder}: {what}; building it again", CacheWarning, stacklevel=3)
    # named as a writer's temporary: a kill before the rmtree below left the entry here, which the next save
    # of the key now removes
    aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=writer_prefix(folder)))
    try:
        os.replace(folder, aside / "entry")  # renamed first: a concurrent run never sees half a removal
    except FileNotFoundError:
        pass  # another run discarded it already
    shutil.rmtree(aside, ignore_errors=True)


def as_requested(meta: dict, request: tuple[str, Any] | None) -> dict:
    """``meta`` as the request ``(spec, CorpusSource)`` would have written it. An entry is keyed by the corpus's
    content, so a run naming another file with the same bytes is served the entry another run trained: its
    record must name this run's file, not one that may since have changed or gone."""
    if request is None:
        return meta
    spec, source = request
    # provenance() too: an entry written before records named the file's sha256 gets it from the request
    # trained_with: an entry is reused by runs with other library versions than trained it, and a record's
    # run.packages are the evaluating run's; an entry written before parameters held them has them in meta
    return {**meta, "spec": spec, "name": None,
            "parameters": {"trained_with": meta.get("versions"), **meta["parameters"], "corpus": source.name,
                           "corpus_source": source.source, **source.provenance()}}


def with_fixed(parameters: dict) -> dict:
    """``parameters`` with the settings its builder fixes (``builder_settings``) under ``fixed``. An entry
    written before records held them gets them only where its builder version is the current one: an older
    version may have trained with other settings, and a record claiming today's would misstate them."""
    from wordeval.embeddings.builder_settings import fixed_settings

    builder = parameters.get("builder")
    if "fixed" in parameters or parameters.get("builder_version") != BUILDER_VERSIONS.get(builder):
        return parameters
    fixed = fixed_settings(str(builder))
    return parameters if fixed is None else {**parameters, "fixed": fixed}


def verify_files(folder: Path, meta: dict, *, required: bool) -> None:
    """InputFormatError where the files differ from the checksums ``meta`` records. ``required``: a cache
    entry; one without checksums (written by a wordeval before they were recorded) cannot be told from a
    damaged one, so it is refused too and built again. A folder a user names may predate them."""
    if not isinstance(meta.get("files"), dict):
        if required:
            raise UnverifiableEntry(folder / "meta.json", None, "the sizes and CRC-32 of the entry's files",
                                    "none (written by an older wordeval)")
        return
    damage = first_mismatch(folder, meta["files"])
    if damage is not None:
        raise InputFormatError(folder, None, "the files as written (meta.json records their sizes and "
                               "CRC-32)", damage)


def load_built(folder: str | os.PathLike, *, name: str | None = None,
               request: tuple[str, Any] | None = None, cached: bool = False) -> StaticEmbedding:
    """Read a folder written by ``save_built`` (what ``load_embedding`` of the folder path also gives);
    ``request``: see ``as_requested``; ``cached``: a builder-cache entry, whose checksums must be there."""
    folder = Path(folder)
    for part in ("vectors.npy", "words.txt", "meta.json"):
        if not (folder / part).is_file():
            raise MissingFileError(f"{folder / part}: missing (a built model folder holds vectors.npy, words.txt, meta.json)")
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputFormatError(folder / "meta.json", exc.lineno, "JSON", exc.msg) from None
    if not isinstance(meta, dict) or meta.get("format") != BUILT_FORMAT:
        raise InputFormatError(folder / "meta.json", 1, f'an object with "format": "{BUILT_FORMAT}"')
    verify_files(folder, meta, required=cached)
    meta = as_requested(meta, request)
    meta = {**meta, "parameters": with_fixed(meta["parameters"])}
    try:
        vectors = np.load(folder / "vectors.npy", allow_pickle=False)
    except ValueError as exc:
        raise InputFormatError(folder / "vectors.npy", None, "a float32 .npy matrix", str(exc)) from None
    words = (folder / "words.txt").read_text(encoding="utf-8").splitlines()
    if vectors.ndim != 2 or vectors.shape[0] != len(words):
        raise InputFormatError(folder / "words.txt", len(words), f"{vectors.shape[0]} words, one per line "
                               f"(as many as rows in vectors.npy)", f"{len(words)}")
    info = EmbeddingInfo(name=name or meta.get("name") or meta["spec"], source=meta["spec"], format=BUILT_FORMAT,
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors), parameters=meta["parameters"],
                         citation=trained_citation(CITATIONS.get(meta.get("builder")), meta["parameters"]))
    return StaticEmbedding(words, vectors, info)


# -- building --------------------------------------------------------------------------------------
def _canonical_spec(builder: str, corpus: str, params: dict) -> str:
    return f"{builder}:corpus={corpus}," + ",".join(f"{k}={params[k]}" for k in sorted(params))


# the packages a builder trains with beyond the shared ones: Brown's merge scores are computed by numba kernels,
# compiled by numba's LLVM, whose float code (and so which of two close pairs merges first) is that numba's
_BUILDER_PACKAGES = {"brown": ("numba",)}


def _versions(builder: str | None = None) -> dict[str, str]:
    import platform
    from importlib import metadata
    # the interpreter too: the trainers' own loops (corpus reading, vocabulary sorts) run in it
    out = {"python": platform.python_version()}
    for dist in ("wordeval", "numpy", "scipy", "scikit-learn", "gensim", "torch", *_BUILDER_PACKAGES.get(builder, ())):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    # wordeval's version stays 0.1.0 across commits, and an entry is reused by later checkouts: only the
    # revision says which code trained it (and "+dirty" that it was code no commit holds)
    from wordeval.provenance import git_revision
    revision = git_revision()
    if revision:
        out["git_revision"] = revision
    return out


def _train(builder: str, corpus, params: dict, *, progress: bool) -> tuple[list[str], np.ndarray, dict]:
    from wordeval.embeddings.corpus import build_vocabulary, encode_corpus

    words, _ = build_vocabulary(corpus.sentences, min_count=params["min_count"])
    if len(words) <= params["dim"]:
        raise ConfigError(f"{builder}: the corpus has {len(words)} words with min_count={params['min_count']}, "
                          f"not more than dim={params['dim']}")
    extra: dict[str, Any] = {}
    if builder == "word2vec":
        from wordeval.embeddings.word2vec_train import train_word2vec
        words, vectors = train_word2vec(corpus.sentences, vocabulary=words, dim=params["dim"],
                                        window=params["window"], sg=params["sg"], negative=params["negative"],
                                        sample=params["sample"], epochs=params["epochs"],
                                        min_count=params["min_count"], seed=params["seed"])
        return words, vectors, extra
    if builder == "lsa-tfidf":
        from wordeval.embeddings.tfidf_lsa import tfidf_lsa
        if corpus.n_documents <= params["dim"]:  # tf-idf's SVD is of documents x terms: rank <= documents
            raise ConfigError(f"lsa-tfidf: the corpus has {corpus.n_documents} document(s), not more than "
                              f"dim={params['dim']} (blank lines separate documents; a file without blank lines "
                              f"between its lines of text has one per line)")
        vectors = tfidf_lsa(corpus.documents(), words, dim=params["dim"], sublinear_tf=params["sublinear_tf"],
                            eig=params["p"], seed=params["seed"])
        return words, vectors, extra
    from wordeval.embeddings.cooccurrence import cooccurrence_matrix

    ids, sentence_ids = encode_corpus(corpus.sentences, {w: i for i, w in enumerate(words)})
    counts = cooccurrence_matrix(ids, sentence_ids, len(words), window=params["window"],
                                 weighting=params["weighting"])
    extra["cooccurrence_nnz"] = int(counts.nnz)
    if builder == "lsa":
        from wordeval.embeddings.ppmi_svd import ppmi_svd
        vectors = ppmi_svd(counts, dim=params["dim"], alpha=params["alpha"], shift=params["k"], eig=params["p"],
                           seed=params["seed"])
        return words, vectors, extra
    from wordeval.embeddings.glove_train import resolve_device, train_glove
    extra["device"] = str(resolve_device(params["device"]))
    vectors, losses = train_glove(counts, dim=params["dim"], epochs=params["epochs"], x_max=params["x_max"],
                                  alpha=params["alpha"], lr=params["lr"], batch_size=params["batch_size"],
                                  seed=params["seed"], device=params["device"], progress=progress)
    extra["losses"] = losses
    return words, vectors, extra


def _check_finite(builder: str, params: dict, vectors: np.ndarray) -> None:
    """A ConfigError where training overflowed (``lsa:p=50``: S^p beyond float32; a huge ``lr``): such vectors
    were cached and the run stopped later, at a task's look-up, or scored NaN."""
    if np.isfinite(vectors).all():
        return
    numbers = ", ".join(f"{k}={v}" for k, v in sorted(params.items())
                        if isinstance(v, float) and k in PARAMETERS[builder])
    raise ConfigError(f"{builder}: training gave vectors that are not finite (NaN or inf, beyond float32's range) "
                      f"with {numbers}: expected smaller values")


def cache_folder(builder: str, params: dict, source, cache_home=None) -> tuple[Path, str]:
    """``cache_home()/built/<key>`` and the key text: builder, its version, every parameter, corpus fingerprint."""
    key_text = json.dumps({"builder": builder, "version": BUILDER_VERSIONS[builder], "params": params,
                           "corpus_fingerprint": source.fingerprint}, sort_keys=True)
    # not created here: a cache that cannot be written means a model kept in memory (unsaved_models)
    digest = hashlib.sha256(key_text.encode()).hexdigest()[:24]
    return _cache_home(cache_home, create=False) / "built" / digest, key_text


def _keyed_device(params: dict) -> dict:
    """``params`` as the cache key holds them: with the device the model trains on where ``device=auto`` (GloVe's
    default) finds CUDA. Keyed as "auto", a GPU's model (other rounding, other vectors) and a CPU's shared one
    entry of a shared cache, each served to the other. A device given by name, and "auto" on the CPU, stay as
    given: the keys of the entries trained before are kept."""
    from wordeval.intrinsic.analogy_kernels import nvidia_driver_visible

    if params.get("device") != "auto" or not nvidia_driver_visible():
        return params  # no driver, no CUDA: a cached model is loaded without importing torch (seconds)
    from wordeval.embeddings.glove_train import resolve_device

    device = resolve_device(params["device"])
    return params if device.type == "cpu" else {**params, "device": device.type}


def build(builder: str, *, corpus: str = "news", name: str | None = None, cache: bool | str = True,
          cache_home=None, progress: bool = False, **params) -> StaticEmbedding:
    """Parse ``params``, then load the cached model or train, save and return it."""
    from wordeval.embeddings.corpus import CorpusSource

    params = parse_parameters(builder, params)
    use_cache = _bool(cache, "cache")
    source = CorpusSource(corpus, lowercase=params["lowercase"], max_documents=params["max_documents"],
                          cache_home=cache_home)
    spec = _canonical_spec(builder, source.in_spec, params)
    folder, key_text = cache_folder(builder, _keyed_device(params), source, cache_home)
    reused = reuse_built(folder, load_built, spec=spec, source=source, name=name, use_cache=use_cache)
    if reused is not None:
        return reused
    started, cpu_started = time.perf_counter(), time.process_time()
    corpus_data = source.tokenized()
    words, vectors, extra = _train(builder, corpus_data, params, progress=progress)
    _check_finite(builder, params, vectors)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    versions = _versions(builder)  # once: it asks git for the revision
    parameters = with_fixed({"builder": builder, "builder_version": BUILDER_VERSIONS[builder], **params,
                             **corpus_data.describe(), "vocab_size": len(words), "trained_with": versions})
    if "device" in extra:  # device=auto (GloVe's default, in the cache key) names no device: the rounding moves
        parameters["trained_on"] = extra["device"]
    meta = {"format": BUILT_FORMAT, "builder": builder, "spec": spec, "name": None, "parameters": parameters,
            "train_seconds": round(seconds, 3),
            "train_cpu_seconds": round(cpu_seconds, 3), "versions": versions, "cache_key": key_text, **extra}
    if use_cache:
        try:
            return load_built(save_built(folder, words, vectors, meta), name=name, request=(spec, source))
        except (OSError, OutputError) as exc:
            why = exc
    info = EmbeddingInfo(name=name or spec, source=spec, format=BUILT_FORMAT, dim=int(vectors.shape[1]),
                         vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters=parameters, citation=trained_citation(CITATIONS[builder], parameters))
    model = StaticEmbedding(words, vectors, info)
    return keep_model(folder, spec, model, why) if use_cache else model


# each builder's bare variants (``word2vec:cbow``) and the parameters they preset
VARIANTS: dict[str, dict[str | None, dict]] = {
    "lsa": {None: {}, "ppmi": {}, "tfidf": {}},
    "lsa-tfidf": {None: {}},
    "word2vec": {None: {}, "sg": {"sg": "1"}, "skipgram": {"sg": "1"}, "cbow": {"sg": "0"}},
    "glove": {None: {}},
    "brown": {None: {}},
}


def _variant(builder: str, variant: str | None) -> dict:
    allowed = VARIANTS[builder]
    if variant not in allowed:
        if variant == "corpus" or variant in PARAMETERS[builder]:  # "dim" read as a variant said nothing of '='
            raise ConfigError(f"{builder}: option {variant!r} without a value: expected {variant}=VALUE")
        known = ", ".join(str(v) for v in allowed if v is not None)
        raise ConfigError(f"{builder}: unknown variant {variant!r}; "
                          + (f"expected one of {known}" if known else "expected key=value options only"))
    return allowed[variant]


def check_builder_spec(head: str, variant: str | None, kwargs: dict[str, str], source: str) -> None:
    """A builder spec's variant, options and corpus, checked by a run's plan and by load_embedding (info, the
    Python API) alike: each checked its own way, so one fault read differently from `info` and from `run`."""
    from wordeval.embeddings.corpus import check_corpus_name

    name = "lsa-tfidf" if (head == "lsa" and variant == "tfidf") else head
    if name in VARIANTS:
        check_variant_arguments(name, None if name != head else variant, kwargs)
    if name in PARAMETERS:
        parse_parameters(name, {k: v for k, v in kwargs.items() if k not in ("corpus", "name", "cache")})
    check_corpus_name(kwargs.get("corpus", "news"), source)


def check_variant_arguments(builder: str, variant: str | None, params: dict) -> dict:
    """The parameters ``variant`` presets. One that ``params`` contradicts (``word2vec:cbow,sg=1``) is an error:
    either one winning silently trains a model other than the one the spec's reader takes it for."""
    from wordeval.options import parse_options

    preset = _variant(builder, variant)
    for key in preset.keys() & params.keys():
        wanted, given = (parse_options(builder, {key: v}, PARAMETERS[builder], partial=True)[key]
                         for v in (preset[key], params[key]))
        if wanted != given:
            raise ConfigError(f"{builder}:{variant} sets {key}={preset[key]}, but the spec also gives "
                              f"{key}={params[key]}: drop one of them")
    return preset


def build_lsa(*, corpus: str = "news", variant: str | None = None, name: str | None = None, **params) -> StaticEmbedding:
    """PPMI-SVD (Levy et al. 2015): ``lsa:corpus=news,window=5,alpha=0.75,k=1,p=0.5,dim=100``.
    ``lsa:tfidf`` is the same as ``lsa-tfidf``."""
    if variant == "tfidf":
        return build_tfidf_lsa(corpus=corpus, name=name, **params)
    _variant("lsa", variant)
    return build("lsa", corpus=corpus, name=name, **params)


def build_tfidf_lsa(*, corpus: str = "news", variant: str | None = None, name: str | None = None,
                    **params) -> StaticEmbedding:
    """Classic tf-idf term-document LSA (Deerwester et al. 1990): ``lsa-tfidf:corpus=news,dim=100``."""
    _variant("lsa-tfidf", variant)
    return build("lsa-tfidf", corpus=corpus, name=name, **params)


def build_word2vec(*, corpus: str = "news", variant: str | None = None, name: str | None = None,
                   **params) -> StaticEmbedding:
    """gensim word2vec: ``word2vec:corpus=news,window=5`` (skip-gram), ``word2vec:cbow`` (CBOW)."""
    preset = check_variant_arguments("word2vec", variant, params)
    return build("word2vec", corpus=corpus, name=name, **{**preset, **params})


def build_glove(*, corpus: str = "news", variant: str | None = None, name: str | None = None,
                **params) -> StaticEmbedding:
    """GloVe trained in torch: ``glove:corpus=news,epochs=15,x_max=100,alpha=0.75``."""
    _variant("glove", variant)
    return build("glove", corpus=corpus, name=name, **params)
