"""Whether a process id names a running process on this host, on POSIX and on Windows.

Why not ``os.kill(pid, 0)`` everywhere: on Windows signal 0 is ``CTRL_C_EVENT`` (Python's documentation of
os.kill), so that call sends a Ctrl-C to the console process group ``pid``, and for any other pid it fails
with a plain OSError, never ProcessLookupError: a dead writer read as alive, or the error ended the command.
Windows is asked through OpenProcess/GetExitCodeProcess instead (not run on Windows here: a fake kernel32 in
tests/test_platform_without_posix.py)."""
from __future__ import annotations

import os
import sys

_STILL_ACTIVE = 259  # GetExitCodeProcess's code for a process that has not ended
_ERROR_ACCESS_DENIED = 5
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


def process_exists(pid: int) -> bool:
    """True where ``pid`` runs (another user's process included) or where the system does not say."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process
        return True
    return True


def _windows_process_exists(pid: int) -> bool:
    try:
        kernel32 = _kernel32()
    except (OSError, AttributeError, ImportError):
        return True  # cannot ask: a live writer's files must not be taken for a dead one's
    import ctypes
    from ctypes import wintypes

    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, int(pid))
    if not handle:
        return _last_error() == _ERROR_ACCESS_DENIED
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        # a process that ended with exit code 259 reads as running: the API cannot tell them apart
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _last_error() -> int:
    import ctypes

    return ctypes.get_last_error()


def _kernel32():
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return kernel32
