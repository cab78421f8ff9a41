"""The embedding spec resolver: ``[LABEL=]SOURCE`` -> something under test.

SOURCE is tried as a file path (format detected, or given), then as a registered embedding id
(``glove-6b-50d``), then as a builder spec ``builder[:arg,key=val,...]``: a bare argument is passed as
``variant=``, ``key=val`` pairs as string keyword arguments, and LABEL as ``name=``.
"""
from __future__ import annotations

import contextlib
import logging
import inspect
import os
from dataclasses import replace
from pathlib import Path

from wordeval.artifacts import sha256_file
from wordeval.embeddings.file_io import check_file
from wordeval.embeddings.vector_checks import listening
from wordeval.errors import (ConfigError, InputFormatError, MissingFileError, OutputError, UnknownNameError,
                             without_cache)
from wordeval.readable_text import quoted
from wordeval.registry import REGISTRY

log = logging.getLogger(__name__)
ENCODING_ERRORS = ("strict", "replace")
# spec options whose value may be a file or folder: a corpus (builders, type-level contexts), a model folder
PATH_OPTIONS = ("corpus", "contexts", "model")


def looks_like_builder_spec(head: str) -> bool:
    """Whether ``head`` (the text before a first '=') is the start of a builder spec (``word2vec:corpus``)
    rather than a label: its part before ':' is a registered embedding id."""
    if ":" not in head:
        return False
    from wordeval.registry import REGISTRY
    return head.split(":", 1)[0] in REGISTRY.names("embedding")


def is_builder_spec(spec: str) -> bool:
    """Whether ``spec`` (``[LABEL=]SOURCE``) resolves, as ``load_embedding`` resolves it, to a registered
    builder (``word2vec:corpus=news``): not a file, not a pretrained id such as ``glove-6b-50d``."""
    _, source = split_label(spec)
    if os.path.exists(source):
        return False
    try:
        return bool(REGISTRY.entry("embedding", source.partition(":")[0]).meta.get("builder"))
    except UnknownNameError:
        return False


def split_label(spec: str) -> tuple[str | None, str]:
    """``"mine=vectors.txt"`` -> ``("mine", "vectors.txt")``. The same rule as the CLI's representations: a
    label holds any character but '='; an existing path and a builder spec (``word2vec:corpus=news``) are
    never split."""
    if os.path.exists(spec):
        return None, spec
    label, sep, rest = spec.partition("=")
    if not sep or not label.strip() or not rest or looks_like_builder_spec(label):
        return None, spec
    return label, rest


def parse_builder_args(text: str) -> tuple[str | None, dict[str, str]]:
    variant, kwargs = None, {}
    last = None
    parts = [p.strip() for p in text.split(",")]
    for i, part in enumerate(parts):
        if not part:
            continue
        key, eq, value = part.partition("=")
        if eq:
            if not key or key in kwargs:
                raise ConfigError(f"builder argument {part!r}: expected unique key=value pairs")
            kwargs[key] = value
            last = key
            continue
        # else "unknown variant 'corpus.txt'" for corpus=/data/my,corpus.txt, which says nothing of commas;
        # the path may hold several (corpus=/data/a,b,c.txt), so every longer join is tried too
        joined = [",".join([kwargs[last], *parts[i:j]]) for j in range(i + 1, len(parts) + 1)] if last else []
        for path in joined:
            if os.path.exists(os.path.expanduser(path)):
                raise ConfigError(f"{last}={path}: a ',' ends a spec's value, so a path holding one "
                                  f"cannot be given; link or copy the file to a name without ','")
        if variant is None:
            variant = part
        else:
            raise ConfigError(f"builder arguments: expected at most one bare variant, got {variant!r} and {part!r}")
    return variant, kwargs


@contextlib.contextmanager
def naming_spec(spec: str):
    """A ConfigError about a spec's arguments, re-raised naming the spec: "seed='-1': expected an integer >= 0"
    alone did not say which of a run's representations it was about. Subclasses (an unknown name) are left."""
    try:
        yield
    except ConfigError as exc:
        if type(exc) is not ConfigError or spec in str(exc):
            raise
        message = str(exc)
        head = f"{split_label(spec)[1].partition(':')[0]}: "  # "minilm: ..." said again after the spec
        raise ConfigError(f"{spec}: {message[len(head):] if message.startswith(head) else message}"
                          f"{_label_reading(spec)}") from None


def _label_reading(spec: str) -> str:
    """The other reading of a builder spec whose option names an existing file: ``word2vec:sg=vecs.v2`` was
    "sg='vecs.v2': expected true or false", not that a label may not start with a registered id and ':'. The
    builder reading wins (``lsa:corpus=c.txt`` names its corpus file), so this only explains it."""
    head, eq, rest = split_label(spec)[1].partition("=")
    # a folder is no LABEL=FILE either: "is a file" sent a model folder's owner to relabel it
    if not (eq and looks_like_builder_spec(head) and os.path.lexists(rest)) or os.path.isdir(rest):
        return ""
    # the option the file is given to is the last before the '=': bert:token,model=DIR gives it to model=,
    # whose value it is, and was told to label it otherwise
    if head.partition(":")[2].rpartition(",")[2].strip() in PATH_OPTIONS:
        return ""
    return (f" (read as a builder spec; as LABEL=FILE, {quoted(rest)} is a file, but a label that starts with a "
            f"registered embedding id and ':' starts a builder spec: label it otherwise, e.g. "
            f"{quoted(head.replace(':', '-', 1) + '=' + rest)})")


def check_spec_arguments(head: str, loader, variant: str | None, kwargs: dict[str, str]) -> None:
    """A spec's arguments against what its loader takes: ``glove-6b-50d:foo=1`` was a TypeError traceback
    (exit 1) when the cell loaded it, after the store had been created."""
    import inspect

    try:
        params = inspect.signature(loader).parameters
    except (TypeError, ValueError):  # no signature to read (a builtin): the loader checks its own arguments
        return
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return  # the loader checks its own options (builders, bert)
    if variant is not None and "variant" not in params:
        raise ConfigError(f"{head}: takes no variant, got {variant!r}")
    # name and cache_home are set by the label and the environment, not written in a spec
    allowed = [n for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY
               and n not in ("name", "cache_home")]
    unknown = sorted(set(kwargs) - set(allowed))
    if unknown:
        from wordeval.options import close_hint

        raise ConfigError(f"{head}: unknown option(s) {', '.join(unknown)}; "
                          + (f"known: {', '.join(allowed)}{close_hint(unknown, allowed)}" if allowed
                             else f"{head} takes no options"))


def load_file(path, *, format: str | None = None, name: str | None = None, allow_pickle: bool = False,
              encoding_errors: str = "strict", cache: bool = True, cache_home=None, vocab=None):
    from wordeval.embeddings import vector_cache
    from wordeval.embeddings.detect import detect_format
    from wordeval.embeddings.format_advice import format_given

    if encoding_errors not in ENCODING_ERRORS:
        raise ConfigError(f"encoding_errors must be one of {', '.join(ENCODING_ERRORS)}, got {encoding_errors!r}")
    path = check_file(path)
    options = {"encoding_errors": encoding_errors}
    # the state before detection reads the file: taken after it, a rewrite while the format was detected (or
    # between detection and the parse) failed without a word of the change
    read_from = vector_cache.now_ns()
    before = _state_key(path, options=options)
    try:
        fmt = format or detect_format(path)
    except InputFormatError as exc:
        raise _task_spec_said(path) or _said_changed(exc, path, before, options) from None
    entry = REGISTRY.entry("format", fmt)
    if vocab is not None and fmt != "npy":  # checked before the cache: a cached text file ignored the option
        raise ConfigError(f"{path}: a vocabulary file (vocab) is only used with format npy, not {fmt}")
    cacheable = cache and entry.meta.get("cacheable", False)
    if cacheable:
        hit = vector_cache.lookup(path, format=fmt, options=options, name=name, cache_home=cache_home)
        if hit is None:
            hit = _uncached_parse(path, format=fmt, options=options, name=name, cache_home=cache_home)
        if hit is not None:
            return hit
    kwargs = {"encoding_errors": encoding_errors, "name": name}
    if entry.meta.get("pickle"):
        kwargs["allow_pickle"] = allow_pickle
    if vocab is not None:
        kwargs["vocab"] = vocab
    # ``before`` is the state parsed: taken after the parse, it gave the vectors of the earlier content to a
    # file written meanwhile, and every later load of it was served them
    try:
        with listening() as heard, format_given(format is not None):
            emb = entry.load()(path, **kwargs)
    except InputFormatError as exc:
        raise _task_spec_said(path) or _said_changed(exc, path, before, options) from None
    # the fingerprint hashes the words and values as parsed, which no `sha256sum FILE` gives and which moves
    # when parsing does: this names the file itself (taken before the state check, so both see one state)
    emb.info = replace(emb.info, parameters={**emb.info.parameters, "file_sha256": sha256_file(path)})
    if cacheable and _state_key(path, options=options) != before:
        log.warning("%s changed while it was read: its vectors are not cached and may mix its old and new "
                    "content (load it again once it is written)", os.fspath(path))
    elif cacheable:
        # kept with the cache key, so that a load from the cache says them again (a loader names its file first)
        prefix = f"{os.fspath(path)}: "
        said = [message[len(prefix):] for message in heard if message.startswith(prefix)]
        try:
            vector_cache.store(path, emb, format=fmt, options=options, cache_home=cache_home, said=said,
                               read_from=read_from)
        except (OSError, OutputError) as exc:  # a read-only or full cache must not stop an evaluation
            _keep_uncached(path, emb, format=fmt, options=options, cache_home=cache_home, why=exc)
    return emb


def _task_spec_said(path) -> ConfigError | None:
    """A task spec given as EMBEDDING was "SPEC.toml:1: expected a word followed by numbers": read as TOML
    only once the vector reader has refused it, so a vector file is read as before."""
    from wordeval.misplaced_arguments import task_spec_as_embedding

    said = task_spec_as_embedding(path)
    return None if said is None else ConfigError(said)


def _said_changed(exc: InputFormatError, path, before, options) -> InputFormatError:
    """``exc``, saying that the file changed while it was read where it did: a file rewritten while it was
    parsed (a training job saving to the path) failed at a line that the file as it now is may hold intact,
    and the error sent the user to a line with nothing wrong in it."""
    if _state_key(path, options=options) == before:
        return exc
    place = "line" if exc.record is None and exc.offset is None else "place"
    changed = (f"the file changed while it was read, so that {place} may no longer hold this: load it again "
               "once it is written")
    return exc.retold(changed if exc.got is None else f"{exc.got}; but {changed}")


def _state_key(path, *, options) -> str | None:
    """What every write of the file moves (not a cache key: the format may not be known yet)."""
    from wordeval.embeddings import vector_cache

    try:
        return vector_cache.file_key(path, format="", options=options)
    except OSError:  # removed or replaced in between: not the file that was parsed
        return None


# Parses the vector cache could not keep (a read-only or full WORDEVAL_CACHE), by cache folder and file key.
# A command loads a file more than once (the run's plan checks it, its cells load it): without the cache each
# load parsed the file again and printed its warnings again. Held for the process, as the cache would be.
_UNCACHED: dict[tuple[str, str], object] = {}
_UNWRITABLE_SAID: set[str] = set()


def _uncached_key(path, *, format: str, options, cache_home) -> tuple[str, str]:
    from wordeval.embeddings import vector_cache
    from wordeval.paths import cache_home as _cache_home

    return (os.fspath(_cache_home(cache_home, create=False)),
            vector_cache.file_key(path, format=format, options=options))


def _keep_uncached(path, emb, *, format: str, options, cache_home, why: Exception) -> None:
    try:
        key = _uncached_key(path, format=format, options=options, cache_home=cache_home)
    except OSError:  # the file went away meanwhile: nothing to reuse
        return
    _UNCACHED[key] = emb
    if key[0] not in _UNWRITABLE_SAID:
        _UNWRITABLE_SAID.add(key[0])
        log.warning("%s", without_cache("vector cache", "parsed files", why))


def _uncached_parse(path, *, format: str, options, name: str | None, cache_home):
    """This process's parse of the file in this exact state (``vector_cache.file_key``), relabelled, or None."""
    from wordeval.embeddings.text_format import _default_name

    if not _UNCACHED:
        return None
    emb = _UNCACHED.get(_uncached_key(path, format=format, options=options, cache_home=cache_home))
    if emb is None:
        return None
    other = emb.renamed(name or _default_name(path))
    other.info = replace(other.info, source=str(Path(path).resolve()))
    return other


def check_folder_named_like_an_id(source: str) -> None:
    """A folder in the working directory named like a registered embedding (``minilm``, a downloaded model;
    ``glove-6b-50d``, a data folder) was read as the file the user named, and the error, "expected an
    embedding file, got a directory", named neither what was typed nor what to do: a folder is never an
    embedding file, so say that it hides the id."""
    if source in REGISTRY.names("embedding") and os.path.isdir(source):
        model = f", or give a model folder as bert:model=./{source}" if source in ("bert", "minilm") else ""
        raise MissingFileError(f"{source}: a folder of this name in the working directory hides the registered "
                               f"embedding {quoted(source)} (a folder is not an embedding file); run from another "
                               f"folder{model}")


def unresolved_spec_error(source: str, exc: UnknownNameError, label: str | None = None
                          ) -> MissingFileError | UnknownNameError:
    """The error for a SOURCE that is neither a file nor a registered id. One wording for the run's early check
    and for the loader: ``wordeval.evaluate`` said "expected an embedding file ..., got no such file" where the
    command line said "no such embedding file" for the same path."""
    # a label may hold ':' (w2v:sg=/data/vecs.txt): a SOURCE that names a file is the missing file, not a builder
    from wordeval.paths import has_separator

    names_a_file = has_separator(source) or Path(source).suffix[1:].isalpha()
    if label is not None and ":" in label and not names_a_file:
        # a misspelt builder (glove-train:epochs=x) splits as LABEL=SOURCE: "unknown embedding 'x'" alone
        # named neither the spec nor the misspelt name
        head = label.partition(":")[0]
        return UnknownNameError(f"{label}={source}: unknown embedding {quoted(head)}; known: "
                                f"{', '.join(sorted(REGISTRY.names('embedding')))} (read as LABEL=SOURCE, "
                                f"{quoted(source)} is no file either)")
    from wordeval.misplaced_arguments import task_as_embedding

    task = task_as_embedding(source)  # the list of embedding ids did not say that it was a task
    if has_separator(source) or Path(source).suffix or ":" in source:
        return MissingFileError(f"{source}: no such embedding file, and not a registered embedding id"
                                + (f": {task}" if task else f" ({exc})"))
    if task:
        return UnknownNameError(f"unknown embedding {quoted(source)}: {task}")
    return UnknownNameError(f"{exc} (and no file {quoted(source)} exists)")


def builder_reads_pickles(spec: str) -> bool:
    """Whether ``spec`` names a builder that reads weight files ``--allow-pickle`` governs (bert:model=...)."""
    builder = split_label(os.fspath(spec))[1].partition(":")[0]
    try:
        entry = REGISTRY.entry("embedding", builder)
    except Exception:  # an unknown name, a file: the caller's own checks say what it is
        return False
    return "allow_pickle" in inspect.signature(entry.load()).parameters


def _names_registered(source: str) -> bool:
    return source.partition(":")[0] in REGISTRY.names("embedding")


def _check_keywords(*, format, allow_pickle, encoding_errors, cache, cache_home, vocab) -> None:
    """load_embedding's keywords of the wrong type, said before anything is read: allow_pickle="no" loaded a
    pickle (a text is true), format=5 or cache_home=5 were Python's TypeErrors, naming no keyword, and a
    registered id, which is no file, dropped any encoding_errors without a word."""
    from wordeval.options import flag_argument
    from wordeval.paths import path_argument

    if encoding_errors not in ENCODING_ERRORS:
        raise ConfigError(f"encoding_errors must be one of {', '.join(ENCODING_ERRORS)}, "
                          f"got {encoding_errors!r}")
    flag_argument(allow_pickle, "allow_pickle")
    flag_argument(cache, "cache")
    if format is not None and not isinstance(format, str):
        raise ConfigError(f"format: expected a format name (a str) or None, got {type(format).__name__} "
                          f"{format!r:.60}")
    for key, value in (("cache_home", cache_home), ("vocab", vocab)):
        if value is not None:
            path_argument(value, key)


def load_embedding(spec, *, format: str | None = None, allow_pickle: bool = False, encoding_errors: str = "strict",
                   cache: bool = True, cache_home=None, vocab=None):
    """Resolve an embedding spec (see module docstring). Errors are WordevalErrors with one-line messages.

    ``format``: the file's format (default None: detected from its content).
    ``allow_pickle``: load gensim .kv/.model files and pickled model weights (default False).
    ``encoding_errors``: invalid UTF-8 in a word, strict (an error) or replace (default strict).
    ``cache``: keep the parsed file as a memory-mapped binary, keyed by content (default True).
    ``cache_home``: the cache folder (default None: ``WORDEVAL_CACHE``, else ``$XDG_CACHE_HOME/wordeval``,
    else ``~/.cache/wordeval``).
    ``vocab``: the vocabulary file of a .npy matrix (default None: found beside it)."""
    if not isinstance(spec, (str, os.PathLike)):
        # os.fspath's TypeError ("expected str, bytes or os.PathLike object, not int") named no option
        hint = (" (an in-memory embedding is adapted by wordeval.as_embedding)"
                if spec is not None and not isinstance(spec, (int, float, bytes)) else "")
        raise ConfigError(f"load_embedding: expected a spec (a path, a registered id such as 'glove-6b-50d', "
                          f"or a builder spec), got {type(spec).__name__} {spec!r:.60}{hint}")
    spec = os.fspath(spec)
    _check_keywords(format=format, allow_pickle=allow_pickle, encoding_errors=encoding_errors, cache=cache,
                    cache_home=cache_home, vocab=vocab)
    label, source = split_label(spec)
    check_folder_named_like_an_id(source)
    # lexists: a symlink loop or a dangling link is a file the user named, whose own error says what is wrong
    # (exists() is False for both, and a loop was reported as "no such file (unknown embedding ...)")
    if format is not None and not os.path.lexists(source) and _names_registered(source):
        # load_file's "expected an embedding file, got no such file" read as if the id were a misspelt path;
        # worded as run's check of the same option (runner.resolve)
        raise ConfigError(f"load option format={quoted(format)} is for a file, and {quoted(source)} is not one "
                          f"(it names a registered embedding)")
    if format is not None or os.path.lexists(source):
        return load_file(source, format=format, name=label, allow_pickle=allow_pickle,
                         encoding_errors=encoding_errors, cache=cache, cache_home=cache_home, vocab=vocab)
    if vocab is not None:  # it was dropped without a word: a registered id or a builder has no .npy matrix
        raise ConfigError(f"vocab={quoted(os.fspath(vocab))}: a vocabulary file is for a .npy matrix file, "
                          f"and {quoted(source)} is not an existing file")
    builder, colon, argtext = source.partition(":")
    try:
        entry = REGISTRY.entry("embedding", builder)
    except UnknownNameError as exc:
        raise unresolved_spec_error(source, exc, label) from None
    with naming_spec(spec):
        variant, kwargs = parse_builder_args(argtext)
        check_spec_arguments(builder, entry.load(), variant, kwargs)
        if entry.meta.get("builder"):
            from wordeval.embeddings.builders import check_builder_spec
            check_builder_spec(builder, variant, kwargs, source)
        if variant is not None:
            kwargs["variant"] = variant
        if label is not None:
            kwargs.setdefault("name", label)
        if allow_pickle and "allow_pickle" in inspect.signature(entry.load()).parameters:
            kwargs["allow_pickle"] = True  # a builder that reads a model folder (bert:model=...): --allow-pickle
        return entry.load()(**kwargs)
