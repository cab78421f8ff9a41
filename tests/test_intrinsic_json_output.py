"""`wordeval intrinsic --json` prints the records of the run's cells as a JSON list (what its module says and
what scripts read), while its --help said "print a JSON summary on stdout", the text of `run`, which does
print a summary (computed, cached, skipped, failed, exit_code, store); `extrinsic` prints as `intrinsic`
does. The help now says what comes out."""
from __future__ import annotations

import json

from wordeval.cli import build_parser, main


def _json_help(command: str) -> str:
    sub = next(a for a in build_parser()._actions if hasattr(a, "choices") and isinstance(a.choices, dict))
    return next(a.help for a in sub.choices[command]._actions if a.dest == "json")


def test_intrinsic_json_prints_records_as_its_help_says(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v.txt").write_text("cat 1 0 0\ndog 0.9 0.1 0\ncar 0 1 0\ntruck 0.1 0.9 0.2\nsun 0 0 1\n",
                                    encoding="utf-8")
    (tmp_path / "p.tsv").write_text("cat\tdog\t9\ncar\ttruck\t8\ncat\tcar\t1\nsun\tdog\t2\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "tiny"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    assert main(["intrinsic", "v=v.txt", "--tasks", "t.toml", "--out", "R", "--json", "-q"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, list) and [r["task"] for r in out] == ["similarity/tiny"]
    assert out[0]["embedding"]["name"] == "v" and out[0]["n_used"] == 4
    assert "records" in _json_help("intrinsic") and "JSON list" in _json_help("intrinsic")
    assert "summary" not in _json_help("intrinsic")


def test_extrinsic_help_says_it_prints_records_too():
    """extrinsic prints through intrinsic's evaluate_and_print, so a JSON list of records, while its help
    said "print a JSON summary on stdout"."""
    assert "records" in _json_help("extrinsic") and "JSON list" in _json_help("extrinsic")
    assert "summary" not in _json_help("extrinsic")


def test_run_json_prints_a_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v.txt").write_text("cat 1 0 0\ndog 0.9 0.1 0\ncar 0 1 0\n", encoding="utf-8")
    (tmp_path / "p.tsv").write_text("cat\tdog\t9\ncar\tdog\t2\ncat\tcar\t1\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "tiny"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    assert main(["run", "v=v.txt", "--tasks", "t.toml", "--out", "R", "--json", "-q"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"computed", "cached", "skipped", "failed", "exit_code", "store"}
    assert "summary" in _json_help("run")


def test_extrinsic_json_prints_records_as_its_help_says(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    words, tags = ["cat", "dog", "runs", "sleeps", "big", "small"], ["NN", "NN", "VB", "VB", "JJ", "JJ"]
    (tmp_path / "v.txt").write_text("".join(f"{w} {i % 3} {i // 3} 1\n" for i, w in enumerate(words)),
                                    encoding="utf-8")
    pairs = [(4, 0), (5, 1), (0, 2), (1, 3)]
    for split, order in (("train", pairs), ("dev", pairs[::-1]), ("test", pairs[1:] + pairs[:1])):
        (tmp_path / f"{split}.txt").write_text("".join(f"{words[a]}/{tags[a]} {words[b]}/{tags[b]}\n"
                                                       for a, b in order), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\n'
                                     'dev = "dev.txt"\ntest = "test.txt"\n', encoding="utf-8")
    assert main(["extrinsic", "v=v.txt", "--tasks", "t.toml", "--learner", "perceptron", "--seeds", "1",
                 "--out", "R", "--json", "-q"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert isinstance(out, list) and [r["task"] for r in out] == ["pos/tiny"]
    assert out[0]["embedding"]["name"] == "v" and out[0]["n_used"] == 4
    assert "records" in _json_help("extrinsic") and "JSON list" in _json_help("extrinsic")
    assert "summary" not in _json_help("extrinsic")
