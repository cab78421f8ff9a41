"""Process environment variables set for a while and then put back as they were."""
from __future__ import annotations

import contextlib
import os
from typing import Iterable, Iterator, Mapping


@contextlib.contextmanager
def temporary_environ(values: Mapping[str, str], *, restore: Iterable[str] = ()) -> Iterator[None]:
    """Set ``values`` in this process's environment, then put back every variable named in ``values`` or
    ``restore`` as it was (unset where it was unset), also when the block raises."""
    names = set(values) | set(restore)
    before = {k: os.environ.get(k) for k in names}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def flag(name: str, default: bool) -> bool:
    """A yes/no variable: 1/true/yes/on or 0/false/no/off, unset or empty its default; any other value is a
    ConfigError (``WORDEVAL_PREBUILD=false`` kept the child process, ``WORDEVAL_QUIET=true`` the bars)."""
    from wordeval.options import boolean

    value = os.environ.get(name, "").strip()
    return boolean(value, name) if value else default


def check_environment() -> None:
    """The variables of README's table that have a syntax, checked when a run is planned (a ConfigError, exit 2,
    nothing written). Each was read only where it is used: NUMBA_NUM_THREADS=0 was a traceback from numba's
    import at the first analogy cell, WORDEVAL_SEED_THREADS=x an error after the store had been created, and
    WORDEVAL_OFFLINE=y a run that went online."""
    from wordeval.memory_limit import ENV as MEMORY_LIMIT, parse_size
    from wordeval.options import boolean, integer
    from wordeval.package_index import offline_switch

    checks = {"WORDEVAL_SEED_THREADS": integer(1, 64), "WORDEVAL_ENCODING_CACHE_MB": integer(0),
              "WORDEVAL_ENCODING_CACHE_DISK": boolean, MEMORY_LIMIT: parse_size,
              "WORDEVAL_PREBUILD": boolean, "WORDEVAL_QUIET": boolean}
    for name, check in checks.items():
        if os.environ.get(name, "").strip():
            check(os.environ[name], name)
    if "NUMBA_NUM_THREADS" in os.environ:  # numba reads an empty value as a bad one too (a warning, then its default)
        integer(1)(os.environ["NUMBA_NUM_THREADS"], "NUMBA_NUM_THREADS")
    offline_switch()
    from wordeval.paths import cache_home
    cache_home(create=False)  # a relative WORDEVAL_CACHE
    gemm = os.environ.get("WORDEVAL_GEMM", "")  # a misspelt 'numpy' kept wordeval's own OpenBLAS without a word
    if gemm.strip() and gemm.strip().lower() != "numpy":
        from wordeval.errors import ConfigError
        raise ConfigError(f"WORDEVAL_GEMM={gemm!r}: expected numpy (numpy's BLAS for the analogy GEMMs), or leave "
                          f"it unset")
