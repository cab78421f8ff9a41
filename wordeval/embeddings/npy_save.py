"""``np.save`` for wordeval's cache entries, with the system's error when the disk refuses the write.

numpy writes an array to a real file with C ``fwrite`` (``ndarray.tofile``), and a short write there (a full
disk, ``ulimit -f``) became ``OSError('1190900 requested and 49968 written')`` with no errno: the run's
warning named neither the file nor the cause, and advised a writable folder where space was missing. Written
through Python's file object instead, the ENOSPC or EFBIG reaches ``wordeval.atomic_write.machine_errors``.
The bytes are those of ``np.save`` (``write_array`` with a version 1.0 header where the array fits one)."""
from __future__ import annotations

import os

import numpy as np


class _PythonWrites:
    """A file object numpy does not recognise as a real file, so ``write_array`` calls ``write`` on it."""

    def __init__(self, fh):
        self._fh = fh

    def write(self, data) -> int:
        return self._fh.write(data)


def save_npy(path: str | os.PathLike, array: np.ndarray) -> None:
    with open(path, "wb") as fh:
        np.lib.format.write_array(_PythonWrites(fh), np.asanyarray(array), allow_pickle=False)
