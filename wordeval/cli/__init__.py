"""Thin command line: parse arguments, call the library, map known errors to exit codes.

Each subcommand lives in its own module under wordeval.cli with ``add_arguments(parser)`` and
``run(args, progress=...)``; modules are imported only when their command runs (``--help`` stays light).

Exit codes: 0 success; 2 a user error (bad option or value, missing or malformed file, unknown name),
printed as one line ``wordeval: error: ...`` with no traceback; 3 finished but some tasks were skipped
(see ``wordeval.cli.common``); ``status`` alone: 4 cells in progress, 5 cells not computed,
6 nothing planned yet (``wordeval.cli.status``); 130 interrupted. Anything else is a bug: its traceback is
shown with a line asking to report it.
"""
from __future__ import annotations

import argparse
import errno
import importlib
import inspect
import logging
import os
import signal  # imported with the module, which __main__ guards: _handlers() runs before main's own guard
import sys
import threading

from wordeval import __version__

# name -> (module, one-line help). Keep the module import cheap: heavy imports go inside run().
COMMANDS: dict[str, tuple[str, str]] = {
    "info": ("wordeval.cli.info", "describe an embedding: format, vocabulary, dim, fingerprint, norms, load time"),
    "run": ("wordeval.cli.run", "evaluate representations on a suite into a result store (resumable)"),
    "compare": ("wordeval.cli.compare", "compare stored results: CIs, rankings, Kendall tau, flipped pairs"),
    "report": ("wordeval.cli.report", "write a report folder (md, tex, csv, json, html, figures, bib)"),
    "cite": ("wordeval.cli.cite", "print the BibTeX for a result set"),
    "status": ("wordeval.cli.status", "list a result store's runs (running, finished, killed) and the state of "
                                      "each planned cell, read-only"),
    "datasets": ("wordeval.cli.datasets", "list, verify, fetch or cite datasets; check a task spec file"),
    "demo": ("wordeval.cli.demo", "run the demo comparison and write reports/demo/"),
    "intrinsic": ("wordeval.cli.intrinsic", "word similarity, analogy and STS with explicit OOV/case/vocabulary policies"),
    "extrinsic": ("wordeval.cli.extrinsic", "POS, chunking, NER and classification with representations as features"),
}
# commands that keep what they finished (records, fetched files) when interrupted, and resume; of `datasets`
# only `fetch` (list, verify, cite and check read: an interrupted `datasets list` was told to resume)
_RESUMABLE = {"run", "intrinsic", "extrinsic", "demo", "datasets fetch"}
BUG_NOTE = ("wordeval: this is a bug in wordeval, not in your input; please report it with the command line and "
            "the traceback above")


class _StoreOnce(argparse._StoreAction):
    """A single-valued option given twice (``--seed 1 ... --seed 2``, a script's default and the user's own)
    kept the last one without a word, and the record said only that one: an error, as ``--set`` twice is."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = namespace.__dict__.setdefault("_given_options", set())
        if self.dest in given:
            raise argparse.ArgumentError(self, f"given twice (the last {values!r}): give it once")
        given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


class OneLineParser(argparse.ArgumentParser):
    """argparse prints usage plus the message; a user error here is one line, exit code 2."""

    def __init__(self, *args, **kwargs):
        # no abbreviations: `--forc` was taken as --force (which replaces outputs) and `--keep-goin` as
        # --keep-going, without a word; a prefix is now an unknown option, answered with the one it is
        # close to
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def parse_known_args(self, args=None, namespace=None):
        self._words = list(args) if args is not None else []  # a command's own words, for error's hints
        return super().parse_known_args(args, namespace)

    def error(self, message: str):  # noqa: D401 - argparse API
        hint = ""
        if message.endswith("required: EMBEDDING"):
            from wordeval.misplaced_arguments import embeddings_after_tasks
            hint = embeddings_after_tasks(getattr(self, "_words", []))
        self.exit(2, f"wordeval: error: {message.splitlines()[0]} (see: {self.prog} --help){hint}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="wordeval",
        description="Evaluate word and sentence representations intrinsically and extrinsically, "
                    "and show where the two disagree.")
    parser.add_argument("--version", action="version", version=f"wordeval {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        importlib.import_module(module).add_arguments(p)
    _add_output_options(parser, before_command=True)
    return parser


def _add_output_options(parser: argparse.ArgumentParser, *, before_command: bool) -> None:
    """-q/-v before the command and after it (``wordeval run ... --quiet`` was refused as an unrecognized
    argument, pointing at a --help that did not list it), down to nested actions (``datasets list -q``)."""
    # unset unless given after the command: a subcommand's default would overwrite a -q given before it
    default = {} if before_command else {"default": argparse.SUPPRESS}
    # the closing line ('1 computed, ...', 'report written to ...') is the command's outcome, which scripts and
    # tests read under -q: it stays, and the help said 'no ... info messages' as if it went too
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or info messages (the "
                        "closing line saying what was computed, skipped or written stays, as do notes and "
                        "warnings)", **default)
    parser.add_argument("-v", "--verbose", action="store_true", help="wordeval's debug logging", **default)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command_parser in action.choices.values():
                _add_output_options(command_parser, before_command=False)


def _task_option_hint(parser: argparse.ArgumentParser, command: str | None, extra: list[str]) -> str:
    """``run`` takes the task options of ``intrinsic``/``extrinsic`` as --set KEY=VALUE: ``run --profile quick``
    was only an unrecognized argument, and run's --help names no profile."""
    if command != "run":
        return ""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    own = commands["run"]._option_string_actions
    elsewhere = {**commands["intrinsic"]._option_string_actions, **commands["extrinsic"]._option_string_actions}
    at = next((i for i, word in enumerate(extra) if word.startswith("--")), None)
    if at is None:
        return ""
    option, eq, value = extra[at].partition("=")
    if option not in elsewhere or option in own:
        return ""
    if elsewhere[option].nargs == 0:
        value = "true"
    elif not eq:
        value = extra[at + 1] if at + 1 < len(extra) and not extra[at + 1].startswith("-") else "VALUE"
    return f"; run takes that task option as --set {option[2:].replace('-', '_')}={value}"


def _close_option(parser: argparse.ArgumentParser, command: str | None, extra: list[str]) -> str:
    """' (did you mean --seed?)' for the first unknown option close to one the command has: `--seexd 1` was
    only 'unrecognized arguments', and the prefixes argparse used to complete are unknown options now."""
    from wordeval.close_names import close_names

    def commands(p: argparse.ArgumentParser) -> dict:
        return next((a.choices for a in p._actions if isinstance(a, argparse._SubParsersAction)), {})

    parsers = [commands(parser)[command]] if command else [parser]
    known: set[str] = set()
    while parsers:  # the command's options and those of its actions (`datasets list --jsn`)
        p = parsers.pop()
        known |= {o for o in p._option_string_actions if o.startswith("--")}
        parsers += list(commands(p).values())
    for word in extra:
        if not word.startswith("--") or word == "--":
            continue
        option = word.partition("=")[0]
        prefixed = sorted(o for o in known if o.startswith(option))
        close = prefixed[:1] if len(prefixed) == 1 else close_names(option, sorted(known), n=1)
        if close:
            return f" (did you mean {close[0]}?)"
    return ""


class _VisibleFormatter(logging.Formatter):
    """Log messages quote labels, words and paths from the user's files: their control characters are shown
    escaped, not sent to the terminal (an ESC sequence in a label recoloured or retitled it)."""

    def format(self, record: logging.LogRecord) -> str:
        from wordeval.visible_text import visible_lines
        return visible_lines(super().format(record))


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a batch scheduler's time limit) raised as an interrupt, so that what a Ctrl-C runs
    runs too: threads stop, the child process that builds representations is closed, temporary folders go.
    Python's default for SIGTERM ends the process on the spot and skips all of that."""


class HungUp(Terminated):
    """SIGHUP (the terminal closed, an ssh session dropped), raised as SIGTERM is: its default ended the run
    on the spot with exit code 129 and no line, its temporaries left behind and the run log's row still
    'running'. Exit code 129 as before, now after what an interrupt cleans up."""


def _raise_terminated(signum, frame):
    import signal

    raise HungUp() if signum == getattr(signal, "SIGHUP", None) else Terminated()


def _handle_sigterm():
    """Install the handler for SIGTERM and SIGHUP (where the platform has them) in a command-line process: the
    main thread, each signal still at its default. One set otherwise is the caller's choice and stays:
    ``nohup`` starts the process with SIGHUP ignored so that it outlives the terminal."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
            signal.signal(sig, _raise_terminated)


# multiprocessing passes sys.warnoptions on to the interpreters it starts, its resource tracker among them.
# After an interrupted --workers run the tracker added two lines about "leaked semaphore objects" to the run's
# one line: Dask's nanny queues (distributed/nanny.py, child_stop_q), which the tracker then removes itself.
# Its warnings at shutdown (they all begin "resource_tracker:") report what it cleans up, nothing to act on.
QUIET_TRACKER = "ignore:resource_tracker:UserWarning:multiprocessing.resource_tracker"


def main(argv: list[str] | None = None) -> int:
    return _main_settled(argv, process=False)


def command_line() -> None:
    """The entry point of the wordeval process (``python -m wordeval``, the console script)."""
    _leave(_main_settled(None, process=True))


def _leave(code: int) -> None:
    """End the process with ``code`` after what Python's own exit runs for a program: non-daemon threads
    joined, atexit handlers (logging, multiprocessing, Dask, temporary folders), the streams flushed.

    Python's exit then puts the default signal dispositions back and tears the modules down (0.15-0.5 s with
    torch or Dask loaded): a Ctrl-C or SIGTERM landing there killed the finished command by the signal (no
    line, 130/143 instead of its code). Until os._exit the handlers of ``_exit_on_signal`` stay, so a signal
    during a hung shutdown still ends the process at once, with ``code``."""
    import atexit
    import logging
    import threading

    if code in (129, 130, 143):
        # an interrupt is one line: a Ctrl-C while torch imports, after torch._subclasses.fake_tensor and
        # before torch configures its loggers, left them sending to the root handler at INFO, and the atexit
        # hook of fake_tensor added three lines of "FakeTensor cache stats" under it
        logging.disable(logging.INFO)
    shutdown = getattr(threading, "_shutdown", None)  # CPython's own step before atexit; private, so guarded
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    _flush_standard_streams()
    os._exit(code)


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe, or a flush a signal cut short: exit anyway
            pass


def _main_settled(argv: list[str] | None, *, process: bool) -> int:
    if QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(QUIET_TRACKER)
    callers = _handlers()
    stdout, stderr = sys.stdout, sys.stderr
    code = 1
    try:
        # in the try: a Ctrl-C while these modules import (0.1 s of a cold start, after `wordeval.cli` itself)
        # was a traceback of importlib and enum frames, and the process died by the signal
        # what the error line of a too low `ulimit -n` needs, imported while a file can still be opened
        import wordeval.atomic_write
        import wordeval.visible_text  # noqa: F401
        from wordeval.cli.console import show_controls_escaped, spell_out_unencodable, stderr_opened
        stderr = stderr_opened()
        spell_out_unencodable()
        stdout = show_controls_escaped()
        _handle_sigterm()
        code = _stdout_flushed(_main(argv, process=process))
    except KeyboardInterrupt as exc:
        # while the parser is built (it imports every command's module) or the command's module is imported:
        # before any command ran, so there is nothing to keep
        code = interrupted(exc, resumable=False)
    except OSError as exc:
        if exc.errno not in _OPEN_FILES_ERRNOS:  # building the parser imports every command's module
            raise
        code = _open_files_said(exc)
    finally:
        _exit_on_signal(code)
        if not process:  # a caller in this process (tests, a script) gets its own handlers and stdout back
            _restore(callers)
            sys.stdout = stdout
            sys.stderr = stderr
    return code


def _address_space_refused(command: str) -> bool:
    """In the wordeval process only, before numpy loads: a tight ``ulimit -v``/``-d`` caps the libraries'
    per-thread reservations, or, below what a computing command's libraries need at all, is one line here
    rather than a hang or an abort inside OpenBLAS or LLVM (``wordeval.address_space``). A caller's process
    keeps its own settings."""
    from wordeval.address_space import settle
    from wordeval.visible_text import visible

    said = settle(computes=command in _COMPUTING)
    if said:
        print(f"wordeval: error: {visible(said)}", file=sys.stderr)
    return bool(said)


def _stdout_flushed(code: int) -> int:
    """``code`` once the command's output has reached standard output. Its last block used to be flushed only
    by ``_leave``, which ignores errors: under `compare > FILE` a full disk or `ulimit -f` there cut the output
    short with exit code 0 and no word."""
    from wordeval.errors import WordevalError

    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        return code
    except (WordevalError, OSError) as exc:
        from wordeval.visible_text import visible

        why = exc if isinstance(exc, WordevalError) else f"standard output: cannot write ({exc.strerror or exc})"
        print(f"wordeval: error: {visible(why)}", file=sys.stderr)
        return code or getattr(exc, "exit_code", 2)
    return code


def _handlers() -> dict:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    from wordeval.held_signals import stopping_signals

    return {sig: signal.getsignal(sig) for sig in stopping_signals()}


def _restore(handlers: dict) -> None:
    import signal

    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def _exit_on_signal(code: int) -> None:
    """Once the outcome is decided, a Ctrl-C or SIGTERM (a second Ctrl-C while the first one's line is printed,
    one while the interpreter shuts down) ends the process with that exit code at once: it raised a
    KeyboardInterrupt there, whose traceback followed the one line (or a second line contradicting it)."""
    import signal

    def exit_now(signum, frame):
        _flush_standard_streams()
        os._exit(code)

    for sig, handler in _handlers().items():
        if handler is not signal.SIG_IGN:  # ignored on purpose (``nohup``, a background job): stays ignored
            signal.signal(sig, exit_now)


def interrupted(exc: KeyboardInterrupt, *, resumable: bool) -> int:
    """The one line and the exit code of a Ctrl-C (130), a SIGTERM (143) or a SIGHUP (129)."""
    if isinstance(exc, HungUp):
        code, how = 129, "hung up"
    elif isinstance(exc, Terminated):
        code, how = 143, "terminated"
    else:
        code, how = 130, "interrupted"
    _exit_on_signal(code)
    after = ("what was stored so far is kept; run the same command again to resume" if resumable
             else "nothing was written; an earlier output is as it was")
    try:
        sys.stderr.write(f"wordeval: {how} ({after})\n")  # one write: a signal cannot land before its newline
    except OSError:  # a hung-up terminal answers EIO: the exit code still says what happened
        pass
    return code


def _said(exc) -> int:
    """A WordevalError's one line on stderr; returns its exit code."""
    from wordeval.visible_text import visible

    print(f"wordeval: error: {visible(' '.join(str(exc).split(chr(10))))}", file=sys.stderr)
    return exc.exit_code


def _bug() -> int:
    """The traceback of the exception being handled, the line asking to report it; exit code 1."""
    import traceback
    traceback.print_exc()
    print(BUG_NOTE, file=sys.stderr)
    return 1


_OPEN_FILES_ERRNOS = (errno.EMFILE, errno.ENFILE)


def _open_files_said(exc: OSError) -> int:
    """The one line of a file that could not be opened for want of descriptors (``ulimit -n``): raised wherever
    a file is opened (a module imported late, a dataset, the store), not only on output paths, and it is the
    machine's limit, not a bug: the same command runs once the limit is raised."""
    from wordeval.atomic_write import _MACHINE_ERRNOS
    from wordeval.visible_text import visible

    where = f"{visible(os.fsdecode(exc.filename))}: cannot open: " if exc.filename else ""
    print(f"wordeval: error: {where}{_MACHINE_ERRNOS[exc.errno]}", file=sys.stderr)
    return 2


def _machine_limit_said(said: str) -> int:
    """The one line of ``memory_limit.out_of_memory``'s verdict, with what to do: the CLI and the distributed
    worker classify by that one function, so an exception one of them counts as memory the other does too."""
    limited = " under " in said  # out_of_memory names the process's limit where one is set
    if said.startswith("cannot start a thread"):
        # Python's "can't start new thread": pthread_create refused for want of address space for the thread's
        # stack (``ulimit -v``) or of processes (``ulimit -u``)
        where = "" if limited else " under the user's process limit (ulimit -u, which counts threads)"
        print(f"wordeval: error: {said}{where}: raise it and run again", file=sys.stderr)
    elif limited:  # the limit, not the machine: "a machine with more memory" sent users to buy one
        print(f"wordeval: error: {said}: raise it, or use a smaller --restrict-vocab or fewer "
              f"representations at once", file=sys.stderr)
    else:
        print(f"wordeval: error: {said} (a smaller --restrict-vocab, fewer representations at once, or a "
              f"machine with more memory)", file=sys.stderr)
    return 2


# the commands that load numba's LLVM and run BLAS on the data; status, compare, report... run in far less
_COMPUTING = {"intrinsic", "extrinsic", "run", "demo"}


def _main(argv: list[str] | None, *, process: bool = False) -> int:
    from wordeval.errors import WordevalError
    # here, not where it is needed: out of memory, even a small import can fail
    from wordeval.memory_limit import out_of_memory

    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a one-line usage error (2)
        return int(exc.code or 0)
    except WordevalError as exc:  # --help or --version into a full disk or a closed stdout
        return _said(exc)
    if extra:  # said here, not by parse_args: the top-level parser would point to 'wordeval --help'
        command = getattr(args, "command", None)
        hint = _task_option_hint(parser, command, extra)
        close = "" if hint else _close_option(parser, command, extra)
        sys.stderr.write(f"wordeval: error: unrecognized arguments: {' '.join(extra)}{close} "
                         f"(see: wordeval{' ' + command if command else ''} --help){hint}\n")
        return 2
    if not getattr(args, "command", None):
        try:
            parser.print_help()
        except WordevalError as exc:
            return _said(exc)
        return 2
    if process and _address_space_refused(args.command):
        return 2
    from wordeval.visible_text import visible

    callers_handlers = list(logging.getLogger().handlers)
    # --verbose is wordeval's debug lines (and the INFO of the libraries, Dask's worker starts among them): with
    # the root logger at DEBUG, `report -v` was 150 lines of matplotlib's font matching around wordeval's few.
    # Without it the libraries say only warnings: at INFO a fresh machine's first `report` wrote matplotlib's
    # "generated new fontManager" among wordeval's lines
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s",
                        stream=sys.stderr)
    own_log = logging.getLogger("wordeval")
    own_level = own_log.level
    if args.verbose:
        own_log.setLevel(logging.DEBUG)
    elif not args.quiet and not callers_handlers:  # a caller's own logging set up keeps its levels
        own_log.setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:
        if handler not in callers_handlers:  # the one basicConfig added; a caller's own keep their format
            handler.setFormatter(_VisibleFormatter("%(message)s"))
    import warnings
    # a warning is one line on stderr, like an error (Python's own format adds the source line)
    warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: print(
        f"wordeval: warning: {visible(' '.join(str(message).split()))}", file=sys.stderr)
    from wordeval.progress import bars_drawn
    if args.quiet or not bars_drawn(sys.stderr):
        # read by huggingface_hub when a command first imports transformers: its "Loading weights" bar wrote
        # carriage-return frames into logs and pipes, where wordeval's own bars are plain lines
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    module = importlib.import_module(args._module)
    # drawn on a terminal, plain lines in a log or pipe (wordeval.progress)
    kwargs = ({"progress": not args.quiet}
              if "progress" in inspect.signature(module.run).parameters else {})
    try:
        return int(module.run(args, **kwargs) or 0)
    except WordevalError as exc:
        return _said(exc)
    except KeyboardInterrupt as exc:
        # only the commands that fill a store resume; the others write their output whole or not at all
        action = getattr(args, "action", None) if args.command == "datasets" else None
        return interrupted(exc, resumable=" ".join(filter(None, (args.command, action))) in _RESUMABLE)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the machine's limits are one line; anything else is a bug
        said = out_of_memory(exc)
        if said is not None:
            return _machine_limit_said(said)
        if isinstance(exc, OSError) and exc.errno in _OPEN_FILES_ERRNOS:
            return _open_files_said(exc)
        if not isinstance(exc, OSError) or exc.errno != errno.ENAMETOOLONG:
            return _bug()
        # only a path the user gave is that long; pathlib's exists()/is_file() raise it (Python 3.11), and
        # `status`, `compare`, `report`, `cite`, `datasets check` and --data-home ended in a traceback
        print(f"wordeval: error: {visible(exc.filename or '')}: a name in it is longer than the file system "
              f"allows ({exc.strerror}); choose a shorter one", file=sys.stderr)
        return 2
    finally:
        own_log.setLevel(own_level)
