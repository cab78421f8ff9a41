"""Type-level word vectors from a BERT-family encoder, and the registry builders ``minilm`` / ``bert``.

Two ways to turn a contextual encoder into one vector per word type:
- the word encoded alone (``[CLS] word [SEP]``), pooled over its subwords (default);
- the mean of the word's token features over its first ``max_contexts`` occurrences in a corpus, in corpus
  order, so the result is deterministic (occurrences, not sentences: a sentence that holds the word twice gives
  two of them). A word the corpus never contains falls back to its encoding alone; how many did is counted
  in ``stats`` and logged.

An encoder has an open vocabulary: every non-empty string gets a vector, so ``found`` is True for every
non-empty word and there is no OOV (only the empty string is "not found"). This is recorded in
``info.parameters["open_vocabulary"]``; coverage comparisons against static vectors should keep it in mind.

Vectors already computed for a word are cached on disk under ``cache_home()/bert-type-vectors/<fingerprint>``
(one ``.npz``, rewritten atomically), so running the intrinsic suite twice does not encode twice.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from wordeval.atomic_write import current_umask
from wordeval.embeddings.bert import BertEncoder, _positive_int
from wordeval.errors import ConfigError
from wordeval.paths import cache_home as _cache_home

log = logging.getLogger(__name__)

DEFAULT_MAX_CONTEXTS = 10


class BertTypeVectors:
    """Implements WordLookup (and TokenEncoder by per-token lookup) over a BertEncoder.

    ``contexts``: None (word alone), a corpus name or text-file path for ``wordeval.embeddings.corpus``
    (e.g. ``"news"``), or any iterable of tokenised sentences.
    """

    # an encoder answers any word, so it has no rows a list of words could give it (``without_rows``)
    open_vocabulary = True

    def __init__(self, encoder: BertEncoder, *, contexts: str | os.PathLike | Iterable[Sequence[str]] | None = None,
                 max_contexts: int = DEFAULT_MAX_CONTEXTS, name: str | None = None, cache: bool = True,
                 cache_home: str | os.PathLike | None = None):
        self.encoder = encoder
        self.max_contexts = _positive_int("max_contexts", max_contexts)
        # uncased models lowercase their input, so contexts are matched case-insensitively for them
        tok = encoder.tokenizer
        self.uncased = tok.tokenize("Hello World") == tok.tokenize("hello world")
        self._sentences: list[list[str]] | None = None
        context_desc: dict[str, Any] = {"contexts": None}
        if contexts is not None:
            self._sentences, context_desc = self._load_contexts(contexts)
        self.stats = {"encoded": 0, "no_context": 0, "from_cache": 0}
        fingerprint = encoder.fingerprint_for(
            "type-level", contexts=context_desc.get("corpus_fingerprint"),
            max_contexts=self.max_contexts if contexts is not None else None,
            context_matching="lowercase" if self.uncased else "exact")
        params = {**encoder.parameters("type-level"), **context_desc,
                  "max_contexts": self.max_contexts if contexts is not None else None,
                  "context_matching": "lowercase" if self.uncased else "exact",
                  "oov": "none (open vocabulary: every non-empty word is encoded)"}
        base = encoder.info
        self.info = replace(base, name=name or (f"{base.name}:type-level" + (
            f",contexts={context_desc['contexts']}" if contexts is not None else "")),
            format="bert-type", fingerprint=fingerprint, parameters=params)
        self._cache_file = None
        if cache:  # created when first written: a cache that cannot be is a run without it, not an error
            home = _cache_home(cache_home, create=False)
            self._cache_file = home / "bert-type-vectors" / fingerprint.split(":", 1)[-1][:40] / "vectors.npz"
        self._store: dict[str, np.ndarray] | None = None

    @property
    def dim(self) -> int:
        return self.encoder.dim

    # -- contexts -----------------------------------------------------------------------------------
    def _load_contexts(self, contexts) -> tuple[list[list[str]], dict[str, Any]]:
        if isinstance(contexts, (str, os.PathLike)):
            from wordeval.embeddings.corpus import load_corpus
            corpus = load_corpus(contexts, lowercase=self.uncased)
            return corpus.sentences, {"contexts": corpus.name, **corpus.describe()}
        sentences = []
        h = hashlib.sha256(b"token-lists\n")
        for sent in contexts:
            if isinstance(sent, str):
                raise ConfigError("contexts: expected tokenised sentences (lists of words), got a string")
            sent = [str(t) for t in sent]
            sentences.append(sent)
            h.update("\t".join(sent).encode("utf-8", "surrogatepass") + b"\n")
        return sentences, {"contexts": "<sentences>", "corpus_fingerprint": "sha256:" + h.hexdigest(),
                           "corpus_sentences": len(sentences)}

    def _key(self, word: str) -> str:
        return word.lower() if self.uncased else word

    def _encode_in_context(self, words: list[str]) -> dict[str, np.ndarray]:
        assert self._sentences is not None
        need = {}
        for w in words:
            need.setdefault(self._key(w), []).append(w)
        occ: dict[str, list[tuple[int, int]]] = {k: [] for k in need}
        open_keys = set(need)
        for si, sent in enumerate(self._sentences):
            for pos, tok in enumerate(sent):
                k = self._key(tok)
                if k in open_keys:
                    occ[k].append((si, pos))
                    if len(occ[k]) >= self.max_contexts:
                        open_keys.discard(k)
            if not open_keys:
                break
        sent_ids = sorted({si for hits in occ.values() for si, _ in hits})
        feats = dict(zip(sent_ids, self.encoder.encode_tokens([self._sentences[i] for i in sent_ids])))
        out: dict[str, np.ndarray] = {}
        lonely = [w for w in words if not occ[self._key(w)]]
        if lonely:
            self.stats["no_context"] += len(lonely)
            log.info("%d of %d words never occur in the contexts; encoded alone", len(lonely), len(words))
            out.update(self._encode_alone(lonely))
        for k, hits in occ.items():
            if hits:
                vec = np.mean([feats[si][pos] for si, pos in hits], axis=0).astype(np.float32)
                for w in need[k]:
                    out[w] = vec
        return out

    def _encode_alone(self, words: list[str]) -> dict[str, np.ndarray]:
        feats = self.encoder.encode_tokens([[w] for w in words])
        return {w: f[0] for w, f in zip(words, feats)}

    # -- cache --------------------------------------------------------------------------------------
    def _load_store(self) -> dict[str, np.ndarray]:
        if self._store is None:
            self._store = {}
            if self._cache_file is not None:
                self._store.update(self._cached_vectors())
        return self._store

    def _cached_vectors(self) -> dict[str, np.ndarray]:
        """What the cache file holds; nothing when it is missing or damaged (then said, and written anew):
        a cut or bit-flipped file was a zipfile/numpy traceback on every later run."""
        assert self._cache_file is not None
        try:
            return _read_npz(self._cache_file)
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            import warnings

            from wordeval.embeddings.vector_cache import CacheWarning
            if str(self._cache_file) not in _SAID:
                _SAID.add(str(self._cache_file))
                warnings.warn(f"{self._cache_file}: damaged type-level vector cache ({type(exc).__name__}: "
                              f"{' '.join(str(exc).split())}); encoding its words again", CacheWarning,
                              stacklevel=4)
            return {}

    def _persist(self) -> None:
        if self._cache_file is None or self._store is None:
            return
        from wordeval.atomic_write import machine_errors
        from wordeval.errors import OutputError, without_cache
        try:
            # in the vector and builder caches' words ("cannot write: permission denied", what to set), not
            # "[Errno 13] Permission denied: '...'"
            with machine_errors(self._cache_file, cache=True):
                self._write_cache()
        except (OSError, OutputError) as exc:  # a read-only or full cache must not stop an evaluation
            log.warning("%s", without_cache("type-level vector cache", "encoded word vectors", exc))
            self._cache_file = None

    def _write_cache(self) -> None:
        assert self._cache_file is not None and self._store is not None
        folder = self._cache_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        # read, merge and replace under one lock: two processes adding words at once each read the file before
        # the other replaced it, and the last to replace it dropped the other's words
        with _exclusive(folder / ".vectors.lock") as locked:
            # a writer makes its temporary file only while it holds the lock: one found now is a dead writer's
            for left in folder.glob(".vectors-*.npz") if locked else ():
                left.unlink(missing_ok=True)
            merged = self._cached_vectors()
            merged.update(self._store)
            words = sorted(merged)
            mat = (np.stack([merged[w] for w in words]).astype(np.float32) if words
                   else np.zeros((0, self.dim), np.float32))
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".vectors-", suffix=".npz")
            try:
                with os.fdopen(fd, "wb") as fh:
                    np.savez(fh, words=np.array(words, dtype=str), vectors=mat)
                # mkstemp's 0600 kept the file from the other users of a shared cache (atomic_path does the same)
                os.chmod(tmp, 0o666 & ~current_umask())
                os.replace(tmp, self._cache_file)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        meta = folder / "info.json"
        if not meta.exists():
            # written once, never again while it exists: a run killed while writing it in place left it cut
            # for good
            from wordeval.atomic_write import atomic_write_text
            atomic_write_text(meta, json.dumps(self.info.to_dict(), indent=1, default=str), cache=True)

    # -- protocols ----------------------------------------------------------------------------------
    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(vectors, found)``: found is False only for empty strings (an encoder has no OOV)."""
        words = [str(w) for w in words]
        store = self._load_store()
        missing = sorted({w for w in words if w and w not in store})
        self.stats["from_cache"] += sum(1 for w in set(words) if w and w in store)
        if missing:
            new = self._encode_in_context(missing) if self._sentences is not None else self._encode_alone(missing)
            store.update(new)
            self.stats["encoded"] += len(new)
            self._persist()
        out = np.zeros((len(words), self.dim), dtype=np.float32)
        found = np.fromiter((bool(w) for w in words), dtype=bool, count=len(words))
        for i, w in enumerate(words):
            if w:
                out[i] = store[w]
        return out, found

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        return [self.lookup(list(s))[0] for s in sentences]

    def __repr__(self) -> str:
        return f"BertTypeVectors(name={self.info.name!r}, dim={self.dim})"


_SAID: set[str] = set()  # damaged cache files warned about in this process


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """An exclusive advisory lock on ``lock_path`` (created, never removed: removing it would let a third
    process lock a new file while the second still waits on the old one). Yields whether it holds the lock:
    without fcntl (Windows) there is none."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    with open(lock_path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as z:  # zipfile checks each member's CRC-32 as it is read
        words, vectors = z["words"].tolist(), z["vectors"]
    if vectors.ndim != 2 or len(words) != vectors.shape[0]:
        raise ValueError(f"{len(words)} words for a {vectors.shape} matrix")
    return dict(zip(words, vectors))


# -- registry builders ----------------------------------------------------------------------------
_ENCODER_KEYS = ("subword", "layer", "stride", "max_length", "batch_size", "threads", "device", "cpu_linear")
_TYPE_KEYS = ("contexts", "max_contexts", "cache")


def check_spec_options(variant: str | None, options: dict[str, Any], *, owner: str = "bert") -> None:
    """The variant and option names of a ``bert:``/``minilm:`` spec (ConfigError), without loading the model:
    a run checks them while planning, so a misspelt option stops it before its store is created."""
    if variant not in (None, "token", "type-level"):
        raise ConfigError(f"{owner} variant {variant!r}: expected 'token' (default) or 'type-level'")
    if owner != "bert" and "model" in options:
        # said in the builder's words at planning too, where it was "unknown option(s) model; expected ..."
        raise ConfigError(f"{owner}: the model is fixed; use bert:model=... for another one")
    allowed = _ENCODER_KEYS + (_TYPE_KEYS if variant == "type-level" else ())
    unknown = sorted(set(options) - set(allowed) - {"model"})
    if unknown:
        from wordeval.options import close_hint

        raise ConfigError(f"{owner}: unknown option(s) {', '.join(unknown)}; expected some of {', '.join(allowed)}"
                          + close_hint(unknown, allowed))
    if "device" in options:  # device=tpu, or cuda without CUDA, was a torch traceback once the model loaded
        from wordeval.devices import check_device
        from wordeval.options import device
        check_device(device(options["device"], "device"))
    if "max_contexts" in options:  # found when the encoder had loaded, the store holding earlier cells
        _positive_int("max_contexts", options["max_contexts"])
    if "cache" in options:
        _cache_flag(options["cache"])
    if isinstance(options.get("contexts"), str):
        # found out only after the model had loaded, with the run's store created
        from wordeval.embeddings.corpus import check_corpus_name
        check_corpus_name(options["contexts"], f"{owner}:{variant or 'token'}")
    _check_model_limits(options, owner)


def _check_model_limits(options: dict[str, Any], owner: str) -> None:
    """``max_length`` must be within the model's positions and ``layer`` one of its hidden states (found when
    the model loaded, with the run's store created). Whether a full batch fits in memory depends on the data it pads to: the run checks it when its
    datasets are loaded (``encoder_memory.check_batch_memory``). A model that cannot be found is left to
    loading, which says so."""
    from wordeval.embeddings.bert_support import _resolve_model_dir
    from wordeval.errors import WordevalError

    # values the encoder checks only once the model is loaded, with the store holding earlier cells
    if "subword" in options:
        from wordeval.embeddings.bert import SUBWORD_POOLINGS, _choice
        _choice("subword", options["subword"], SUBWORD_POOLINGS)
    if "cpu_linear" in options:
        from wordeval.embeddings.onednn_linear import CPU_LINEAR
        if options["cpu_linear"] not in CPU_LINEAR:
            raise ConfigError(f"cpu_linear must be one of {', '.join(CPU_LINEAR)}, got {options['cpu_linear']!r}")
    if "batch_size" in options:
        _positive_int("batch_size", options["batch_size"])
    if "threads" in options:
        from wordeval.embeddings.bert import check_threads
        check_threads(options["threads"])
    if "stride" in options:
        _positive_int("stride", options["stride"], allow_zero=True)
    if "max_length" not in options and "layer" not in options and "stride" not in options:
        return
    length = _positive_int("max_length", options["max_length"]) if "max_length" in options else None
    try:
        model_dir = _resolve_model_dir(options.get("model") or "minilm")[0]
    except WordevalError:
        return
    from wordeval.embeddings.bert import check_layer, parse_layer
    from wordeval.embeddings.encoder_memory import geometry

    plan = geometry(model_dir)
    # a config of no layers is the folder's check's to refuse, naming its line: "hidden states 0..-1" here
    if "layer" in options and plan.declares_layers and plan.layers >= 1:  # else found when the model loaded
        check_layer(parse_layer(options["layer"]), plan.layers)
    if length is not None and length > plan.positions:
        from wordeval.embeddings.bert_support import tokenizer_limit_note
        raise ConfigError(f"{owner}: max_length={options['max_length']}: this model handles at most "
                          f"{plan.positions} tokens{tokenizer_limit_note(model_dir, plan.positions)}")
    _check_window(model_dir, length or plan.positions, options)


def _check_window(model_dir, length: int, options: dict[str, Any]) -> None:
    """The encoder's window (``length`` less the tokenizer's special tokens) holds two pieces and more than
    ``stride``, as the encoder requires when it loads; the tokenizer alone is read for its special tokens."""
    try:
        from transformers import AutoTokenizer

        from wordeval.embeddings.bert_support import _special_template
        tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True, use_fast=True)
        specials = sum(map(len, _special_template(tokenizer)))
    except Exception:  # noqa: BLE001 - a tokenizer that cannot be read is said when the encoder loads it
        return
    window = length - specials
    if window < 2:
        raise ConfigError(f"max_length={length}: leaves no room for words after special tokens")
    if "stride" in options and int(options["stride"]) >= window:
        raise ConfigError(f"stride={int(options['stride'])}: must be smaller than the window of {window} tokens")


def bert(variant: str | None = None, *, model: str | None = None, name: str | None = None,
         allow_pickle: bool = False, **options: Any) -> BertEncoder | BertTypeVectors:
    """``bert:model=PATH_OR_ID[,subword=first|mean|last][,layer=-1|N|last4][,device=...]`` (token encoder)
    and ``bert:type-level,model=...[,contexts=news][,max_contexts=10]`` (type-level word vectors)."""
    if not model:
        raise ConfigError("bert: expected model=PATH_OR_HUB_ID (a local folder or a hub id in the local cache)")
    return _encoder(variant, model, name=name, allow_pickle=allow_pickle, owner="bert", options=options)


def _encoder(variant: str | None, model: str, *, name: str | None, allow_pickle: bool, owner: str,
             options: dict[str, Any]) -> BertEncoder | BertTypeVectors:
    # owner is the spec's own prefix: a minilm option refused as "bert: unknown option(s)" named a builder the
    # user never wrote
    check_spec_options(variant, options, owner=owner)
    enc_opts = {k: options[k] for k in _ENCODER_KEYS if k in options}
    if "layer" in enc_opts:
        from wordeval.embeddings.bert import parse_layer
        enc_opts["layer"] = parse_layer(enc_opts["layer"])
    for key in ("stride", "max_length", "batch_size", "threads"):
        if key in enc_opts:
            enc_opts[key] = _positive_int(key, enc_opts[key], allow_zero=key == "stride")
    if variant != "type-level":
        return BertEncoder(model, name=name, allow_pickle=allow_pickle, **enc_opts)
    if "max_contexts" in options and options.get("contexts") is None:
        # each word is encoded alone: the option was taken, and left out of the fingerprint, without a word
        import logging
        logging.getLogger("wordeval.notices").warning(
            "wordeval: note: max_contexts=%s has no effect without contexts= (each word is encoded alone)",
            options["max_contexts"])
    encoder = BertEncoder(model, allow_pickle=allow_pickle, **enc_opts)
    return BertTypeVectors(encoder, contexts=options.get("contexts"),
                           max_contexts=options.get("max_contexts", DEFAULT_MAX_CONTEXTS), name=name,
                           cache=_cache_flag(options.get("cache", True)))


def _cache_flag(cache: Any) -> bool:
    if isinstance(cache, str):
        if cache.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigError(f"cache={cache!r}: expected true or false")
        return cache.lower() in ("true", "1", "yes")
    return bool(cache)


def minilm(variant: str | None = None, *, name: str | None = None, **options: Any) -> BertEncoder | BertTypeVectors:
    """all-MiniLM-L6-v2 from its package artifact: ``minilm``, ``minilm:type-level``,
    ``minilm:type-level,contexts=news``; options as for ``bert``."""
    return _encoder(variant, "minilm", name=name or ("minilm" if variant in (None, "token") else None),
                    allow_pickle=False, owner="minilm", options=options)
