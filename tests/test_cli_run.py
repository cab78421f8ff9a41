"""The run/compare/report/cite commands end to end, through wordeval.cli.main, with exit codes."""
from __future__ import annotations

import csv
import json

import pytest

from tests._records import cli_records
from wordeval.cli import main


@pytest.fixture
def records_json(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in cli_records()]))
    return path


def test_compare_json_has_tau_table_flips_and_correlation(records_json, capsys):
    assert main(["--quiet", "compare", str(records_json), "--n-boot", "60", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (tau,) = out["kendall_tau"]
    assert (tau["intrinsic"], tau["extrinsic"]) == ("similarity/toy", "classification/toy")
    assert tau["tau"] == pytest.approx(-1.0) and len(tau["ci"]) == 2
    # three representations: the exact permutation p over 3! orderings, and no verdict
    assert tau["n_representations"] == 3 and tau["p_permutation"] == pytest.approx(1 / 3)
    assert tau["verdict"] is None
    # nor an interval (τ over 3 takes 4 values), nor the method of an interval that was not computed
    assert tau["ci"] == [None, None] and tau["ci_method"] is None
    assert not any("best predicted by" in s for s in out["summary"])
    assert any("Too few representations to judge agreement" in s and "3 representations" in s
               for s in out["summary"])
    assert {(f["ahead_intrinsic"], f["ahead_extrinsic"]) for f in out["flipped_pairs"]} == \
        {("A", "B"), ("A", "C"), ("B", "C")}
    assert all(0 < f["p_intrinsic"] <= 1 and 0 < f["p_extrinsic"] <= 1 for f in out["flipped_pairs"])
    assert out["rankings"] == {"similarity/toy": ["A", "B", "C"], "classification/toy": ["C", "B", "A"]}
    assert out["correlation"]["matrix"][0][1] == pytest.approx(-1.0)
    # 3 pairs × 2 tasks, Holm over all six; the classification pairs use McNemar (0/1 per document)
    assert out["parameters"]["n_pair_tests"] == 6 and out["parameters"]["correction"] == "holm"
    assert {t["test"] for t in out["pair_tests"]} == {"bootstrap", "mcnemar"}
    for t in out["pair_tests"]:
        assert t["p_adjusted"] >= t["p_value"] and t["p_value"] >= t["p_floor"]


def test_compare_correction_option_reaches_the_tests(records_json, capsys):
    got = {}
    for corr in ("holm", "bh", "none"):
        assert main(["--quiet", "compare", str(records_json), "--n-boot", "60", "--json", "--correction", corr]) == 0
        out = json.loads(capsys.readouterr().out)
        got[corr] = {(t["task"], t["a"], t["b"]): t["p_adjusted"] for t in out["pair_tests"]}
        assert out["parameters"]["correction"] == corr
        raw = {(t["task"], t["a"], t["b"]): t["p_value"] for t in out["pair_tests"]}
    assert got["none"] == raw
    assert all(got["holm"][k] >= got["bh"][k] >= got["none"][k] for k in raw)


def test_report_folder_has_every_artifact(records_json, tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(out), "--n-boot", "60"]) == 0
    for name in ("report.md", "report.tex", "results.csv", "results.json", "report.html", "references.bib"):
        assert (out / name).stat().st_size > 0, name
    for fig in ("rank_scatter", "task_bars"):
        assert (out / "figures" / f"{fig}.png").read_bytes()[:4] == b"\x89PNG"
        assert b"<svg" in (out / "figures" / f"{fig}.svg").read_bytes()[:2000]
    # three representations: too few for a correlation across them (as for an agreement verdict)
    assert not (out / "figures" / "correlation_heatmap.png").exists()
    md = (out / "report.md").read_text()
    assert "over 3 representations; at least 4 are needed" in md
    # the cell names what its n counts: 'n=3' beside counts of word pairs and documents read as one of them
    assert "## Kendall τ between intrinsic and extrinsic rankings" in md
    assert "-1.00 over 3 representations, p" in md
    assert "no verdict and no CI (at least 4 representations are needed)" in md  # τ over 3: no interval
    assert "| A | C | similarity/toy (" in md and "p ≤ " in md  # bootstrap at its floor: "p ≤", never "p = 0"
    assert "## Protocol" in md and "Holm (1979) over 6 pair tests" in md
    assert "| similarity/toy | A > B > C |" in md
    tex = (out / "report.tex").read_text()
    assert "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex and "\\begin{table*}" in tex
    assert "\\textbf{" in tex and "similarity/toy" in tex and "\\bibliography{references}" in tex
    assert "over 3 representations, p" in tex and "$n=" not in tex
    assert "over 3 representations, p" in (out / "report.html").read_text()
    rows = list(csv.DictReader((out / "results.csv").open()))
    assert len(rows) == 6
    best = {r["task"]: r["representation"] for r in rows if r["best"] == "1"}
    assert best == {"similarity/toy": "A", "classification/toy": "C"}
    assert {r["task"]: r["mark"] for r in rows if r["best"] == "1"} == {"similarity/toy": "B",
                                                                         "classification/toy": "M"}
    data = json.loads((out / "results.json").read_text())
    assert len(data["records"]) == 6 and data["provenance"]["report"]["command"]
    bib = (out / "references.bib").read_text()
    for key in ("chiu2016intrinsic", "kendall1938tau", "holm1979simple", "mcnemar1947note", "koehn2004significance",
                "wordeval"):
        assert "{" + key + "," in bib, key
    assert "okazaki2007crfsuite" not in bib and "paszke2019pytorch" not in bib  # no CRF, no torch ran
    assert "Provenance" in md and "sha256" in md


def test_report_failure_leaves_nothing_behind(records_json, tmp_path, monkeypatch):
    import wordeval.report.writer as writer

    def boom(records, **kwargs):
        raise RuntimeError("simulated failure while writing references")

    monkeypatch.setattr(writer, "references_bib", boom)
    # an internal error: exit code 1 with the traceback and a request to report it; nothing left behind
    assert main(["--quiet", "report", str(records_json), "--out", str(tmp_path / "rep"), "--n-boot", "20"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]


def test_cite_prints_bibtex(records_json, capsys):
    assert main(["cite", str(records_json)]) == 0
    out = capsys.readouterr().out
    assert out.count("@") >= 5 and "koehn2004significance" in out and "@misc{wordeval," in out


def test_cite_is_the_reports_references_bib(records_json, tmp_path, capsys):
    # the same entries as the report's references.bib, which cites the statistics its comparison ran
    assert main(["--quiet", "report", str(records_json), "--out", str(tmp_path / "rep")]) == 0
    capsys.readouterr()
    assert main(["cite", str(records_json)]) == 0
    assert capsys.readouterr().out == (tmp_path / "rep" / "references.bib").read_text(encoding="utf-8")


def test_cite_names_no_test_that_one_representation_never_ran(tmp_path, capsys):
    # one representation: no pair test, no correction, no rank agreement; cite used to guess them from the
    # records' families (McNemar for the classification task, Holm, Kendall's tau)
    one = tmp_path / "one.json"
    one.write_text(json.dumps([r.to_dict() for r in cli_records() if r.label == "A"]))
    assert main(["cite", str(one)]) == 0
    out = capsys.readouterr().out
    assert "@misc{wordeval," in out
    for key in ("mcnemar1947note", "holm1979simple", "kendall1938tau", "chiu2016intrinsic"):
        assert key not in out.lower()


@pytest.mark.parametrize("argv, message", [
    (["compare", "missing.json"], "missing.json: no such result file"),
    (["compare", "bad.json"], "bad.json:1: expected JSON result records"),
    # checked when parsed, naming the option (it was 'unknown suite' once the run was being planned)
    (["run", "glove-6b-50d", "--suite", "nope"], "--suite='nope': expected one of quick, default, full"),
    (["compare", "good.json", "--n-boot", "3"], "--n-boot='3': expected an integer >= 10"),
    (["compare", "good.json", "--alpha", "7"], "--alpha='7': expected a finite number in (0.0, 0.5]"),
    (["run", "glove-6b-50d", "--tasks", "similarity/not-a-task"], "unknown task 'similarity/not-a-task'"),
    (["run", "missing.bin", "--tasks", "similarity/ws353"], "missing.bin: no such embedding file"),
    (["run", "glove-6b-50d", "--seed", "-1"], "--seed='-1': expected an integer >= 0"),
    (["run", "glove-6b-50d", "--tasks", "similarity/ws353", "--data-home", "no-such-home"],
     "no-such-home: data home (--data-home) does not exist"),  # relative: the test runs in tmp_path
    # a --set key that no task of the run takes (it used to be dropped silently, the typo unnoticed)
    (["run", "glove-6b-50d", "--tasks", "similarity/ws353", "pos/ptb-pos", "--set", "epoch=2"],
     "--set epoch: no task of this run takes that option (did you mean 'epochs'?)"),
    (["run", "glove-6b-50d", "--tasks", "similarity/ws353", "--set", "epochs=2"],
     "--set epochs: no task of this run takes that option"),
])
def test_errors_are_one_line_with_exit_code_2(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "good.json").write_text(json.dumps([r.to_dict() for r in cli_records()]))
    assert main(["--quiet", *argv, *(["--out", str(tmp_path / "o")] if argv[0] == "run" else [])]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and message in err and "\n" not in err
    assert not (tmp_path / "o").exists()  # a user error is found before anything is written


def test_run_stores_real_records_and_a_rerun_skips_them(tmp_path, shared_data, glove50, capsys):
    argv = ["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "similarity/rg65",
            "--out", str(tmp_path / "store"), "--json", "--data-home", str(shared_data)]
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(first["computed"]) == 2 and first["cached"] == [] and first["skipped"] == []
    assert main(argv) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["computed"] == [] and sorted(second["cached"]) == sorted(first["computed"])
    from wordeval.results.store import ResultStore
    with ResultStore(tmp_path / "store", create=False) as store:
        ws = next(r for r in store.records() if r.task == "similarity/ws353")
    assert ws.main_value == pytest.approx(0.503, abs=0.002)  # FIELD.md reference for GloVe 6B 50d


def test_representation_specs_parse_labels_builders_and_split_specs():
    from wordeval.evaluation import Representation

    assert Representation.parse("glove-6b-50d") == Representation(None, "glove-6b-50d", "glove-6b-50d")
    r = Representation.parse("word2vec:corpus=news,window=5")  # '=' of a builder option is not a label
    assert r.label is None and r.intrinsic == "word2vec:corpus=news,window=5"
    r = Representation.parse("MiniLM=minilm:type-level|minilm")
    assert (r.label, r.spec_for("similarity"), r.spec_for("analogy")) == \
        ("MiniLM", "minilm:type-level", "minilm:type-level")
    # STS scores sentences: the encoder itself, like the downstream tasks
    assert r.spec_for("sts") == r.spec_for("ner") == "minilm"
    # a label may hold any character but '=' (the text before a builder option's '=' is not a label)
    r = Representation.parse("my model: v2 / final, $x^$|=glove-6b-50d")
    assert r.label == "my model: v2 / final, $x^$|" and r.intrinsic == "glove-6b-50d"
    from wordeval.errors import ConfigError
    with pytest.raises(ConfigError):
        Representation.parse("x=a|")


def test_suite_options_unknown_to_a_family_are_dropped_only_when_not_strict():
    from wordeval.config import merge_config
    from wordeval.errors import ConfigError
    from wordeval.suites import suite_tasks
    from wordeval.tasks.task import get_task

    assert merge_config({"n_seeds": 3}, {"profile": "quick", "n_seeds": 1}, strict=False) == {"n_seeds": 1}
    with pytest.raises(ConfigError, match="unknown option 'profile'"):
        merge_config({"n_seeds": 3}, {"profile": "quick"})
    task = get_task("classification/sst2")
    assert task.validate_config({"profile": "quick", "n_seeds": 1}, strict=False)["n_seeds"] == 1
    with pytest.raises(ConfigError):
        task.validate_config({"profile": "quick"})
    quick = dict(suite_tasks("quick"))
    assert "similarity/ws353" in quick and all("/" in t for t in quick)
