"""What a run may allocate, and the refusal of a setting whose estimated peak exceeds it.

A setting such as ``window = 100000`` or ``hidden = 100000000`` was accepted, and the cell died minutes later
inside torch with an allocator traceback (or the process was killed). Planning now compares an upper-bound
estimate of the dominant allocations with the machine's physical memory, or with ``WORDEVAL_MEMORY_LIMIT``
(bytes, or a number with a unit: ``512M``, ``2GiB``), which lowers it for a shared node or a batch job's
booking, and lets tests exercise the refusal without allocating anything.
"""
from __future__ import annotations

import os
import re
from typing import Mapping

from wordeval.errors import ConfigError

ENV = "WORDEVAL_MEMORY_LIMIT"
GIB = 2 ** 30
_UNITS = {"": 1, "k": 2 ** 10, "m": 2 ** 20, "g": 2 ** 30, "t": 2 ** 40}


def parse_size(text: str, name: str = ENV) -> int:
    """``"2GiB"``, ``"2Gi"``, ``"512M"``, ``"1e9"`` -> bytes (binary units: a job's ``--mem=2G`` means GiB)."""
    # "8Gi" is how Kubernetes writes a container's memory limit, "1e+9" how Python and C print 10**9
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:e\+?[0-9]+)?)\s*(?:([kmgt])(?:ib?|b)?|b)?\s*", str(text),
                         re.IGNORECASE)
    value = float(match.group(1)) * _UNITS[(match.group(2) or "").lower()] if match else 0
    if not match or value < 1:
        raise ConfigError(f"{name}={text!r}: expected a positive size in bytes, or with a unit (512M, 2GiB)")
    return int(value)


def physical_memory() -> int | None:
    """Bytes of RAM of this machine (``os.sysconf``), None where the system does not say."""
    try:
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


# a limit this large is how the kernel writes "none" (cgroup v1 prints 2^63 rounded down to a page)
_NO_LIMIT = 2 ** 60


def address_space_limits() -> dict[str, int]:
    """``{"-v": bytes, "-d": bytes}``: the soft address-space and data-segment limits that are set."""
    try:
        import resource
    except ImportError:  # not POSIX
        return {}
    found = {}
    for name, flag in (("RLIMIT_AS", "-v"), ("RLIMIT_DATA", "-d")):
        try:
            soft = resource.getrlimit(getattr(resource, name))[0]
        except (AttributeError, ValueError, OSError):
            continue
        if soft != resource.RLIM_INFINITY and 0 < soft < _NO_LIMIT:
            found[flag] = soft
    return found


def process_limit() -> tuple[int | None, str]:
    """The lower of the address-space and data-segment limits (``ulimit -v``, ``ulimit -d``: how a batch
    scheduler such as SGE's h_vmem books memory), None where neither is set."""
    found = [(soft, f"the process's ulimit {flag}") for flag, soft in address_space_limits().items()]
    return min(found) if found else (None, "")


def _ancestors(base: str, path: str, name: str) -> list[str]:
    """``name`` in the cgroup at ``path`` and in each cgroup above it, up to ``base`` itself."""
    parts = [p for p in path.split("/") if p]
    return [f"{base}{''.join('/' + p for p in parts[:n])}/{name}" for n in range(len(parts), -1, -1)]


def cgroup_limit(root: str = "/sys/fs/cgroup", own: str = "/proc/self/cgroup") -> tuple[int | None, str]:
    """The memory limit of this process's cgroup (a container's ``--memory``, a Slurm job's booking), v2's
    ``memory.max`` or v1's ``memory.limit_in_bytes``; None where there is none or it cannot be read. The kernel
    enforces every ancestor's limit too, so the least over the cgroup and those above it is taken: a job step's
    own 'max' under a job booked at 4 GiB was read as no limit at all. A container sees its own cgroup at the
    root, where the named one is not there."""
    try:
        with open(own, encoding="utf-8") as lines:
            entries = [line.rstrip("\n").split(":", 2) for line in lines]
    except OSError:
        return None, ""
    candidates = []
    for entry in entries:
        if len(entry) != 3:
            continue
        _, controllers, path = entry
        if controllers == "":
            candidates += _ancestors(root, path, "memory.max")
        elif "memory" in controllers.split(","):
            candidates += _ancestors(f"{root}/memory", path, "memory.limit_in_bytes")
    found = []
    for candidate in candidates:
        try:
            with open(candidate, encoding="utf-8") as file:
                text = file.read().strip()
        except OSError:
            continue
        if text.isdigit() and 0 < int(text) < _NO_LIMIT:
            found.append((int(text), f"the cgroup's memory limit {candidate}"))
    return min(found) if found else (None, "")


def memory_limit() -> tuple[int | None, str]:
    """(bytes a run may use, where that figure comes from); (None, ...) where nothing is known. Without
    WORDEVAL_MEMORY_LIMIT, the least of the machine's memory, the process's limits and its cgroup's: under
    ``ulimit -v 4194304`` or in a 4 GiB container a fit estimated at 13 GiB was accepted on a larger machine,
    and died in torch after the store had been created."""
    text = os.environ.get(ENV, "").strip()
    if text:
        return parse_size(text), f"{ENV}={text}"
    found = [(limit, source) for limit, source in (process_limit(), cgroup_limit()) if limit is not None]
    total = physical_memory()
    if total is not None:
        found.append((total, "the machine's memory"))
    return min(found) if found else (None, "the machine's memory")


def out_of_memory(exc: BaseException) -> str | None:
    """What ``exc`` says of the process's memory, in the words of the CLI's line ("out of memory under ...",
    "cannot start a thread under ..."), None where it is something else: the exceptions a process gets when
    an allocation, a thread's stack or a library's mapping does not fit (``ulimit -v``, or the machine)."""
    import errno

    limit, source = process_limit()
    under = f" under {source} ({limit // 1024:,} KiB)" if limit is not None else ""
    text = str(exc)
    if isinstance(exc, RuntimeError) and text == "can't start new thread":
        return f"cannot start a thread{under}"
    if (isinstance(exc, MemoryError) or isinstance(exc, OSError) and exc.errno == errno.ENOMEM
            or isinstance(exc, ImportError) and ("failed to map segment" in text
                                                  or "cannot allocate memory" in text.lower())
            or isinstance(exc, OSError) and exc.errno is None and limit is not None
            and "Could not find/load shared object file" in text):  # llvmlite's words (numba), as in the CLI
        return f"out of memory{under}"
    return None


def gib(n: float) -> str:
    return f"{n / GIB:,.1f} GiB" if n >= 0.1 * GIB else f"{n / 2 ** 20:,.1f} MiB"


def check_fits(parts: Mapping[str, float], *, what: str, options: str) -> None:
    """Refuse (ConfigError) when the summed estimate ``parts`` (name -> bytes) exceeds the limit. The message
    names ``what`` (the cell), the ``options`` that set the size, the total, the largest parts and the limit."""
    limit, source = memory_limit()
    total = sum(parts.values())
    if limit is None or total <= limit:
        return
    largest = sorted(parts.items(), key=lambda kv: -kv[1])[:2]
    detail = ", ".join(f"{name} {gib(b)}" for name, b in largest if b > 0)
    raise ConfigError(f"{what}: {options} needs an estimated {gib(total)} of memory ({detail}), more than "
                      f"{source} ({gib(limit)}): choose smaller values")
