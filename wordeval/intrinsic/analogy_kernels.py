"""Analogy solvers on unit vectors: the batched exact path and the per-question reference loop.

Batched path: the three query words of every question come from a small set (Google: 905 distinct words for
19,544 questions), so one GEMM of the candidate matrix against those words' unit vectors gives every cosine
any method needs; each question's score over candidates is then a combination of three columns. Candidates
are processed in chunks (normalised per chunk, never a full normalised copy), so memory stays bounded by
``chunk_rows × (dim + n_query_words)``. The combine step runs in a fused numba loop, in torch on a GPU when
one is present, or in plain numpy otherwise. All paths return the same argmax up to exact score ties
(``analogy_ties``); ties go to the lowest row. On numba every method also skips, exactly, column tiles whose
score upper bound cannot beat a question's best (``analogy_numba.combine_pairs_pruned``).
"""
from __future__ import annotations

import functools
import os
import sys
import threading

import numpy as np

from wordeval.intrinsic.gemm import gemm_engine

METHODS = {"3cosadd": 0, "3cosmul": 1, "pairdirection": 2}
# The tile bound is checked on three levels: super-groups of PRUNE_SGROUP groups of PRUNE_GROUP tiles of
# PRUNE_TILE columns (8 x 8 x 8 = 512 columns): a level is looked into only where its bound passes.
# Chosen by timing on GloVe 6B 50d and spaCy md x Google, MSR, BATS x 3CosAdd, 3CosMul (2 cores): against
# (8, 4, 16) on parts of 1,024 columns, GloVe's cases 5-13 % faster, spaCy's within +-5 %.
PRUNE_TILE = 8
PRUNE_GROUP = 8
PRUNE_SGROUP = 8
# what a cosine chunk may hold beyond the default 8,192 rows: --set chunk_rows=100000000 made one chunk of every
# candidate, Q x candidates float32 scores twice over (and the torch path's float64 score block), 4.4 GiB on
# 200k x 50 random vectors against 117 MiB, which broke the bounded peak of large embeddings
DEFAULT_CHUNK_ROWS = 8192
CHUNK_BYTES = 256 * 2 ** 20
TORCH_BLOCK = 4096
PART_COLUMNS = 2048  # candidates per part at most: a pair's or a question's rows of the part stay in cache
UNIT_BLOCK = 16384  # rows normalised at a time by ``prepare_candidates``
IDENTICAL_EPS = 1e-6  # PairDirection: |x - c|^2 at or below this means x is c — no direction, never an answer


class UnitRows:
    """Candidate rows normalised already (``unit_chunk`` of them, float32): sliced without a copy."""

    def __init__(self, matrix: np.ndarray):
        self.matrix = matrix

    def __len__(self) -> int:
        return len(self.matrix)

    def __getitem__(self, s):
        return self.matrix[s]


class NormedRows:
    """Candidate rows with their norms computed already (``np.linalg.norm`` of each row, float32): a slice is
    divided by them, which gives what ``unit_chunk`` computes, bit for bit, without the norms' pass."""

    def __init__(self, source, norms: np.ndarray):
        self.source, self.norms = source, norms
        # what each row is divided by: its norm, or 1 for a zero (or NaN) norm, whose row ``unit_chunk`` leaves
        # as it is; x / 1 == x bit for bit
        self.divisors = _divisors(norms)

    def __len__(self) -> int:
        return len(self.norms)

    def __getitem__(self, s):
        return self.source[s]


def unit_chunk(vectors: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Row-normalised float32 copy of ``vectors[start:stop]`` (zero rows stay zero); for ``UnitRows``, a view
    of the normalised rows, which callers only read; for ``NormedRows``, the rows divided by their kept norms."""
    if isinstance(vectors, UnitRows):
        return vectors.matrix[start:stop]
    # divided by norms with 1 for the rows left as they are, not with ``where=norms > 0``: the masked divide
    # took 41 ms of a GloVe x MSR search's 2,048-row chunks on one thread, the plain one 18 ms
    if isinstance(vectors, NormedRows):
        return np.divide(np.asarray(vectors.source[start:stop], dtype=np.float32),
                         vectors.divisors[start:stop, None])
    chunk = vectors[start:stop]
    # a slice of the caller's matrix is a view, never written here; a gathered chunk
    # (analogy_duplicates.CandidateRows) is a copy already, normalised in place
    own = isinstance(chunk, np.ndarray) and chunk.flags.owndata and chunk.flags.writeable
    v = np.asarray(chunk, dtype=np.float32)
    divisors = _divisors(np.linalg.norm(v, axis=1))[:, None]
    return np.divide(v, divisors, out=v) if own else np.divide(v, divisors)


def _divisors(norms: np.ndarray) -> np.ndarray:
    return np.where(norms > 0, norms, np.float32(1)).astype(np.float32, copy=False)


def _pair_constant(Q: np.ndarray, qa, qb, qc, method: int) -> np.ndarray:
    """PairDirection's numerator (x - c)·(b - a) = x·b - x·a - (c·b - c·a): the constant part per question.

    Zeros for the other methods, which never read it: gathering three question-length copies of the query
    vectors for it took 10 ms of MSR's 90 ms on spaCy's 20,000 candidates."""
    if method != METHODS["pairdirection"]:
        return np.zeros(len(qa))
    return (np.einsum("ij,ij->i", Q[qc], Q[qb]) - np.einsum("ij,ij->i", Q[qc], Q[qa])).astype(np.float64)


def kernel_threads() -> int:
    """Threads for the numba kernels: ``NUMBA_NUM_THREADS`` where the user set it, else the usable cores.

    Not ``numba.get_num_threads()``: asking it starts numba's OpenMP pool (see ``analogy_numba``)."""
    from wordeval.distributed.cluster import available_cores

    try:
        return max(1, int(os.environ["NUMBA_NUM_THREADS"]))
    except (KeyError, ValueError):
        return available_cores()


_POOLS: dict = {}  # (process id, workers) -> ThreadPoolExecutor
_POOLS_LOCK = threading.Lock()


def thread_pool(workers: int):
    """The kernels' worker threads, started once per process and worker count, not once per call: starting
    them, and waiting for the GIL to hand them their first task, cost ~5 ms a call. Keyed by process id too,
    since a forked child inherits the pool object without its threads. No task waits on another, so one
    pool can serve callers in several threads."""
    from concurrent.futures import ThreadPoolExecutor

    key = (os.getpid(), workers)
    with _POOLS_LOCK:
        if key not in _POOLS:
            _POOLS[key] = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wordeval-analogy")
        return _POOLS[key]


@functools.lru_cache(maxsize=1)
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread():
    """Context manager: numpy's BLAS on one thread. The controller (which searches the loaded libraries,
    ~3 ms) is built once; numpy's BLAS is loaded with numpy, before any call here."""
    return _blas_controller().limit(limits=1, user_api="blas")


def _blocks(n: int, parts: int) -> list[slice]:
    """``range(n)`` cut into at most ``parts`` contiguous, non-empty, near-equal slices."""
    bounds = np.linspace(0, n, min(parts, n) + 1).astype(np.int64) if n else np.zeros(1, dtype=np.int64)
    return [slice(int(lo), int(hi)) for lo, hi in zip(bounds[:-1], bounds[1:]) if hi > lo]


@functools.lru_cache(maxsize=1)
def nvidia_driver_visible() -> bool:
    """Whether an NVIDIA driver is visible, without importing torch (a 2-12 s import on a busy machine)."""
    import ctypes.util
    import os
    import shutil

    return (os.path.exists("/proc/driver/nvidia/version") or shutil.which("nvidia-smi") is not None
            or ctypes.util.find_library("cuda") is not None)


def pick_backend(backend: str) -> str:
    """``auto``: torch-cuda when a CUDA device is usable, else numba, else numpy.

    torch is only imported to ask about CUDA when it is imported already or an NVIDIA driver is visible: with
    neither, no CUDA device can be usable, and the answer costs no torch import.
    """
    if backend in ("torch-cpu", "torch-cuda"):
        # torch comes with the bert extra only: without it these backends were a traceback ('a bug in ...')
        from wordeval.optional import import_optional
        torch = import_optional("torch", extra="bert", needed_for=f"analogy backend {backend}")
    if backend == "torch-cuda":
        if not torch.cuda.is_available():
            from wordeval.errors import NotAvailableError
            raise NotAvailableError("backend torch-cuda: no CUDA device is usable here (backend auto picks one "
                                    "where there is)")
    if backend != "auto":
        return backend
    if "torch" in sys.modules or nvidia_driver_visible():
        try:
            import torch
            if torch.cuda.is_available():
                return "torch-cuda"
        except ImportError:
            pass
    try:
        import numba  # noqa: F401
        return "numba"
    except ImportError:
        return "numpy"


def solve_batched(vectors: np.ndarray, n_candidates: int, query_rows: np.ndarray, qa, qb, qc,
                  exclude: np.ndarray, *, method: str = "3cosadd", eps: float = 1e-3, chunk_rows: int = 8192,
                  backend: str = "auto", prune: bool = True, stats: dict | None = None,
                  distinct=None, prepared: UnitRows | NormedRows | None = None,
                  zero_rows: np.ndarray | None = None) -> tuple[np.ndarray, str]:
    """Best candidate row per question.

    ``vectors``: the embedding matrix (read only); candidates are its first ``n_candidates`` rows.
    ``query_rows``: the distinct query words' rows; ``qa, qb, qc`` index into it per question.
    ``exclude``: (n_questions, K) candidate rows never returned (-1 = padding). Returns (rows, backend used);
    row -1 where no candidate is allowed. ``prune=False`` makes numba scan every candidate (the oracle of
    the pruned scan); ``stats``, a dict, receives the pruned scan's tile counts. ``distinct``
    (``analogy_duplicates.find_distinct`` of the candidates): one candidate per distinct vector is searched.
    ``prepared``: ``prepare_candidates(vectors, n_candidates, distinct, ...)``, which a caller that searches
    the same candidates again keeps, as gensim keeps its norms: the candidates' norms (or the normalised rows)
    are then not computed again. ``zero_rows``: the all-zero candidate rows (found here when None), whose
    PairDirection scores ``analogy_zero_rows`` settles.
    """
    qa, qb, qc = (np.ascontiguousarray(x, dtype=np.int64) for x in (qa, qb, qc))
    backend = pick_backend(backend)
    if not len(qa):
        return np.zeros(0, dtype=np.int64), backend
    exclude = np.ascontiguousarray(exclude, dtype=np.int64).reshape(len(qa), -1)
    query_rows = np.asarray(query_rows, dtype=np.int64)
    rows = _solve_batched(vectors, n_candidates, query_rows, qa, qb, qc, exclude, method, eps, chunk_rows, backend,
                          prune, stats, distinct, prepared)
    if method == "pairdirection":
        from wordeval.intrinsic.analogy_zero_rows import settle_zero_rows, zero_candidate_rows

        zero = zero_candidate_rows(vectors, n_candidates) if zero_rows is None else zero_rows
        if len(zero):
            def search_without(questions, extra):
                more = np.concatenate([exclude[questions], np.broadcast_to(extra, (len(questions), len(extra)))], 1)
                return solve_batched(vectors, n_candidates, query_rows, qa[questions], qb[questions], qc[questions],
                                     more, method=method, chunk_rows=chunk_rows, backend=backend, prune=prune,
                                     zero_rows=zero[:0])[0]

            rows = settle_zero_rows(vectors, zero, rows, unit_chunk(vectors[query_rows], 0, len(query_rows)),
                                    qa, qb, qc, exclude, search_without)
    return rows, backend


def _solve_batched(vectors, n_candidates, query_rows, qa, qb, qc, exclude, method, eps, chunk_rows, backend, prune,
                   stats, distinct, prepared) -> np.ndarray:
    m = METHODS[method]
    if distinct is not None:
        query_rows, qa, qb, qc = _one_query_row_per_vector(distinct, query_rows, qa, qb, qc)
    Q = unit_chunk(vectors[query_rows], 0, len(query_rows))
    kq = _pair_constant(Q, qa, qb, qc, m)
    if prepared is not None:
        expected = len(distinct.rows) if distinct is not None else n_candidates
        if len(prepared) != expected or np.shape(prepared[:1])[1:] != vectors.shape[1:]:
            raise ValueError(f"prepared candidates of {len(prepared)} rows x {np.shape(prepared[:1])[1:]} given for "
                             f"{expected} candidates of dimension {vectors.shape[1]}")
    if distinct is None:
        cand = vectors if prepared is None else prepared
        return _search(cand, n_candidates, Q, query_rows, qa, qb, qc, kq, exclude, m, eps, chunk_rows, backend,
                       prune, stats)
    from wordeval.intrinsic.analogy_duplicates import CandidateRows

    if distinct.n != n_candidates:
        raise ValueError(f"distinct candidates of {distinct.n} rows given for {n_candidates} candidates")
    cand = CandidateRows(vectors, distinct.rows) if prepared is None else prepared
    picked = _search(cand, len(distinct.rows), Q, distinct.group_of(query_rows),
                     qa, qb, qc, kq, distinct.exclusions(exclude), m, eps, chunk_rows, backend, prune, stats)
    return distinct.answer_rows(picked, exclude)


def _one_query_row_per_vector(distinct, query_rows, qa, qb, qc):
    """The query rows with one row kept per group of candidates that share a vector (rows outside the
    candidates kept as they are), and qa, qb, qc pointing into them. The merged rows' vectors are the same bit
    for bit, so every cosine is too; but the GEMM and the bounds shrink (spaCy x MSR: 451 query rows hold 281
    distinct vectors, since case variants share a row's vector) and pairs that differed only in such a row
    merge."""
    n_groups = len(distinct.rows)
    key = distinct.group_of(query_rows)
    key = np.where(key < n_groups, key, n_groups + query_rows)  # no candidate: a key of its own
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    if len(first) == len(query_rows):
        return query_rows, qa, qb, qc
    inverse = inverse.reshape(-1)
    return query_rows[first], inverse[qa], inverse[qb], inverse[qc]


def prepare_candidates(vectors: np.ndarray, n_candidates: int, distinct=None, *,
                       keep_bytes: int = 0) -> UnitRows | NormedRows:
    """The searched candidates, in search order (``distinct.rows`` where given), made ready to be searched
    again: normalised (``UnitRows``) where that takes at most ``keep_bytes``, else with their norms
    (``NormedRows``: 4 bytes a row). Either way ``unit_chunk`` of them is, bit for bit, what the search computes
    from the raw rows: ``np.linalg.norm`` reduces each row on its own."""
    from wordeval.intrinsic.analogy_duplicates import CandidateRows

    source = vectors if distinct is None else CandidateRows(vectors, distinct.rows)
    n = n_candidates if distinct is None else len(distinct.rows)
    if n * vectors.shape[1] * 4 <= keep_bytes:
        out = np.empty((n, vectors.shape[1]), dtype=np.float32)
        for lo in range(0, n, UNIT_BLOCK):  # in blocks: no temporary as large as the matrix (the squares)
            out[lo:lo + UNIT_BLOCK] = unit_chunk(source, lo, min(lo + UNIT_BLOCK, n))
        return UnitRows(out)
    norms = np.empty(n, dtype=np.float32)
    for lo in range(0, n, UNIT_BLOCK):
        block = np.asarray(source[lo:min(lo + UNIT_BLOCK, n)], dtype=np.float32)
        norms[lo:lo + len(block)] = np.linalg.norm(block, axis=1)
    return NormedRows(source, norms)


def _search(vectors, n_candidates, Q, query_rows, qa, qb, qc, kq, exclude, m, eps, chunk_rows, backend, prune,
            stats) -> np.ndarray:
    """``solve_batched`` on the given candidates (rows ``0:n_candidates`` of ``vectors``)."""
    chunk_rows = bounded_chunk_rows(chunk_rows, len(Q), Q.shape[1], len(qa))
    if backend.startswith("torch"):
        return _solve_torch(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, m, eps, chunk_rows,
                            "cuda" if backend == "torch-cuda" else "cpu")
    best = np.full(len(qa), -np.inf)
    bidx = np.full(len(qa), -1, dtype=np.int64)
    if backend == "numba":
        # Every GEMM of the numba path on one BLAS thread, the seed's small one included: after a GEMM on
        # several threads, OpenBLAS's threads spin for a while and take the cores from the numba threads that
        # run next (measured on spaCy x MSR, 2 cores: 56-77 ms a call, 41 ms with this).
        with one_blas_thread():
            if prune:
                return solve_pruned(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, chunk_rows, m, eps,
                                    query_rows=query_rows, stats=stats)
            _numba_full_scan(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, m, eps, chunk_rows, best, bidx)
        return bidx
    for start in range(0, n_candidates, chunk_rows):
        ST = np.ascontiguousarray(Q @ unit_chunk(vectors, start, min(start + chunk_rows, n_candidates)).T)
        _numpy_combine(ST, qa, qb, qc, kq, exclude, start, m, eps, best, bidx)
    return bidx


def bounded_chunk_rows(chunk_rows: int, n_query_rows: int, dim: int, n_questions: int) -> int:
    """``chunk_rows``, lowered where a chunk would hold more than ``CHUNK_BYTES``: its normalised rows, the
    cosines and their contiguous copy, the torch path's float64 scores of a question block. Never below the
    default: the chunking moves no answer, only the memory and speed."""
    per_row = 4 * dim + 8 * n_query_rows + 8 * min(TORCH_BLOCK, n_questions)
    return max(min(chunk_rows, DEFAULT_CHUNK_ROWS), min(chunk_rows, CHUNK_BYTES // max(1, per_row)))


def _numba_full_scan(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, m, eps, chunk_rows, best, bidx):
    """Every candidate for every question (no pruning): each chunk's questions split into one block per
    thread; a block's slices are views, so the kernel updates ``best`` and ``bidx`` in place."""
    from wordeval.intrinsic.analogy_numba import combine_chunk

    workers = kernel_threads()
    blocks = _blocks(len(qa), workers)
    pool = thread_pool(workers)
    for start, ST in _cosine_chunks(vectors, n_candidates, Q, chunk_rows):
        list(pool.map(lambda b: combine_chunk(ST, qa[b], qb[b], qc[b], kq[b], exclude[b], start, m, float(eps),
                                              best[b], bidx[b]), blocks))


def group_by_pair(qa, qb) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs: (pair_a, pair_b, pair id per question, question order sorted by pair)."""
    # one integer key per pair, in (a, b) lexicographic order: np.unique over rows (axis=0) sorts a
    # structured view and took 8 ms on MSR's 7,000 questions
    width = int(qb.max(initial=0)) + 1
    keys, qp = np.unique(qa.astype(np.int64) * width + qb, return_inverse=True)
    qp = qp.reshape(-1).astype(np.int64)
    return keys // width, keys % width, qp, np.argsort(qp, kind="stable")


def solve_pruned(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, chunk_rows, method, eps, *, query_rows=None,
                 tile=None, group=None, stats: dict | None = None):
    """Numba scan with exact tile pruning, questions grouped by (a, b) pair (any method).

    Google has 550 (a, b) pairs for 19,544 questions, BATS 2,000 for 98,000 (its several accepted answers
    play no part in the argmax): one pair's questions run together, so the pair part of the bound is formed
    once per pair and its rows stay in cache, and per-tile maxima let most tiles be skipped exactly.

    Seeding: a scan that starts from -inf must scan the first tiles in full. So each question starts instead
    from ``beta`` = its best score over the query words that are candidates (in analogy sets the answer is
    usually another question's query word), less a margin for the seed GEMM's different rounding. Starting
    from beta returns exactly what a scan from -inf returns whenever the true best score exceeds beta (the
    first row with the best score still replaces every earlier value); when it does not, the scan finds
    nothing (row -1) and that question is scanned again from -inf. So the seed only steers speed.
    """
    from wordeval.intrinsic.analogy_numba import MASK_BITS, combine_pairs_pruned, row_tile_terms

    tile, group, sgroup = tile or PRUNE_TILE, group or PRUNE_GROUP, PRUNE_SGROUP
    if not (0 < group <= MASK_BITS and 0 < sgroup <= MASK_BITS and tile > 0):
        raise ValueError(f"pruning levels of {tile} columns x {group} tiles x {sgroup} groups: groups and "
                         f"super-groups hold 1 to {MASK_BITS} of the level below")
    pa, pb, qp, order = group_by_pair(qa, qb)
    pstart = np.searchsorted(qp[order], np.arange(len(pa) + 1)).astype(np.int64)
    qc_o, kq_o, ex_o = (np.ascontiguousarray(x[order]) for x in (qc, kq, exclude))
    beta = np.full(len(qa), -np.inf)
    if query_rows is not None:
        beta = _seed(Q, np.asarray(query_rows), n_candidates, pa, pb, pstart, qc_o, kq_o, ex_o, method, eps)
    seeded = beta > -np.inf
    shared = _SharedBest(beta)
    c_rows = np.unique(qc)  # Google, BATS: the c words are the a words, half of the query words
    gemm = gemm_engine().nt

    def part(bounds):
        lo, hi = bounds
        ST = gemm(Q, unit_chunk(vectors, lo, hi), _scratch("cosines", (len(Q), hi - lo)))
        W1, W2, W3 = row_tile_terms(ST, c_rows, tile, group, sgroup, method)
        best = shared.start()
        bidx = np.full(len(qa), -1, dtype=np.int64)
        scanned = np.zeros(len(pa), dtype=np.int64)
        combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc_o, kq_o, ex_o, lo, tile, group, sgroup, method,
                             float(eps), best, bidx, scanned)
        shared.merge(best, bidx)
        return int(scanned.sum()), W1.shape[1]

    workers = kernel_threads()  # BLAS is on one thread here (``_search``)
    done = list(thread_pool(workers).map(part, _parts(n_candidates, chunk_rows, workers, PART_COLUMNS)))
    bidx = shared.index
    out = np.empty_like(bidx)
    out[order] = bidx
    again = np.empty_like(seeded)
    again[order] = seeded & (bidx < 0)
    if again.any():  # seed above the true best (or every candidate excluded): scan those from -inf
        redo = np.flatnonzero(again)
        out[redo] = solve_pruned(vectors, n_candidates, Q, qa[redo], qb[redo], qc[redo], kq[redo], exclude[redo],
                                 chunk_rows, method, eps, tile=tile, group=group)
    if stats is not None:
        tiles = sum(t for _, t in done)
        stats.update({"pairs": int(len(pa)), "tiles_per_question": tiles,
                      "tiles_scanned": sum(s for s, _ in done), "tiles_total": int(tiles * len(qa)),
                      "seeded": int(seeded.sum()), "rescanned": int(again.sum())})
    return out


_SCRATCH = threading.local()


def _scratch(name: str, shape: tuple, dtype=np.float32) -> np.ndarray:
    """An uninitialised array of ``shape``, reused by the calling thread: a part's 797 x 2,048 cosines (GloVe x
    MSR) are 6.5 MB, allocated 196 times a search otherwise. Valid until the thread asks for ``name`` again."""
    n = int(np.prod(shape))
    buf = getattr(_SCRATCH, name, None)
    if buf is None or buf.size < n or buf.dtype != dtype:
        buf = np.empty(n, dtype=dtype)
        setattr(_SCRATCH, name, buf)
    return buf[:n].reshape(shape)


class _SharedBest:
    """The best (score, row) per question over the parts merged so far, shared by the worker threads.

    Each part is scanned by one thread on its own (no barrier between threads, so a thread that the machine's
    load delays holds up nobody), starting just below the best score any part has reached so far: a part then
    finds its first row with each score at least that high. Merging keeps the higher score and, on equal
    scores, the lower row, which is what one scan of all candidates in row order returns.
    """

    def __init__(self, beta: np.ndarray):
        import threading

        self.lock = threading.Lock()
        self.value = beta.astype(np.float64)
        self.index = np.full(len(beta), -1, dtype=np.int64)

    def start(self) -> np.ndarray:
        with self.lock:
            return np.nextafter(self.value, -np.inf)

    def merge(self, value: np.ndarray, index: np.ndarray) -> None:
        from wordeval.intrinsic.analogy_numba import merge_best

        with self.lock:
            merge_best(value, index, self.value, self.index)


def _parts(n_candidates: int, chunk_rows: int, workers: int, cap: int | None = None) -> list[tuple[int, int]]:
    """Column ranges of near-equal width, at most ``chunk_rows`` (and ``cap``) wide, as many as a multiple of
    the worker threads, so the threads get equal shares (spaCy's 10,112 distinct vectors used to make parts
    of 2,048 + 2,048 + 2,048 + 2,048 + 1,920 columns: three for one thread, two for the other)."""
    width = max(1, min(chunk_rows, cap or chunk_rows))
    count = -(-n_candidates // width)
    count = -(-count // workers) * workers
    # boundaries on multiples of PRUNE_TILE where that leaves every part non-empty: whole tiles in each part
    step = PRUNE_TILE if n_candidates >= count * PRUNE_TILE else 1
    bounds = (np.linspace(0, n_candidates / step, count + 1).round() * step).astype(np.int64).clip(0, n_candidates)
    bounds[-1] = n_candidates
    bounds = bounds.tolist()
    return [(lo, hi) for lo, hi in zip(bounds[:-1], bounds[1:]) if hi > lo]


def _seed(Q, query_rows, n_candidates, pa, pb, pstart, qc, kq, exclude, method, eps) -> np.ndarray:
    """beta per question (pair-sorted): best score over the query words that are candidates, less a margin.

    The margin covers the seed GEMM rounding differently from the scan's: each float32 cosine of unit vectors
    is within d·u (u = 2^-24) of the exact value in either GEMM, so the two differ by at most 2·d·u per
    cosine; scores combine three cosines with factors up to 1/(p_a + eps) (3CosMul) or 1/sqrt(d2)
    (PairDirection), so the margin is 8·d·u·(1 + |score|). Should it still be too small, the question is
    rescanned (``solve_pruned``): the margin only moves speed, never answers.
    """
    from wordeval.intrinsic.analogy_numba import seed_pairs

    cols = np.flatnonzero((query_rows < n_candidates) & np.isfinite(Q).all(axis=1))
    out = np.full(len(qc), -np.inf)
    if not len(cols) or not len(qc):
        return out
    # one column per distinct seed row: column_of maps each row to one column (solve_batched merges query words
    # that share a candidate's vector already; a direct caller may not have)
    seed_rows, first = np.unique(query_rows[cols], return_index=True)
    cols = cols[first]
    SS = np.ascontiguousarray(Q @ Q[cols].T)
    column_of = np.full(int(seed_rows[-1]) + 1, -1, dtype=np.int32)
    column_of[seed_rows] = np.arange(len(seed_rows))
    workers = kernel_threads()
    # pair blocks of near-equal question counts: pair p's questions are pstart[p]:pstart[p + 1]
    cuts = np.searchsorted(pstart, np.linspace(0, len(qc), workers + 1)).clip(0, len(pa))
    cuts[0], cuts[-1] = 0, len(pa)
    blocks = [(int(lo), int(hi)) for lo, hi in zip(cuts[:-1], cuts[1:]) if hi > lo]
    list(thread_pool(workers).map(lambda b: seed_pairs(SS, column_of, pa, pb, pstart, qc, kq, exclude, method,
                                                       float(eps), out, *b), blocks))
    u = float(np.finfo(np.float32).eps) / 2
    return out - 8 * Q.shape[1] * u * (1 + np.abs(out))


def _cosine_chunks(vectors, n_candidates, Q, chunk_rows):
    """Yield (start, Q · unit(candidates[start:start + chunk_rows]).T), in candidate order.

    BLAS runs single-threaded here (``_search``: OpenBLAS's threads spin after a GEMM and starve the numba
    threads), so the chunk is split into one part per numba thread, multiplied by as many Python threads (the
    GIL is released inside numpy and around the ctypes call of ``gemm``) instead.
    """
    workers = kernel_threads()
    gemm = gemm_engine().nt

    def part(bounds):
        lo, hi = bounds
        return gemm(Q, unit_chunk(vectors, lo, hi), np.empty((len(Q), hi - lo), dtype=np.float32))

    parts = _parts(n_candidates, chunk_rows, workers, PART_COLUMNS)
    for (lo, _), ST in zip(parts, thread_pool(workers).map(part, parts)):
        yield lo, ST


def _scores_block(xp, ST, qa, qb, qc, kq, m, eps):
    """Scores of a block of questions over a chunk of candidates (numpy or torch namespace)."""
    ra, rb, rc = ST[qa], ST[qb], ST[qc]
    if m == 0:
        return rb - ra + rc
    if m == 1:
        return ((rb + 1.0) * 0.5) * ((rc + 1.0) * 0.5) / ((ra + 1.0) * 0.5 + eps)
    d2 = 2.0 - 2.0 * rc
    out = (rb - ra - kq[:, None]) / xp.sqrt(xp.clip(d2, IDENTICAL_EPS, None))
    out[d2 <= IDENTICAL_EPS] = -np.inf
    return out


def _numpy_combine(ST, qa, qb, qc, kq, exclude, start, m, eps, best, bidx, block=1024):
    C = ST.shape[1]
    ST = ST.astype(np.float64) if m else ST
    for s in range(0, len(qa), block):
        sl = slice(s, s + block)
        sc = _scores_block(np, ST, qa[sl], qb[sl], qc[sl], kq[sl], m, eps)
        ex = exclude[sl] - start
        qi, col = np.nonzero((ex >= 0) & (ex < C))
        sc[qi, ex[qi, col]] = -np.inf
        j = sc.argmax(axis=1)
        v = sc[np.arange(sc.shape[0]), j]
        better = v > best[sl]
        best[sl] = np.where(better, v, best[sl])
        bidx[sl] = np.where(better & np.isfinite(v), start + j, bidx[sl])


def _solve_torch(vectors, n_candidates, Q, qa, qb, qc, kq, exclude, m, eps, chunk_rows, device, block=TORCH_BLOCK):
    import torch

    dtype = torch.float32 if m == 0 else torch.float64
    Qt = torch.from_numpy(Q).to(device)
    ta, tb, tc = (torch.from_numpy(x).to(device) for x in (qa, qb, qc))
    tk = torch.from_numpy(kq).to(device, dtype)
    tex = torch.from_numpy(exclude).to(device)
    best = torch.full((len(qa),), -float("inf"), dtype=dtype, device=device)
    bidx = torch.full((len(qa),), -1, dtype=torch.int64, device=device)
    for start in range(0, n_candidates, chunk_rows):
        stop = min(start + chunk_rows, n_candidates)
        ST = (Qt @ torch.from_numpy(unit_chunk(vectors, start, stop)).to(device).T).to(dtype)
        C = stop - start
        for s in range(0, len(qa), block):
            sl = slice(s, s + block)
            sc = _scores_block(torch, ST, ta[sl], tb[sl], tc[sl], tk[sl], m, eps)
            ex = tex[sl] - start
            ok = (ex >= 0) & (ex < C)
            qi, col = torch.nonzero(ok, as_tuple=True)
            sc[qi, ex[qi, col]] = -float("inf")
            v, j = sc.max(dim=1)  # first maximal index on ties
            better = v > best[sl]
            best[sl] = torch.where(better, v, best[sl])
            bidx[sl] = torch.where(better & torch.isfinite(v), start + j, bidx[sl])
    return bidx.cpu().numpy()


def solve_reference(vectors: np.ndarray, n_candidates: int, qa_rows, qb_rows, qc_rows, exclude, *,
                    method: str = "3cosadd", eps: float = 1e-3) -> np.ndarray:
    """The plain per-question loop (the specification the batched path is tested against)."""
    E = unit_chunk(vectors, 0, n_candidates)
    E64 = E.astype(np.float64) if method == "pairdirection" else None
    out = np.full(len(qa_rows), -1, dtype=np.int64)
    for i, (ra, rb, rc) in enumerate(zip(qa_rows, qb_rows, qc_rows)):
        a, b, c = (unit_chunk(vectors, r, r + 1)[0] for r in (ra, rb, rc))
        if method == "3cosadd":
            scores = (E @ b - E @ a + E @ c).astype(np.float64)
        elif method == "3cosmul":
            cos_a, cos_b, cos_c = ((E @ w).astype(np.float64) for w in (a, b, c))
            scores = ((cos_b + 1) / 2) * ((cos_c + 1) / 2) / ((cos_a + 1) / 2 + eps)
        elif method == "pairdirection":
            diff = E64 - c
            norms = np.linalg.norm(diff, axis=1)
            scores = np.full(len(E), -np.inf)
            ok = norms ** 2 > IDENTICAL_EPS
            scores[ok] = diff[ok] @ (b - a).astype(np.float64) / norms[ok]
        else:
            raise ValueError(method)
        ex = [r for r in exclude[i] if 0 <= r < n_candidates]
        scores[ex] = -np.inf
        if np.isfinite(scores).any():
            out[i] = int(np.argmax(scores))
    return out
