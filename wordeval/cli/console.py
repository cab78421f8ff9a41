"""Standard output and error on a terminal or a pipe that cannot encode what wordeval prints.

Under a non-UTF-8 locale (``LANG=en_US.ISO-8859-1``, ``PYTHONIOENCODING=ascii``, ``PYTHONUTF8=0`` with
``LC_ALL=C``, a Windows console) the tables' '±', '≥', '×', '‡' made ``compare`` a UnicodeEncodeError traceback
after all the work. Characters the stream cannot encode are written in ASCII instead: the symbols wordeval
uses as their usual spelling, anything else (a word, a path) as a backslash escape.
"""
from __future__ import annotations

import codecs
import sys

HANDLER = "wordeval-ascii"
SPELLINGS = {"—": "-", "–": "-", "×": "x", "τ": "tau", "±": "+/-", "§": "S", "α": "alpha", "≤": "<=",
             "≥": ">=", "⚠": "!", "‡": "++", "†": "+", "¶": "P", "ʼ": "'", "°": "o", "…": "...", "’": "'", "‘": "'",
             "“": '"', "”": '"', "−": "-", "ρ": "rho",
             "█": "#", "▏": "|", "▎": "|", "▍": "|", "▌": "|", "▋": "|", "▊": "|", "▉": "|"}


def _ascii_spelling(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    out = []
    for ch in text:
        if ch in SPELLINGS:
            out.append(SPELLINGS[ch])
        elif 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte of a file name the locale could not decode: written back as it was
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out), exc.end


def shown_width(text: str, stream=None) -> int:
    """The columns ``text`` takes when written to ``stream`` (default: standard output): a character the stream
    cannot encode as long as the ASCII written in its place, the others as ``text_width`` counts them (a wide
    East Asian one two, a combining mark or a joiner none). len() aligned the intrinsic table on 'café' while
    'caf\\xe9' was printed, and on '日本' that a terminal draws four columns wide."""
    from wordeval.text_width import text_width

    encoding = getattr(sys.stdout if stream is None else stream, "encoding", None) or "utf-8"
    width = 0
    for ch in text:
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            width += len(_ascii_spelling(UnicodeEncodeError(encoding, ch, 0, 1, "cannot encode"))[0])
            continue
        except LookupError:
            pass
        width += text_width(ch)
    return width


def padded(text: str, width: int, stream=None) -> str:
    """``text`` followed by the spaces that make it ``width`` columns wide on ``stream`` (see ``shown_width``)."""
    return text + " " * max(0, width - shown_width(text, stream))


def _encodes_everything(stream) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "gb18030")
    except LookupError:
        return False


def spell_out_unencodable() -> None:
    """Give stdout and stderr the ASCII fallback where their encoding cannot write every character, and where a
    UTF-8 stream would fail on (strict) or misspell (backslashreplace: '\\udcff' for the byte 0xff) the lone
    surrogates that stand for a path's undecodable bytes: `wordeval status` on a store whose folder name is not
    UTF-8 was a UnicodeEncodeError traceback under PYTHONIOENCODING=utf-8 or a UTF-8 locale such as
    en_US.UTF-8. A stream that writes those bytes back as they were (surrogateescape) is left so."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _ascii_spelling)
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        if not _encodes_everything(stream) or getattr(stream, "errors", None) in ("strict", "backslashreplace"):
            stream.reconfigure(errors=HANDLER)


STANDARD_OUTPUT = "standard output"


class VisibleStdout:
    """Standard output whose control characters (other than newline and tab) are written escaped: tables and
    lines that quote labels, task names, words and paths from files cannot move the cursor, recolour or
    retitle the terminal. Everything else is the wrapped stream's."""

    def __init__(self, stream):
        self._stream = stream
        self._sink = _whole_writes(stream)
        self._reader_gone = False

    def write(self, text: str) -> int:
        from wordeval.atomic_write import machine_errors
        from wordeval.visible_text import visible_lines

        if self._reader_gone:
            return len(text)
        # a full disk or `ulimit -f` under `compare > FILE` is the user's machine, not a bug in wordeval: one line
        try:
            with machine_errors(STANDARD_OUTPUT):
                self._sink.write(visible_lines(text))
                if self._sink is not self._stream:
                    self._sink.flush()
        except BrokenPipeError:
            self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        from wordeval.atomic_write import machine_errors

        if self._reader_gone:
            return
        try:
            with machine_errors(STANDARD_OUTPUT):
                self._sink.flush()
        except BrokenPipeError:
            self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        """The reader has what it wanted (`| head -1`, `| grep -q`): the command goes on without printing. A
        BrokenPipeError raised through it, where stdout writes through (PYTHONUNBUFFERED, or a table larger than
        the buffer), ended the command there: `status | grep -q ...` exited 0 instead of its 3, 4 or 5, and
        `intrinsic` lost its summary line and its exit code 3. The descriptor is pointed at the null device, so
        that what the stream still buffers is not a second error when it is flushed."""
        import os

        self._reader_gone = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, self._stream.fileno())
            finally:
                os.close(devnull)
        except (AttributeError, OSError, ValueError):  # no descriptor of its own (a caller's StringIO)
            pass

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _whole_writes(stream):
    """``stream``, or where it writes straight to its file (PYTHONUNBUFFERED, ``python -u``) a ``WholeWrites``
    of it."""
    import io

    raw = getattr(stream, "buffer", None)
    return WholeWrites(stream, raw) if isinstance(raw, io.FileIO) else stream


class WholeWrites:
    """Text written through ``stream``'s encoding to its file, write after write until all of it is there.

    Python's write-through text layer drops what a short write leaves: the write that reaches `ulimit -f` or
    the disk's last free block writes part and returns its count, and `compare --csv > FILE` ended with exit
    code 0 and a cut file. Here the rest is written again, and that write's OSError (EFBIG, ENOSPC) says
    why it cannot; what it could not write is dropped, so the error is said once, not again at the exit's
    flush."""

    def __init__(self, stream, raw):
        self._stream, self._raw = stream, raw
        self._encoder = codecs.getincrementalencoder(stream.encoding)(stream.errors)

    def write(self, text: str) -> int:
        import os
        import select

        self._stream.flush()  # nothing is held there in write-through mode; kept in order if something is
        if os.linesep != "\n":  # as the text layer translates
            text = text.replace("\n", os.linesep)
        data = memoryview(self._encoder.encode(text))
        while data:
            n = self._raw.write(data)
            if n is None:  # a non-blocking descriptor that is full: wait until it takes more
                select.select([], [self._raw.fileno()], [])
                continue
            data = data[n:]
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


class ClosedStandardOutput:
    """Standard output of a process started without one (``wordeval compare STORE >&-``). Python makes it None,
    and print() to None writes nothing: the table was lost with exit code 0, while ``--json``, ``--csv`` and
    ``cite`` (which write to sys.stdout) were AttributeError tracebacks calling themselves a bug."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        from wordeval.errors import OutputError

        raise OutputError(f"{STANDARD_OUTPUT}: cannot write: it is closed (a '>&-' redirection): point it to a "
                          "file or /dev/null")

    def flush(self) -> None:  # nothing was written, so nothing was lost
        pass

    def isatty(self) -> bool:
        return False


def show_controls_escaped():
    """Wrap sys.stdout (see ``VisibleStdout``), a closed one as ``ClosedStandardOutput``; returns what to put
    back."""
    previous = sys.stdout
    if not isinstance(previous, VisibleStdout):
        sys.stdout = VisibleStdout(previous if previous is not None else ClosedStandardOutput())
    return previous


def stderr_opened():
    """A closed standard error (``2>&-``) replaced by the null device; returns what to put back. Python makes it
    None, and the one-line messages written to it with sys.stderr.write raised AttributeError: ``wordeval
    compare --bogus 2>&-`` exited 1 (a bug's code) instead of 2."""
    previous = sys.stderr
    if previous is None:
        import os

        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    return previous
