"""references.bib for a result set: every dataset (its task declaration's citation), every model
(``EmbeddingInfo.citation``), and exactly the methods, learners and libraries the numbers rest on — read from
the records (``config["learner"]``, embedding formats and builders, analogy methods, decoding) and, for a
report, from the comparison (which paired tests and which correction ran). One key per work; the first entry
of a key wins (built-in datasets' before users'), another entry under the same key, plain text and broken BibTeX
are written as comments; entries are written in a fixed order so the same records give the same file."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from wordeval.report.bibtex_entries import METHODS, wordeval_entry
from wordeval.results.declared import declared_in
from wordeval.results.record import ResultRecord
from wordeval.visible_text import visible_lines

_KEY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")

# Learners (config["learner"] of a tagging/classification record) -> method and library entries.
TAGGING_LEARNERS = {"crf": ("lafferty", "crfsuite"), "perceptron": ("collins_perceptron", "crfsuite"),
                    "mlp": ("collobert", "torch"), "bilstm-crf": ("huang_bilstm", "lample", "torch"),
                    "bert-finetune": ("torch", "transformers")}
CLASSIFICATION_LEARNERS = {"logreg": ("sklearn",), "finetune": ("torch", "transformers")}
BUILDERS = {"lsa": ("sklearn",), "lsa-tfidf": ("sklearn",), "word2vec": ("gensim",), "glove": ("torch",)}
FORMATS = {"bert-token": ("torch", "transformers"), "bert-type": ("torch", "transformers"),
           "sentence-transformer": ("torch", "transformers"),
           "fasttext-bin": ("fasttext_subwords", "gensim"), "gensim-kv": ("gensim",)}
ANALOGY = {"3cosadd": ("mikolov_analogy",), "3cosmul": ("levy_analogy",), "pairdirection": ("levy_analogy",)}
TEST_METHODS = {"W": ("williams", "steiger"), "M": ("mcnemar",), "B": ("paired_bootstrap", "hall_wilson"),
                "S": ("paired_bootstrap", "hall_wilson")}


def bibtex_key(entry: str) -> str | None:
    m = _KEY.search(entry)
    return m.group(1) if m else None


def bibtex_problem(text: str) -> str | None:
    """Why ``text`` (one or more BibTeX entries) would break a .bib file, or None: an entry without
    ``@type{key,``, braces that do not balance (one open brace swallowed every entry after it), or a control
    character."""
    for entry in _split_entries(text.strip()):
        if not bibtex_key(entry):
            return f"no '@type{{key,' at {entry.strip()[:30]!r}"
        depth = 0
        body = re.sub(r"\\[{}]", "", entry)  # \{ and \} are characters, not groups
        for ch in body[body.index("{"):]:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth < 0:
                break
        if depth != 0:
            return f"unbalanced braces in {bibtex_key(entry)!r}"
        if not body.rstrip().endswith("}"):
            return f"text after the closing brace of {bibtex_key(entry)!r}"
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", entry):
            # LaTeX stops at a control character ("invalid character"), and its escaped spelling \x1b is an
            # undefined control sequence: either way the document citing the entry does not compile
            return f"control characters in {bibtex_key(entry)!r}"
    return None


def _builtin(rec: ResultRecord) -> bool:
    return declared_in(rec).startswith("builtin:")


def _dataset_citation(rec: ResultRecord) -> str | None:
    from wordeval.errors import WordevalError
    from wordeval.registry import REGISTRY

    if _builtin(rec):
        # the declaration wordeval ships now, before the copy stored in the record: a corrected or completed
        # entry must reach the stores computed before the correction (their numbers do not change with it)
        try:
            from wordeval.tasks.task import get_task

            current = get_task(rec.task).dataset_spec.citation
        except (WordevalError, ImportError, AttributeError):
            current = None
        if current:
            return str(current)
    if rec.dataset.get("citation"):
        return str(rec.dataset["citation"])
    if "citation" in rec.dataset and not _builtin(rec):
        # a user's task declared without a citation: a spec named as a built-in task ("simlex999" over the
        # user's own file) was cited as the built-in dataset by the fallback below
        return None
    name = rec.dataset.get("name")  # version-1 records did not carry the citation: ask the declaration
    if not name:
        return None
    try:
        spec = REGISTRY.resolve("dataset", str(name))
    except (WordevalError, ImportError, AttributeError):
        return None
    return getattr(spec, "citation", None) or None


def record_methods(rec: ResultRecord) -> list[str]:
    """Method/library names a record's numbers rest on (keys of ``METHODS``)."""
    cfg = rec.config or {}
    out: list[str] = []
    if rec.family in ("pos", "chunking", "ner"):
        out += TAGGING_LEARNERS.get(str(cfg.get("learner")), ())
        decode = (cfg.get("learner_settings") or {}).get("decode") or cfg.get("decode")
        if cfg.get("learner") == "mlp" and decode == "viterbi":
            out.append("hybrid_decoding")
        if rec.family in ("chunking", "ner"):
            out.append("conlleval")
        if cfg.get("learner") in ("crf", "perceptron") and cfg.get("clusters"):
            out.append("turian_clusters")  # cluster-id and Brown-prefix features
    elif rec.family == "classification":
        out += CLASSIFICATION_LEARNERS.get(str(cfg.get("learner", "logreg")), ())
        if cfg.get("pooling") == "sif":
            out.append("sif")
    elif rec.family in ("qvec", "qvec-cca"):
        # the method's paper, whichever oracle was read (qvec-cca/supersenses reads QVEC's oracle, which cites
        # only the QVEC paper)
        out.append(rec.family.replace("-", "_"))
    elif rec.family == "analogy":
        out += ANALOGY.get(str(cfg.get("method", "3cosadd")), ())
    emb = rec.embedding or {}
    out += FORMATS.get(str(emb.get("format")), ())
    params = emb.get("parameters") or {}
    if params.get("bucket"):
        # OOV words composed from character n-grams (fastText's method) are cited by that, not by the file's
        # format: a FastTextKeyedVectors (.kv, or given in memory) composes them as a .bin does, and cited none
        out.append("fasttext_subwords")
    out += BUILDERS.get(str(params.get("builder")), ())
    return out


def comparison_methods(comparison) -> list[str]:
    """Statistics a comparison used: its paired tests, the correction, τ and the bootstrap (where an interval
    is shown: the Methods cite it only then)."""
    from wordeval.report.legend import shown_ci

    out = ["bootstrap"] if shown_ci(comparison) else []
    codes = {t["code"] for t in comparison.tests if t["code"] in TEST_METHODS}
    for code in sorted(codes):
        out += TEST_METHODS[code]
    p = comparison.parameters
    if codes and p.get("correction") in ("holm", "bh"):
        out.append(p["correction"])
    if comparison.taus:
        out += ["kendall", "kendall_tau_b", "chiu"]
        if p.get("correction") in ("holm", "bh"):
            out.append(p["correction"])
    return out


def default_statistics(records: Sequence[ResultRecord]) -> list[str]:
    """Without a comparison (``wordeval cite``): the statistics a default report of these records uses."""
    out = ["bootstrap", "paired_bootstrap", "hall_wilson", "holm"]
    if any(r.scorer == "pearson" for r in records):
        out += ["williams", "steiger"]
    if any(r.scorer == "mean:correct" for r in records):
        out.append("mcnemar")
    if {r.kind for r in records} == {"intrinsic", "extrinsic"}:
        out += ["kendall", "kendall_tau_b", "chiu"]
    return out


def collect_entries(records: Sequence[ResultRecord], *, comparison=None) -> dict[str, list[str]]:
    """{"datasets": [...], "models": [...], "methods": [...], "software": [...]} BibTeX entries, each key once."""
    seen: dict[str, str] = {}
    clashes: set[str] = set()
    out: dict[str, list[str]] = {"datasets": [], "models": [], "methods": [], "software": []}

    def add(group: str, entries: Iterable[str | None]) -> None:
        for entry in entries:
            if not entry:
                continue
            for one in _split_entries(entry):
                key = bibtex_key(one) or one
                text = " ".join(one.split())
                if key in seen:
                    if seen[key] != text and text not in clashes:  # a user's entry under a taken key: shown
                        clashes.add(text)
                        out[group].append(_comment(one, f"the key {key!r} names another entry above"))
                    continue
                seen[key] = text
                # plain text (a user task's citation) or a broken entry (a record stored before specs were
                # checked) as a comment: BibTeX drops text without a word, and an open brace swallows the
                # entries after it
                problem = bibtex_problem(one)
                out[group].append(_comment(one, problem) if problem else one.strip())

    ordered = sorted(records, key=lambda r: (r.task, r.label, r.seed))
    # built-in tasks' entries first: a user's citation reusing one of their keys does not replace them
    add("datasets", (_dataset_citation(r) for r in sorted(ordered, key=lambda r: not _builtin(r))))
    # a user's task declared without a citation was left out in silence: its data (a copy of WS-353, say)
    # has authors to cite all the same, and only the spec can name them
    uncited = {r.task: r.dataset.get("declared_in") or r.dataset.get("source") for r in ordered
               if not _builtin(r) and "citation" in (r.dataset or {}) and not r.dataset.get("citation")}
    out["datasets"] += [_comment_line(f"{task}: its spec {spec} gives no citation (add citation = ... to it)")
                        for task, spec in uncited.items()]
    add("models", (r.embedding.get("citation") for r in ordered))
    from wordeval.embeddings.model_citations import uncited_architecture_note, uncited_architectures

    # an architecture without an entry here: the gap is said where the citations are, not left silent
    architectures = uncited_architectures((r.label, r.embedding) for r in ordered)
    out["models"] += [_comment_line(uncited_architecture_note(*u)) for u in architectures]
    # a user's own vector file (or an object given to the API) has no entry: left out in silence, the
    # references named GloVe alone for a comparison of GloVe with two of the user's files
    noted = {label for label, _, _ in architectures}
    out["models"] += [_comment_line(_uncited_representation_note(label, emb)) for label, emb in
                      dict.fromkeys((r.label, _frozen(r.embedding)) for r in ordered
                                    if not (r.embedding or {}).get("citation") and r.label not in noted)]
    names = list(dict.fromkeys(
        (comparison_methods(comparison) if comparison is not None else default_statistics(ordered))
        + [m for r in ordered for m in record_methods(r)] + ["scipy"]))
    add("methods", (METHODS[m] for m in names if METHODS[m].kind == "method"))
    # a store may hold records of another wordeval than the one citing them: both are named
    add("software", [wordeval_entry(str(r.run["wordeval_version"]) for r in ordered
                                    if (r.run or {}).get("wordeval_version"))])
    add("software", (METHODS[m] for m in names if METHODS[m].kind == "software"))
    return out


def method_keys(records: Sequence[ResultRecord], *, comparison=None) -> dict[str, str]:
    """Method name -> BibTeX key, for the methods a report cites in its text."""
    names = comparison_methods(comparison) if comparison is not None else default_statistics(records)
    keys = {m: bibtex_key(METHODS[m]) for m in names}
    keys["wordeval"] = bibtex_key(wordeval_entry())
    return {k: v for k, v in keys.items() if v}


def _frozen(embedding: dict | None) -> tuple:
    """The parts of a record's embedding that name it, hashable: one note per label and embedding."""
    emb = embedding or {}
    return (emb.get("source"), (emb.get("parameters") or {}).get("file_sha256"))


def _uncited_representation_note(label: str, named: tuple) -> str:
    source, sha = named
    where = f" ({source}{', sha256 ' + sha if sha else ''})" if source else ""
    return f"{label}{where}: no citation known to wordeval; add its authors' entry to references.bib."


def _comment(text: str, problem: str) -> str:
    head = "citation (not BibTeX):" if not text.lstrip().startswith("@") else f"citation left out ({problem}):"
    # BibTeX knows no comment lines: an '@' after '%' still starts an entry, so it is written '(at)'
    lines = [head, *text.strip().replace("@", "(at)").splitlines()]
    return "\n".join(f"% {line}".rstrip() for line in lines)


def _comment_line(text: str) -> str:
    return "% " + " ".join(text.replace("@", "(at)").split())


def _split_entries(text: str) -> list[str]:
    """A citation field may hold several entries (a model and its training method)."""
    starts = [m.start() for m in re.finditer(r"(?m)^\s*@\w+\s*\{", text)]
    if len(starts) <= 1:
        return [text]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def references_bib(records: Sequence[ResultRecord], *, comparison=None) -> str:
    from wordeval.report.bibtex_data import dataset_version_lines, dataset_versions

    groups = collect_entries(records, comparison=comparison)
    # a dataset's entry names its paper, not the copy read: which one, before the entries, as comments
    kept = comparison.records if comparison is not None else records
    versions = dataset_version_lines(dataset_versions(kept))
    # a line break in a user's path (its spec, its source) ended the comment: the rest of that path stood as
    # a line of its own, uncommented, where _comment_line keeps a path on its comment's one line
    data = ["\n".join("% " + " ".join(line.replace("@", "(at)").splitlines()).rstrip() for line in versions)
            ] if versions else []
    parts = []
    for title, entries in (("Datasets", data + groups["datasets"]),
                           ("Models and representations", groups["models"]),
                           ("Methods", groups["methods"]), ("Software", groups["software"])):
        if entries:
            parts.append(f"% ---- {title} ----")
            parts.extend(entries)
    return visible_lines("\n\n".join(parts) + "\n")


def all_keys(bib: str) -> list[str]:
    return [m.group(1) for m in _KEY.finditer(bib)]
