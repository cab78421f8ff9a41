"""Run provenance written into every result: versions, seed, time, git hash, command line."""
from __future__ import annotations

import datetime as _dt
import functools
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import wordeval
from wordeval.readable_text import readable_text

# pyarrow parses large text vector files (embeddings.text_arrow); dask and distributed run --workers grids;
# tokenizers (Hugging Face's Rust library, a package of its own) normalises and splits every text and word an
# encoder reads, so its version decides the pieces as much as transformers' does
TRACKED_PACKAGES = ("numpy", "scipy", "scikit-learn", "gensim", "torch", "transformers", "tokenizers",
                    "sentence-transformers", "python-crfsuite", "spacy", "numba", "scipy-openblas32", "pyarrow",
                    "dask", "distributed")


def package_versions(names=TRACKED_PACKAGES) -> dict[str, str]:
    """Installed versions, read from metadata (nothing is imported)."""
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def git_environment() -> dict[str, str]:
    """The environment for a git command that names its repository with -C: GIT_DIR, GIT_WORK_TREE,
    GIT_INDEX_FILE... (a git hook's environment, a shell that exported one) win over -C, and the revision
    named another repository's HEAD, or "+dirty" from another work tree's files. The benchmarks use it too.

    GIT_OPTIONAL_LOCKS=0: a question must not write into the checkout. ``git status`` refreshed the index
    under ``.git/index.lock``; under `ulimit -f` git died of SIGXFSZ there and left the lock, and every later
    git command of the user failed on it (and one racing a run's status met "index.lock: File exists")."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")}, "GIT_OPTIONAL_LOCKS": "0"}


@functools.lru_cache(maxsize=1)
def git_revision() -> str | None:
    """HEAD of the checkout wordeval runs from, with "+dirty" when its package code differs from HEAD (the
    benchmarks' convention): a record computed with uncommitted changes must not name a commit that did not
    compute it. Once per process: what runs is what was imported, not what the files say later."""
    root = Path(wordeval.__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    env = git_environment()
    try:
        res = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=5, env=env)
        if res.returncode != 0 or not res.stdout.strip():
            return None
        changed = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--",
                                  "wordeval"], capture_output=True, text=True, timeout=5, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    dirty = changed.returncode == 0 and bool(changed.stdout.strip())
    return res.stdout.strip() + ("+dirty" if dirty else "")


def cpu_description(cpuinfo: str = "/proc/cpuinfo") -> str | None:
    """The processor and how many logical CPUs this process may use ("AMD EPYC 7B13, 2 CPUs"), or None where
    neither is known. In a report's machine line (its timings named the OS and kernel only, and those run on
    CPUs of very different speed) and in each record's run (``run.cpu``). With the family, model and widest
    vector instructions where Linux gives them: "AMD EPYC" names Zen 3 and Zen 4 alike, and the demo's
    tagging scores move with the CPU's float rounding between them (README, the make demo row)."""
    name, fields = None, {}
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as f:
            for line in f:
                key, _, value = (x.strip() for x in line.partition(":"))
                if key.lower() in ("model name", "cpu family", "model", "flags") and key.lower() not in fields:
                    fields[key.lower()] = value
                if key.lower() == "flags":  # the first processor's block has them all
                    break
        name = fields.get("model name")
    except OSError:
        pass
    flags = set(fields.get("flags", "").split())
    ident = [f"family {fields['cpu family']} model {fields.get('model', '?')}"] if "cpu family" in fields else []
    ident += [next((n for n, flag in (("AVX-512", "avx512f"), ("AVX2", "avx2"), ("AVX", "avx")) if flag in flags),
                   None)]
    ident = [x for x in ident if x]
    name = name or platform.processor() or None
    if name and ident:
        name = f"{name} ({', '.join(ident)})"
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        count = os.cpu_count()
    if name is None and not count:
        return None
    cpus = f"{count} CPU{'s' * (count != 1)}" if count else None
    return ", ".join(x for x in (name, cpus) if x)


@functools.lru_cache(maxsize=1)
def _this_cpu() -> str | None:
    return cpu_description()


def working_directory() -> str | None:
    """The directory the command ran in: a recorded command line names its files, data homes and --out as
    they were typed, often relative to it, so without it the command could not be run again."""
    try:
        return readable_text(os.getcwd())
    except OSError:  # the directory was removed under the running process
        return None


def run_provenance(*, seed: int | None = None, argv: list[str] | None = None) -> dict[str, Any]:
    return {
        "wordeval_version": wordeval.__version__,
        "git_revision": git_revision(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "seed": seed,
        "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "command": [readable_text(a) for a in (sys.argv if argv is None else argv)],
        "cwd": working_directory(),
        # the machine that computed the scores: tagging scores move with its float rounding (README, the make
        # demo row), and the report's machine line names the machine that wrote the report, often another
        "cpu": _this_cpu(),
    }


