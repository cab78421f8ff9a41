"""One entry point from (representation, task) to a ResultRecord, and what a row of a comparison is.

``evaluate(embedding, task)`` takes anything ``wordeval.adapters.as_embedding`` accepts (a path or spec, a
loaded embedding, a gensim KeyedVectors, a SentenceTransformer, a dict, a ``(words, matrix)`` pair) and any
task ``wordeval.tasks.get_task`` accepts (a registered name, a spec file, a TaskSpec or a Task).
Running many representations × tasks × seeds into a store is ``wordeval.runner.run``.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

from wordeval.errors import ConfigError, UnknownNameError
from wordeval.readable_text import quoted
from wordeval.results.record import ResultRecord
from wordeval.visible_text import visible


def evaluate(embedding, task, *, config: Mapping[str, Any] | None = None, seed: int = 0, data_home=None,
             progress: bool = False, predictions=None, name: str | None = None,
             load_options: Mapping[str, Any] | None = None) -> ResultRecord:
    """Evaluate one representation on one task; see the family modules for what each config key means.

    ``config``: task options, over the task's own (default None: the task's defaults, ``task.default_config()``).
    ``seed``: the bootstrap's and a learner's seed (default 0).
    ``data_home``: where datasets are read (default None: ``WORDEVAL_DATA``, and the package artifacts).
    ``progress``: show progress bars (default False).
    ``predictions``: a folder to write per-item predictions to (CoNLL tags, labels, analogy answers; default
    None: none written).
    ``name``: the label the record carries (default None: the embedding's own name).
    ``load_options``: how a file given by path is read (see ``LOAD_OPTIONS``), e.g. ``{"allow_pickle": True}``
    for a gensim .kv file (default None: each option at its ``LOAD_OPTIONS`` value)."""
    from wordeval.adapters import as_embedding
    from wordeval.options import MAX_SEED, flag_argument, integer_argument
    from wordeval.tasks.task import get_task

    # before the embedding is loaded (a file parsed, a model read): Task.score checks them only after that
    progress = flag_argument(progress, "progress")
    seed = integer_argument(0, MAX_SEED, "an integer seed")(seed, "seed")
    if data_home is not None:
        from wordeval.paths import data_homes
        data_homes(data_home)
    if predictions is not None:  # refused before the embedding is loaded, as --save-predictions is
        from wordeval.output_paths import check_output
        check_output(predictions, "predictions", option="predictions")
    return get_task(task).score(as_embedding(embedding, name=name, load_options=load_options), config=config,
                                seed=seed, data_home=data_home, progress=progress, predictions=predictions)


# -- how an embedding file is read ------------------------------------------------------------------------

# the keyword arguments of ``wordeval.embeddings.load.load_embedding`` that say how a file is read, with the
# value that means "as without the option"
LOAD_OPTIONS: dict[str, Any] = {"allow_pickle": False, "encoding_errors": "strict", "format": None, "vocab": None}


def check_load_options(options: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """``options`` validated, as sorted ``(key, value)`` pairs without the ones at their default (so that a
    representation without options is the same value as before options existed). ConfigError names the key."""
    from wordeval.embeddings.load import ENCODING_ERRORS
    from wordeval.options import flag_argument

    if options is not None and not isinstance(options, Mapping):
        # dict() of a list or a string ended in Python's "dictionary update sequence element #0 ..."
        raise ConfigError(f"load_options: expected a mapping of option -> value (e.g. {{\"allow_pickle\": True}}), "
                          f"got {type(options).__name__} {options!r:.60}")
    out = {}
    for key, value in dict(options or {}).items():
        if key not in LOAD_OPTIONS:
            raise ConfigError(f"load option {key!r}: expected one of {', '.join(LOAD_OPTIONS)}")
        if key == "allow_pickle":  # the wording of every other bool of the Python API
            value = flag_argument(value, "load option allow_pickle")
        if key == "encoding_errors" and value not in ENCODING_ERRORS:
            raise ConfigError(f"load option encoding_errors: expected one of {', '.join(ENCODING_ERRORS)}, "
                              f"got {value!r}")
        if key in ("format", "vocab") and value is not None:
            if not isinstance(value, (str, os.PathLike)) or not os.fspath(value):
                raise ConfigError(f"load option {key}: expected a non-empty string, got {value!r}")
            value = os.fspath(value)
        if key == "format" and value is not None:
            from wordeval.registry import REGISTRY
            if value not in REGISTRY.names("format"):
                raise ConfigError(f"load option format: expected one of {', '.join(REGISTRY.names('format'))}, "
                                  f"got {value!r}")
        if value != LOAD_OPTIONS[key]:
            out[key] = value
    return tuple(sorted(out.items()))


def expand_tasks(names, families, kind: str) -> list[str]:
    """Task names from a mix of full names (``ner/conll2003``), family names (``similarity``: all of its
    registered tasks) and spec files (``my/task.toml``), restricted to ``families``; order kept, duplicates
    dropped. Unknown names -> UnknownNameError with "did you mean"."""
    from wordeval.registry import REGISTRY
    from wordeval.tasks.families import a_family
    from wordeval.tasks.task import get_task, is_spec_path

    known = REGISTRY.names("task")
    out: list[str] = []
    for name in names:
        if name in families:
            out += [t for t in known if t.startswith(name + "/")]
            continue
        _refuse_family_or_short_name(name, families, kind)
        task = get_task(name)
        if task.family not in families:
            from wordeval.misplaced_arguments import runs_family
            raise ConfigError(f"{name} is {a_family(task.family)} task, not an {kind} task: "
                              f"{runs_family(task.family)} runs it (wordeval run runs both kinds)")
        out.append(os.fspath(name) if is_spec_path(name) else task.name)
    return list(dict.fromkeys(out))


def _refuse_family_or_short_name(name, families, kind: str) -> None:
    """A family this command does not run (``intrinsic --tasks ner``), a family's misspelling, or a task named
    without its family (``ws353``) is said to be one: get_task's message for a family ("only the command
    line's --tasks expands a family") was false here, a misspelt family got task names as suggestions
    ('similarty': "did you mean 'similarity/rw'"), and 'ws353' got the list of all tasks."""
    from wordeval.close_names import close_names
    from wordeval.registry import REGISTRY
    from wordeval.tasks.families import FAMILIES
    from wordeval.tasks.task import is_spec_path

    from wordeval.misplaced_arguments import representation_as_task
    from wordeval.readable_text import quoted

    name = os.fspath(name)
    if name in FAMILIES:
        raise ConfigError(f"--tasks {name}: {name} is an {FAMILIES[name].kind} family; wordeval {kind} takes "
                          f"the families {', '.join(families)} (wordeval run takes every family; "
                          f"wordeval {FAMILIES[name].kind} runs {name})")
    said = representation_as_task(name, f"wordeval {kind or 'run'}")
    if said:  # "unknown task", then the list of every task, did not say what it was
        raise UnknownNameError(f"unknown task {quoted(name)}: {said}")
    known = REGISTRY.names("task")
    if os.path.isfile(name) and not is_spec_path(name) and name not in known:
        from wordeval.misplaced_arguments import vector_file_as_task
        said = vector_file_as_task(name, f"wordeval {kind or 'run'}")
        if said:  # get_task's "a data file, not a task" would ask for a task spec
            raise ConfigError(said)
    if is_spec_path(name) or name in known or "/" in name or os.path.exists(name):
        return
    family = close_names(name, families, n=1)
    if family:
        members = [t for t in known if t.startswith(family[0] + "/")]
        raise UnknownNameError(f"unknown task or family {name!r}; did you mean the family {family[0]!r} "
                               f"(its tasks: {', '.join(members)})?")
    close = close_names(name, [t for t in known if t.split("/", 1)[0] in families])
    if close:
        raise UnknownNameError(f"unknown task {name!r}: a task is named FAMILY/NAME; did you mean "
                               f"{' or '.join(repr(t) for t in close)}?")


# -- the rows of a comparison ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Representation:
    """One row of the comparison. ``extrinsic`` differs from ``intrinsic`` when a model is evaluated with
    type-level vectors on word tasks but as an encoder elsewhere (MiniLM). Only the word-level families
    (similarity, analogy) take the first spec: STS is intrinsic but scores sentences, so a sentence
    encoder must be judged as itself there, not through averaged type-level word vectors.

    ``LABEL=SPEC``: a label may hold any character except ``=`` (quote it in the shell when it has spaces or
    ``|``); text before the first ``=`` is taken as a spec, not a label, when it starts with a registered
    embedding id and ``:`` (``word2vec:corpus=news``), or when the whole argument is an existing path."""

    label: str | None
    intrinsic: str
    extrinsic: str
    # how its files are read: ``check_load_options`` pairs (allow_pickle, encoding_errors, format, vocab),
    # passed to the loader of each of its specs wherever it is loaded (plan, execute, prebuild, Dask workers)
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Representation":
        """``[LABEL=]SPEC`` or ``[LABEL=]INTRINSIC_SPEC|EXTRINSIC_SPEC``; a path object is its file's spec."""
        if isinstance(text, os.PathLike):  # as run() takes one: Path("x.kv") was "expected [LABEL=]SPEC"
            text = os.fspath(text)
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(f"embedding spec {text!r}: expected [LABEL=]SPEC")
        from wordeval.embeddings.load import looks_like_builder_spec
        label, sep, rest = text.partition("=")
        if not sep or os.path.exists(text) or looks_like_builder_spec(label):
            label, rest = None, text
        elif not label.strip():
            raise ConfigError(f"embedding spec {text!r}: the label before '=' is empty")
        elif any(unicodedata.category(ch) == "Cc" for ch in label) or visible(label) != label:
            # a newline split every table row that names it, an ESC sequence recoloured the terminal; and a
            # bidirectional control (U+2067) is written escaped in results.csv, while results.json keeps it: the
            # two files' labels no longer joined
            # repr escapes each such character once ('a\tb'): the repr of visible()'s escape doubled its backslash
            raise ConfigError(f"embedding spec {quoted(text)}: expected a label without control characters (a "
                              f"newline, tab, escape sequence or bidirectional control), got {quoted(label)}")
        first, bar, second = rest.partition("|")
        if not first or (bar and not second) or "|" in second:
            raise ConfigError(f"embedding spec {text!r}: expected [LABEL=]SPEC or [LABEL=]SPEC|SPEC")
        from wordeval.embeddings.load import split_label
        for part in (first, second) if label else ():
            # 'a=b=glove-6b-50d' loaded glove-6b-50d labelled 'a', its 'b=' dropped without a word
            if split_label(part)[0] is not None:
                raise ConfigError(f"embedding spec {text!r}: {part!r} holds a second LABEL= (a label may hold "
                                  f"any character but '='; no file {part!r} exists)")
        return cls(label or None, first, second or first)

    @property
    def name(self) -> str:
        from wordeval.readable_text import readable_text
        return readable_text(self.label or self.intrinsic)

    @property
    def load_options(self) -> dict[str, Any]:
        return dict(self.options)

    def with_options(self, options: Mapping[str, Any] | None) -> "Representation":
        """This representation with ``options`` added (its own win over these: run-wide defaults)."""
        from dataclasses import replace

        merged = {**dict(check_load_options(options)), **self.load_options}
        return replace(self, options=check_load_options(merged))

    def spec_for(self, family: str) -> str:
        from wordeval.tasks.families import family_info
        return self.intrinsic if family_info(family).word_level else self.extrinsic


def load_embedding(spec: str, *, label: str | None = None, options=()):
    """Resolve an embedding spec (paths, registered ids, builder specs), labelled ``label``; ``options``: how a
    file is read (``check_load_options`` pairs or a mapping)."""
    from wordeval.embeddings.load import load_embedding as _load

    return relabelled(_load(spec, **dict(check_load_options(dict(options)))), label)


def relabelled(emb, label: str | None):
    """A freshly loaded ``emb`` under ``label`` (unchanged where there is none)."""
    if label and emb.info.name != label:
        if hasattr(emb, "renamed"):
            return emb.renamed(label)
        emb.info = emb.info.renamed(label)  # a freshly loaded object of ours: relabelling it is safe
    return emb


def spec_label(spec: str) -> str:
    """The label a command gives one ``[LABEL=]SPEC``: its LABEL, else the spec as written (``x.bin``, not the
    file's stem ``x``), as ``Representation.name`` labels the records of intrinsic, extrinsic and run."""
    from wordeval.embeddings.load import split_label
    from wordeval.readable_text import readable_text

    label, source = split_label(spec)
    return readable_text(label or source)
