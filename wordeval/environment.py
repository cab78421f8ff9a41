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
