"""Write a report folder from a Comparison: report.md, report.tex, results.csv, results.json, figures
(PNG+SVG), report.html, references.bib. Everything is written into a sibling temp folder and renamed into
place at the end (``wordeval.atomic_write.atomic_directory``), so an interrupted or failed report never
leaves a half-written folder behind; the folder replaced must be empty or an earlier wordeval report
(``wordeval.output_paths``)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Sequence

from wordeval.errors import ConfigError
from wordeval.provenance import cpu_description, run_provenance
from wordeval.report import legend, tables
from wordeval.report.bibtex import all_keys, method_keys, references_bib
from wordeval.report.compare import Comparison
from wordeval.report.protocol import NO_COMMAND, QUICK_LABEL, shell_command
from wordeval.results.record import _clean
from wordeval.visible_text import visible, visible_lines

REPORT_FILES = ("report.md", "report.tex", "results.csv", "results.json", "report.html", "references.bib")


def canonical_order(records) -> list:
    """The records by task, label, seed and key: a store lists them in the order a run stored them, so two stores
    holding the same records (the tasks given in another order) wrote results.json and the provenance in
    another order."""
    return sorted(records, key=lambda r: (r.task, r.label, r.kind, r.seed, r.cache_key(), str(r.run.get("time"))))


def provenance(comp: Comparison, *, seed: int, argv: Sequence[str] | None = None) -> dict[str, Any]:
    """What produced the report and every number in it: this run, and each record's own run."""
    records = canonical_order(comp.records)
    runs = {}
    for rec in records:
        r = rec.run
        key = (r.get("wordeval_version"), r.get("git_revision"))
        runs.setdefault(key, {"wordeval_version": key[0], "git_revision": key[1], "packages": r.get("packages"),
                              "seeds": set(), "commands": set(), "cpus": set()})
        runs[key]["seeds"].add(r.get("seed"))
        if r.get("cpu"):  # records before it was recorded name none
            runs[key]["cpus"].add(str(r["cpu"]))
        runs[key]["commands"].add(shell_command(r.get("command") or [], r.get("cwd")))
    return _clean({
        "report": {**run_provenance(seed=seed, argv=list(argv) if argv is not None else None),
                   "cpu": cpu_description()},
        "analysis": comp.parameters,
        "record_runs": [{**v, "seeds": sorted(v["seeds"], key=str), "commands": sorted(v["commands"]),
                         "cpus": sorted(v["cpus"])}
                        for _, v in sorted(runs.items(), key=lambda kv: str(kv[0]))],
        "datasets": {rec.task: rec.dataset_sha256 for rec in records},
        "embeddings": embedding_provenance(records),
        "configs": {f"{rec.task} / {rec.embedding.get('name')}": rec.config for rec in records},
    })


def embedding_provenance(records) -> dict[str, dict[str, Any]]:
    """Each embedding behind the report, by label and kind. One kind can hold two embeddings of a label:
    ``MiniLM=minilm:type-level|minilm`` scores similarity on type-level vectors and STS on the encoder, two
    fingerprints, of which one entry per label and kind kept the last and hid the other; such a label gets an
    entry per embedding, named by the families it scored, with its format, as the source is the same."""
    groups: dict[tuple[str, str], dict[Any, list]] = {}
    for rec in sorted(records, key=lambda r: (r.label, r.kind)):
        by_fp = groups.setdefault((str(rec.embedding.get("name")), rec.kind), {})
        by_fp.setdefault(rec.embedding.get("fingerprint"), []).append(rec)
    out: dict[str, dict[str, Any]] = {}
    for (name, kind), by_fp in groups.items():
        for fp, recs in by_fp.items():
            emb = recs[0].embedding
            split = len(by_fp) > 1
            scope = ", ".join(sorted({r.family for r in recs})) if split else ""
            out[f"{name} ({kind}{': ' + scope if scope else ''})"] = {
                "fingerprint": fp, "source": emb.get("source"),
                **({"format": emb.get("format")} if split and emb.get("format") else {}),
                # what `sha256sum FILE` prints, which a reader holding a file can check; the fingerprint
                # hashes the parsed words and values, which only wordeval computes
                **({"file_sha256": sha} if (sha := (emb.get("parameters") or {}).get("file_sha256")) else {})}
    return out


def provenance_text(prov: dict[str, Any]) -> str:
    r = prov["report"]
    lines = [f"report: wordeval {r['wordeval_version']} (git {r['git_revision']}), python {r['python']}, "
             f"{r['platform']}{', ' + r['cpu'] if r.get('cpu') else ''}, {r['time']}",
             f"command: {shell_command(r['command'], r.get('cwd'))}",
             "packages: " + ", ".join(f"{k} {v}" for k, v in sorted(r["packages"].items())),
             "analysis: " + ", ".join(f"{k}={v}" for k, v in prov["analysis"].items()
                                      if k not in ("agreement_items", "verdict_rule", "correction_name")),
             "records produced by:"]
    for run in prov["record_runs"]:
        lines.append(f"  wordeval {run['wordeval_version']} (git {run['git_revision']}), seeds {run['seeds']}"
                     + "".join(f", on {cpu}" for cpu in run.get("cpus") or ()))
        for cmd in run["commands"]:
            lines.append(f"    {'' if cmd.startswith(NO_COMMAND) else '$ '}{cmd}")  # no prompt: nothing to paste
    lines.append("embeddings (content fingerprints):")
    for name, e in prov["embeddings"].items():
        lines.append(f"  {name}: {e['fingerprint']}  [{e['source']}"
                     + (f", format {e['format']}" if e.get("format") else "")
                     + (f", file sha256 {e['file_sha256']}" if e.get("file_sha256") else "") + "]")
    lines.append("dataset files (sha256):")
    for task, files in prov["datasets"].items():
        for f, sha in sorted(files.items()):
            lines.append(f"  {task}: {f} {sha}")
    return "\n".join(visible(re.sub(r"[\r\n]+(?!$)", " ", line)) for line in lines)


def _clean_columns(per_item: dict[str, Any]) -> dict[str, Any]:
    """``per_item`` made JSON-safe as ``record._clean`` would, but a column of finite numbers is passed through
    whole (one numpy check instead of a Python call per item: the records of a demo hold ~10^6 items)."""
    import numpy as np

    out = {}
    for name, col in per_item.items():
        plain = isinstance(col, list) and all(type(v) in (int, float, str) for v in col)
        if plain and col and type(col[0]) is not str:
            try:
                plain = bool(np.isfinite(np.asarray(col, dtype=np.float64)).all())  # NaN/inf -> null via _clean
            except (TypeError, ValueError):
                plain = False
        out[name] = col if plain else _clean(col)
    return out


def record_dict(rec) -> dict[str, Any]:
    import dataclasses

    d = dataclasses.replace(rec, per_item={}).to_dict()
    d["per_item"] = _clean_columns(rec.per_item)
    return d


def results_json(comp: Comparison, prov: dict[str, Any]) -> str:
    """The comparison, every record behind it (per-item columns included, so the file can be compared
    again) and the provenance; compact (no indentation: it holds every item of every record)."""
    payload = {"comparison": comp.to_dict(), "records": [record_dict(r) for r in canonical_order(comp.records)],
               "skipped": _clean(comp.skipped), "provenance": prov}
    return json.dumps(payload, allow_nan=False, separators=(",", ":"))


def _md_protocol(comp: Comparison) -> list[str]:
    from wordeval.report.protocol import protocol_lines
    return [f"{'  ' * level}- {tables.md_escape(text)}" for level, text in protocol_lines(comp.protocol)]


def render_markdown(comp: Comparison, prov_text: str, *, title: str, figures: dict[str, list[Path]]) -> str:
    t = lambda text: tables.title(comp, text)  # noqa: E731
    parts = [f"# {tables.md_escape(title)}", "", "## Summary", ""]
    parts += [f"- {tables.md_escape(s)}" for s in comp.summary]
    from wordeval.report.tables_tex import methods_text
    parts += ["", "## Methods", "", tables.md_escape(methods_text(comp))]
    parts += ["", f"## {t('Results')}", "", tables.results_caption(comp), "",
              tables.markdown_results(comp), ""]
    if tables.compared(comp):
        parts += [f"## {t('Ranking per task')}", "", tables.rankings_caption(comp), "",
                  tables.markdown_rankings(comp), "",
                  f"## {t('Kendall τ between intrinsic and extrinsic rankings')}", ""]
        # a section without a cell or a pair says why in one line, not a legend over nothing
        parts += ([tables.tau_caption(comp), "", tables.markdown_taus(comp), ""] if comp.taus
                  else [f"_{tables.md_escape(legend.no_taus_text(comp))}_", ""])
        parts += [f"## {t('Flipped pairs')}", ""]
        parts += ([tables.flips_caption(comp), "", tables.markdown_flips(comp), ""] if comp.flips
                  else [f"_{tables.md_escape(legend.no_flips_text(comp))}_", ""])
        parts += [f"## {t('Benchmark × task correlation across representations')} "
                  f"({tables.correlation_name(comp.correlation['method'])})", ""]
        if tables.correlation_shown(comp):
            parts += [tables.md_escape(tables.correlation_caption(comp)), "",
                      tables.markdown_correlation(comp), ""]
        else:
            parts += [f"_{tables.md_escape(tables.correlation_refusal(comp))}_", ""]
    parts += ["## Figures", ""]
    from wordeval.report.figure_alts import figure_alt, figure_alts, md_alt
    from wordeval.report.plots import figure_captions, no_task_bars_reason
    captions, alts = (figure_captions(comp), figure_alts(comp)) if figures else ({}, {})
    for name, paths in figures.items():
        png = next(p for p in paths if p.suffix == ".png")
        # the caption report.html gives it: the bare image said nothing of what each point averages; the alt
        # is report.html's too (the file stem read "task underscore bars")
        alt = md_alt(figure_alt(name, alts, captions))
        parts += [f"![{alt}](figures/{png.name})", "", f"_{tables.md_escape(captions.get(name, name))}_", ""]
    if (why := no_task_bars_reason(comp)) is not None:
        parts.append(f"_{tables.md_escape(why)}_")
    parts += ["", f"## Protocol{' (' + QUICK_LABEL + ')' if comp.quick else ''}", ""] + _md_protocol(comp)
    if comp.skipped:
        parts += ["", "## Skipped", ""]
        parts += [f"- {tables.skipped_text(*group)}" for group in tables.skipped_groups(comp)]
    if comp.notes:
        parts += ["", "## Notes", ""] + [f"- {tables.md_escape(n)}" for n in comp.notes]
    parts += ["", "## Provenance", "", "```", prov_text.replace("```", "ʼʼʼ"), "```", ""]
    return visible_lines("\n".join(parts))


def write_report(comp: Comparison, out: str | os.PathLike, *, title: str = "wordeval comparison",
                 argv: Sequence[str] | None = None, figures: bool = True, progress: bool = False,
                 force: bool = False) -> Path:
    """Write the report folder ``out`` of a Comparison (what ``wordeval.compare`` returns), as the ``report``
    command does: report.md, report.tex, report.html, results.csv/json, references.bib and, with ``figures``,
    the PNG figures. ``out`` must be new or a previous wordeval output (``force=True`` replaces a wordeval
    output of another kind); the folder appears whole or not at all. ``argv``: the command line recorded in
    the report's provenance (default sys.argv). Returns the folder's path."""
    from wordeval.report.html import render_html
    from wordeval.report.plots import all_figures
    from wordeval.report.tables_tex import latex_document

    from wordeval.atomic_write import atomic_directory
    from wordeval.output_paths import check_output, write_marker

    from wordeval.options import flag_argument, text
    from wordeval.readable_text import readable_text
    # before anything is written; a title from the command line under a non-UTF-8 locale holds lone surrogates
    title = readable_text(text(title, "title"))
    figures, progress, force = (flag_argument(v, k) for k, v in (("figures", figures), ("progress", progress),
                                                                 ("force", force)))
    _check_report_inputs(comp, argv)
    # named as the keyword a Python caller gave (the command checks its --out itself first); atomic_directory
    # replaces a wordeval output of any kind
    out = check_output(out, "report", force=force, option="out", force_option="force=True")
    with atomic_directory(out) as tmp:
        figure_notes: list[str] = []
        figs = all_figures(comp, tmp / "figures", progress=progress, notes=figure_notes) if figures else {}
        if figure_notes:
            import dataclasses
            comp = dataclasses.replace(comp, notes=[*comp.notes, *figure_notes])
        prov = provenance(comp, seed=int(comp.parameters.get("seed", 0)), argv=argv)
        ptext = provenance_text(prov)
        _write(tmp / "report.md", render_markdown(comp, ptext, title=title, figures=figs))
        bib = references_bib(comp.records, comparison=comp)
        _write(tmp / "references.bib", bib)
        _write(tmp / "report.tex", latex_document(comp, title_text=title, cite_keys=all_keys(bib),
                                                  method_keys=method_keys(comp.records, comparison=comp),
                                                  figures=figs, provenance_text=ptext))
        _write(tmp / "results.csv", tables.results_csv(comp))
        _write(tmp / "results.json", results_json(comp, prov))
        _write(tmp / "report.html", render_html(comp, figures=figs, provenance_text=ptext, title=title))
        write_marker(tmp, "report")
    return out


def _check_report_inputs(comp: Any, argv: Any) -> None:
    """Said before the folder is made: comp=None failed on its first attribute, a text argv was written as its
    characters, one per word of the report's command line, and argv=5 failed after the figures were drawn."""
    if not isinstance(comp, Comparison):
        raise ConfigError(f"comp: expected a Comparison (what wordeval.compare returns), got "
                          f"{type(comp).__name__} {comp!r:.60}")
    if argv is not None and (isinstance(argv, (str, bytes)) or not isinstance(argv, Sequence)
                             or not all(isinstance(a, str) for a in argv)):
        raise ConfigError(f"argv: expected the command line as a list of str (or None: sys.argv), got "
                          f"{type(argv).__name__} {argv!r:.60}")


def _write(path: Path, text: str) -> None:
    """UTF-8 with LF line ends on every platform: a text-mode write (Path.write_text) turns each LF into CRLF
    on Windows, so the same report differed there byte for byte."""
    path.write_bytes(text.encode("utf-8"))
