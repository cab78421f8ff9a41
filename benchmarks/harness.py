"""What every benchmark script shares: the machine/revision header, alternating repeated timings, whole-process
peak memory of a child process, and the writer that puts ``NAME.md`` and ``NAME.json`` side by side.

A report under reports/benchmarks/ is only ever written by ``BenchmarkReport.write`` (never by hand): its
first lines are the exact command line, the git revision (with "+dirty" when the tree had changes), the
machine (CPU model, cores, memory) and the load average before and after the run; the raw JSON beside it
holds every repeat of every timing. Each script takes ``--smoke`` (a tiny version that must finish in
seconds; the test suite runs it so the scripts cannot rot) and ``--out DIR``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent


def git_revision(changed: list[str] | None = None) -> str:
    """The short HEAD revision, with "+dirty" when tracked files differ from it (``changed``, by default
    ``changed_files()``, says which)."""
    try:
        from wordeval.provenance import git_environment
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                             text=True, timeout=10, env=git_environment()).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (rev or "unknown") + ("+dirty" if (changed_files() if changed is None else changed) else "")


def changed_files() -> list[str]:
    """Tracked paths that differ from HEAD: what a "+dirty" revision had on top of its commit."""
    try:
        from wordeval.provenance import git_environment
        out = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True, timeout=10, env=git_environment()).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line[3:] for line in out.splitlines() if line.strip()]


def cpu_identity() -> dict[str, Any]:
    """What tells two machines of one model name apart ("AMD EPYC" names Zen 3 and Zen 5 alike, and spaCy x MSR
    3CosAdd against gensim was 113x on one and 82x on the other: analogy.md at b993ad8 and at 00ce5dd): family,
    model, the widest vector instructions Linux enabled, and the cache sizes per level."""
    out: dict[str, Any] = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = (x.strip() for x in line.partition(":"))
            if key in ("cpu family", "model", "stepping") and key not in out:
                out[key] = value
            elif key == "flags":
                flags = set(value.split())
                out["vector"] = next((name for name, flag in (("AVX-512", "avx512f"), ("AVX2", "avx2"),
                                                              ("AVX", "avx"), ("SSE4.2", "sse4_2")) if flag in flags),
                                     "")
                break
    except OSError:
        pass
    caches = {}
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            level, kind = (index / "level").read_text().strip(), (index / "type").read_text().strip()
            size = (index / "size").read_text().strip()
        except OSError:
            continue
        if kind != "Instruction":
            caches[f"L{level}"] = size
    if caches:
        out["caches"] = caches
    return out


def describe_cpu(m: dict[str, Any]) -> str:
    """The machine line's CPU: model name, then family/model, vector instructions and caches where known."""
    ident = m.get("cpu_identity") or {}
    parts = []
    if "cpu family" in ident:
        parts.append(f"family {ident['cpu family']} model {ident.get('model', '?')}")
    if ident.get("vector"):
        parts.append(ident["vector"])
    if ident.get("caches"):
        parts.append(" ".join(f"{k} {v}" for k, v in ident["caches"].items()))
    return m["cpu"] + (f" ({'; '.join(parts)})" if parts else "")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu": cpu_model(), "cpu_identity": cpu_identity(), "cores": os.cpu_count(), "memory_gib": mem,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS")}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def time_alternating(contenders: Mapping[str, Callable[[], Any]], *, repeats: int = 3,
                     warmup: bool = False, settle: float = 0.0) -> dict[str, dict[str, Any]]:
    """Run each contender ``repeats`` times, alternating (A B A B ...) so that a change in machine load hits
    all of them alike. Returns name -> {"seconds": [...], "min", "median", "result": last return value}.

    ``settle``: seconds to wait, untimed, before each run. After a BLAS call OpenBLAS's worker threads spin for
    a while (2^28 cycles by default, ~0.06 s here) before they sleep; a run that starts at once shares the
    cores with the previous contender's spinning threads (measured: wordeval on GloVe x MSR right after gensim
    288 ms, 252 ms after a 0.3 s pause, 248 ms run on its own; min of 8)."""
    out: dict[str, dict[str, Any]] = {name: {"seconds": []} for name in contenders}
    if warmup:
        for fn in contenders.values():
            fn()
    for _ in range(repeats):
        for name, fn in contenders.items():
            if settle:
                time.sleep(settle)
            t0 = time.perf_counter()
            result = fn()
            out[name]["seconds"].append(time.perf_counter() - t0)
            out[name]["result"] = result
    for entry in out.values():
        entry["min"] = min(entry["seconds"])
        entry["median"] = statistics.median(entry["seconds"])
    return out


def peak_rss_of(cmd: Sequence[str], *, env: Mapping[str, str] | None = None,
                timeout: float | None = None) -> dict[str, Any]:
    """Whole-process peak RSS of ``cmd``, measured exactly: a fresh Python process runs it with os.wait4 and
    reports that child's own ru_maxrss (so earlier children of this process cannot inflate the figure)."""
    probe = ("import json, os, subprocess, sys, time\n"
             "t0 = time.perf_counter()\n"
             "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
             "err = p.stderr.read()\n"
             "_, status, ru = os.wait4(p.pid, 0)\n"
             "print(json.dumps({'seconds': time.perf_counter() - t0, 'returncode': os.waitstatus_to_exitcode(status),"
             " 'peak_rss_mib': ru.ru_maxrss / 1024, 'stderr': err.decode(errors='replace')[-2000:]}))\n")
    res = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=timeout)
    if res.returncode != 0 or not res.stdout.strip():
        raise RuntimeError(f"measurement of {cmd} failed: {res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def fmt_seconds(entry: Mapping[str, Any]) -> str:
    """``min / median`` of a timing entry from ``time_alternating``."""
    return f"{entry['min']:.3g} / {entry['median']:.3g}"


class BenchmarkReport:
    """Collects a benchmark's sections and raw data, then writes NAME.md and NAME.json atomically."""

    def __init__(self, name: str, title: str, *, argv: Sequence[str] | None = None):
        self.name = name
        self.title = title
        self.argv = list(sys.argv if argv is None else argv)
        self.started = time.time()
        self.load_before = load_average()
        self.changed = changed_files()
        self.revision = git_revision(self.changed)
        self.machine = machine()
        self.sections: list[str] = []
        self.raw: dict[str, Any] = {}

    def add(self, markdown: str) -> None:
        self.sections.append(markdown.rstrip() + "\n")

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Any]], *, align: str | None = None) -> str:
        align = align or "l" + "r" * (len(header) - 1)
        sep = ["---:" if a == "r" else "---" for a in align]
        lines = ["| " + " | ".join(map(str, header)) + " |", "| " + " | ".join(sep) + " |"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        return "\n".join(lines)

    def header(self) -> str:
        m = self.machine
        cmd = " ".join(shlex.quote(a) for a in ([Path(sys.executable).name] + self.argv))
        return "\n".join([
            f"# {self.title}", "",
            f"- command: `{cmd}`",
            f"- revision: `{self.revision}`" + (f" (changed: {', '.join(self.changed[:8])}"
                                                  + (", ..." if len(self.changed) > 8 else "") + ")"
                                                  if self.changed else ""),
            f"- machine: {describe_cpu(m)}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}"
            + (f", BLAS threads {m['blas_threads']}" if m.get("blas_threads") else ""),
            f"- load average (1/5/15 min) before: {self.load_before}, after: {self.load_after}",
            f"- wall time of the whole script: {self.elapsed:.0f} s",
            f"- raw data: [`{self.name}.json`]({self.name}.json)", "",
            "_Written by the script above; do not edit by hand._", ""])

    def write(self, out_dir: str | os.PathLike) -> Path:
        from wordeval.atomic_write import atomic_write_text

        self.load_after = load_average()
        self.elapsed = time.time() - self.started
        out = Path(out_dir)
        meta = {"command": self.argv, "revision": self.revision, "changed_files": self.changed, "machine": self.machine,
                "load_average": {"before": self.load_before, "after": self.load_after},
                "seconds": round(self.elapsed, 1), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                           time.gmtime(self.started))}
        atomic_write_text(out / f"{self.name}.json", json.dumps({"meta": meta, **self.raw}, indent=1,
                                                                 default=_json_default) + "\n")
        text = self.header() + "\n" + "\n".join(self.sections)
        atomic_write_text(out / f"{self.name}.md", text)
        return out / f"{self.name}.md"


def _json_default(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def stand_in_out(mode: str) -> Path:
    """Where a --smoke or --quick report goes without --out: outside the repository, not over the committed
    report of the full run."""
    from wordeval.paths import cache_home
    return cache_home(create=False) / "benchmarks" / mode


class StandInMode(argparse.Action):
    """A flag (--smoke, --quick) whose run is a stand-in, never the result. Without --out its report went to
    the committed reports/ folder: README's `repro_ner_features.py --quick` replaced reports/repro/ner-features.md
    with a few-minute version. An --out given before or after the flag still wins."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=False, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, True)
        if namespace.out is parser.get_default("out"):  # the default object itself: --out not given so far
            namespace.out = str(stand_in_out(self.dest))


class DataHomes(argparse.Action):
    """--data-home DIR, repeatable, read as wordeval reads it: the default is WORDEVAL_DATA's list of homes
    (os.pathsep-separated), and the first --data-home replaces that list instead of adding to it. The scripts
    took the whole variable for one folder, so WORDEVAL_DATA=A:B, which wordeval accepts, failed them."""

    def __call__(self, parser, namespace, values, option_string=None):
        current = getattr(namespace, self.dest)
        setattr(namespace, self.dest, ([] if current is self.default else current) + [values])


def data_home_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``--data-home`` of a script: a list of folders (empty: none)."""
    from wordeval.paths import data_home_variable
    parser.add_argument("--data-home", action=DataHomes, default=data_home_variable(), metavar="DIR",
                        help=f"{what}; repeatable, the first that holds a dataset wins "
                             "(default: $WORDEVAL_DATA, an os.pathsep-separated list)")


def data_home_cli(homes: Sequence[str]) -> list[str]:
    """The wordeval command-line options that pass ``homes`` on (one --data-home each)."""
    return [x for home in homes for x in ("--data-home", str(home))]


def standard_arguments(parser: argparse.ArgumentParser, *, default_out: str = "reports/benchmarks",
                       quick: bool = False) -> None:
    """``quick``: the caller adds --quick too (the reproductions); other scripts' help must not name it."""
    modes = "--smoke or --quick" if quick else "--smoke"
    parser.add_argument("--out", default=str(ROOT / default_out),
                        help=f"folder for NAME.md and NAME.json (default: {default_out}/; with {modes}: "
                             f"{stand_in_out('MODE')})")
    parser.add_argument("--smoke", action=StandInMode,
                        help="a tiny, seconds-long version (used by the test suite); never for reports/")
    parser.add_argument("--repeats", type=int, default=3, help="timings per contender (min and median reported)")
