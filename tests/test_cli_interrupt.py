"""A Ctrl-C or SIGTERM that lands while the command line starts (the interpreter importing it, the parser
importing every command's module) is one line and exit code 130 / 143, as it is once a command runs."""
from __future__ import annotations

import os
import runpy
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import wordeval.cli as cli
from wordeval.cli import Terminated, main

ROOT = Path(__file__).resolve().parent.parent


def _not_escaping(call):
    """An interrupt that escapes would stop the whole test session: it fails this test instead."""
    try:
        return call()
    except KeyboardInterrupt:
        pytest.fail("the interrupt escaped the command line as a traceback")


@pytest.mark.parametrize("exc,code,word", [(KeyboardInterrupt(), 130, "interrupted"),
                                           (Terminated(), 143, "terminated")])
def test_an_interrupt_while_the_parser_is_built_is_one_line(monkeypatch, capsys, exc, code, word):
    def build_parser():
        raise exc

    monkeypatch.setattr(cli, "build_parser", build_parser)
    assert _not_escaping(lambda: main(["--quiet", "compare", "nowhere"])) == code
    err = capsys.readouterr().err
    assert err == f"wordeval: {word} (nothing was written; an earlier output is as it was)\n", err


class _InterruptedImport:
    """A meta-path finder on which importing wordeval.cli is cut short by Ctrl-C."""

    def find_spec(self, name, path=None, target=None):
        if name == "wordeval.cli":
            raise KeyboardInterrupt
        return None


def test_an_interrupt_while_python_m_wordeval_imports_is_one_line(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "wordeval.cli")
    monkeypatch.delitem(sys.modules, "wordeval.__main__", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    with pytest.raises(SystemExit) as stop:
        _not_escaping(lambda: runpy.run_module("wordeval", run_name="__main__"))
    assert stop.value.code == 130
    err = capsys.readouterr().err
    assert err == "wordeval: interrupted (nothing was written; an earlier output is as it was)\n", err


SECOND_CTRL_C = """
import os, signal, sys
import wordeval.cli.compare as compare

def run(args, **kwargs):
    raise KeyboardInterrupt  # the first Ctrl-C, inside the command

compare.run = run

class SecondPressAfterTheLine:
    # the second Ctrl-C lands as the first one's line has been written
    def __init__(self, stream):
        self.stream, self.sent = stream, False
    def write(self, text):
        n = self.stream.write(text)
        if "interrupted" in text and not self.sent:
            self.sent = True
            os.kill(os.getpid(), signal.SIGINT)
        return n
    def flush(self):
        self.stream.flush()

sys.stderr = SecondPressAfterTheLine(sys.stderr)
from wordeval.cli import main
raise SystemExit(main(["--quiet", "compare", "nowhere"]))
"""


def test_a_second_ctrl_c_after_the_line_adds_no_traceback(tmp_path):
    """Ctrl-C pressed twice: the second one, landing while the first one's line was printed or the handlers
    were put back, raised a KeyboardInterrupt whose traceback followed the line."""
    script = tmp_path / "twice.py"
    script.write_text(SECOND_CTRL_C, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=60,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert res.stderr == "wordeval: interrupted (nothing was written; an earlier output is as it was)\n", res.stderr
    assert res.returncode == 130


def test_main_gives_the_callers_signal_handlers_back():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    assert main(["--version"]) == 0
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


INTERRUPT_IN_PACKAGE_IMPORT = """
import runpy, sys

class Interrupted:
    # Ctrl-C lands while `python -m wordeval` imports what the package imports (its __version__'s
    # importlib.metadata, ~40 ms of a cold start)
    def find_spec(self, name, path=None, target=None):
        if name == "importlib.metadata":
            raise KeyboardInterrupt
        return None

for name in [m for m in sys.modules if m == "wordeval" or m.startswith(("wordeval.", "importlib.metadata"))]:
    del sys.modules[name]
sys.meta_path.insert(0, Interrupted())
runpy.run_module("wordeval", run_name="__main__", alter_sys=True)
"""


def test_an_interrupt_while_python_m_wordeval_imports_the_package_is_one_line(tmp_path):
    """runpy imports the package before wordeval/__main__.py can catch anything: the package imported
    importlib.metadata for __version__ there, and a Ctrl-C in the first ~40 ms was a traceback."""
    script = tmp_path / "early.py"
    script.write_text(INTERRUPT_IN_PACKAGE_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script), "--version"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert res.stderr == "wordeval: interrupted (nothing was written; an earlier output is as it was)\n", res.stderr
    assert res.returncode == 130


INTERRUPT_IN_CONSOLE_IMPORT = """
import runpy, sys

class Interrupted:
    # Ctrl-C lands once `wordeval.cli` is imported, while main() imports the console module (and through it
    # atomic_write, signal's enums...): about 0.1 s of a cold start
    def find_spec(self, name, path=None, target=None):
        if name == "wordeval.cli.console":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupted())
runpy.run_module("wordeval", run_name="__main__", alter_sys=True)
"""


def test_an_interrupt_while_main_sets_up_the_streams_is_one_line(tmp_path):
    """main() imported the console module and wrapped the streams before its guard: a Ctrl-C there was a
    traceback and a death by SIGINT."""
    script = tmp_path / "setup.py"
    script.write_text(INTERRUPT_IN_CONSOLE_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script), "--version"], capture_output=True, text=True, env=env,
                         timeout=60, cwd=tmp_path)
    assert res.stderr == "wordeval: interrupted (nothing was written; an earlier output is as it was)\n", res.stderr
    assert res.returncode == 130


INTERRUPT_IN_TORCH_IMPORT = """
import importlib.machinery, os, signal, sys
import wordeval.cli.compare as compare

class CtrlCAfterFakeTensor:
    # Ctrl-C lands while the command imports torch (as extrinsic's torch learners and bert: do), once torch
    # has imported torch._subclasses.fake_tensor, which registers an atexit hook that logs at INFO, and
    # before torch's own logging set-up at the end of its __init__
    def find_spec(self, name, path=None, target=None):
        if name != "torch._subclasses.fake_tensor":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            os.kill(os.getpid(), signal.SIGINT)

        spec.loader.exec_module = exec_module
        return spec

def run(args, **kwargs):
    import torch  # noqa: F401

compare.run = run
sys.meta_path.insert(0, CtrlCAfterFakeTensor())
sys.argv = ["wordeval", "compare", "nowhere"]
from wordeval.cli import command_line
command_line()
"""


def test_an_interrupt_while_torch_imports_is_one_line(tmp_path):
    """A Ctrl-C midway through `import torch` (seconds of a cold start) left torch's loggers unconfigured, so
    propagating to the root handler the CLI sets at INFO: the line was followed by three lines of torch's
    'FakeTensor cache stats' from its atexit hook (seen on `extrinsic --learner mlp` and `info minilm`)."""
    pytest.importorskip("torch")
    script = tmp_path / "torch_import.py"
    script.write_text(INTERRUPT_IN_TORCH_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120,
                         cwd=tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    one_line = "wordeval: interrupted (nothing was written; an earlier output is as it was)\n"
    assert res.stderr == one_line, res.stderr
    assert res.returncode == 130
