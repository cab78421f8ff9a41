"""Under --intersection an analogy record's coverage is the representation's own, as similarity and STS records
keep theirs, and the record says what the intersection left out. Before, coverage and n_covered described the
intersection: a representation covering 3 of 4 questions beside one covering 2 read 50 %."""
from __future__ import annotations

import numpy as np

from wordeval.datasets.types import AnalogyQuestion, Dataset
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic import analogy
from wordeval.tasks import TaskSpec

WORDS = list("abcdefgh")
# X has every word, Y lacks 'g' and 'h'; 'zz' is in neither. By hand: X covers questions 0, 1, 2 (3 of 4),
# Y covers 0 and 1 (2 of 4); the intersection is {0, 1}.
QUESTIONS = [("a", "b", "c", "d"), ("e", "f", "a", "b"), ("a", "b", "g", "h"), ("a", "b", "zz", "h")]


def _embeddings():
    rng = np.random.default_rng(5)
    x = StaticEmbedding(WORDS, rng.normal(size=(8, 5)).astype(np.float32))
    y = StaticEmbedding(WORDS[:6], rng.normal(size=(6, 5)).astype(np.float32))
    return x, y


def _task():
    qs = [AnalogyQuestion(a, b, c, (d,), "s1" if i < 2 else "s2") for i, (a, b, c, d) in enumerate(QUESTIONS)]
    return (TaskSpec("analogy/x", "1", "analogy", "x", "accuracy"),
            Dataset("x", "1", "analogy", {"test": qs}, {}, "memory"))


def test_each_record_keeps_its_own_coverage_and_says_what_the_intersection_left_out():
    spec, ds = _task()
    rx, ry = analogy.score_intersection(spec, list(_embeddings()), ds, config={"n_boot": 10})
    assert rx.per_item["id"] == ry.per_item["id"] == [0, 1]
    assert rx.n_used == ry.n_used == 2 and rx.n_total == 4
    assert rx.scores["coverage"] == 3 / 4 and ry.scores["coverage"] == 2 / 4
    assert rx.coverage == 3 / 4
    assert rx.extra["n_left_out_by_intersection"] == 1 and ry.extra["n_left_out_by_intersection"] == 0
    # per section, by hand: s1 holds questions 0 and 1 (both scored), s2 questions 2 (X only) and 3 (neither)
    s1, s2 = rx.extra["per_section"]["s1"], rx.extra["per_section"]["s2"]
    assert (s1["n_covered"], s1["n_scored"], s1["coverage"]) == (2, 2, 1.0)
    assert (s2["n_covered"], s2["n_scored"], s2["coverage"]) == (1, 0, 0.5)
    assert s1["accuracy_covered"] == s1["correct"] / 2 and np.isnan(s2["accuracy_covered"])
    assert rx.scores["accuracy_covered"] == sum(rx.per_item["correct"]) / 2 == rx.main_value
    assert rx.config["oov"] == "intersection" and rx.config["coverage_of"] == "own"


def test_records_without_intersection_keep_their_fields():
    spec, ds = _task()
    x, _ = _embeddings()
    rec = analogy.score(spec, x, ds, config=analogy.validate_config(dict(analogy.DEFAULT_CONFIG, n_boot=10)))
    assert rec.scores["coverage"] == 3 / 4 and rec.n_used == 3
    assert "coverage_of" not in rec.config and "n_left_out_by_intersection" not in rec.extra
    assert "n_scored" not in rec.extra["per_section"]["s1"]


def _files(tmp_path):
    x, y = _embeddings()
    paths = []
    for name, e in (("x", x), ("y", y)):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"{w} {' '.join(map(repr, v.tolist()))}\n" for w, v in zip(e.words, e.vectors)),
                        encoding="utf-8")
        paths.append(path)
    # a first line "a b c d" would be a header: another question first
    lines = [QUESTIONS[1], QUESTIONS[0], *QUESTIONS[2:]]
    (tmp_path / "q.txt").write_text("".join(" ".join(q) + "\n" for q in lines), encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    return paths, spec


def test_a_store_does_not_serve_an_earlier_intersection_record_and_other_keys_stay(tmp_path, capsys):
    from wordeval.cli import main
    from wordeval.results.store import load_records, request_key
    from wordeval.runner import EmbeddingCache, plan, request_key_for

    (x, y), spec = _files(tmp_path)
    out = tmp_path / "store"
    args = ["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--out", str(out)]
    assert main([*args, "--intersection"]) == 0
    records = {r.label: r for r in load_records([out])[0]}
    assert records["X"].scores["coverage"] == 3 / 4 and records["X"].n_used == 2
    capsys.readouterr()
    assert main([*args, "--intersection"]) == 0  # served from the store, not computed again
    assert "0 computed, 2 already stored" in capsys.readouterr().err

    cache = EmbeddingCache()
    for intersection in (False, True):
        cells = plan([f"X={x}", f"Y={y}"], [str(spec)], intersection=intersection).cells
        embs = [cache.get(*c.load_key) for c in cells]
        fps = [e.info.fingerprint for e in embs] if intersection else []
        for cell, emb in zip(cells, embs):
            cfg = dict(cell.config)
            if intersection:
                cfg["_scored_with"] = sorted(fps)
            if cell.data:
                cfg["_data"] = cell.data
            # the key as computed before the setting existed
            earlier = request_key(emb.info.fingerprint, cell.task.name, cell.task.version, cfg, cell.seed,
                                  label=cell.rep.name)
            key = request_key_for(cell, emb, group_fingerprints=fps)
            assert (key != earlier) if intersection else (key == earlier)


def test_a_rerun_says_why_it_replaced_an_earlier_intersection_record():
    import copy

    from wordeval.results.superseded import _differing

    spec, ds = _task()
    new = analogy.score_intersection(spec, list(_embeddings()), ds, config={"n_boot": 10})[0]
    old = copy.deepcopy(new)
    del old.config["coverage_of"]
    assert any(n.startswith("coverage_of (") and "intersection" in n for n in _differing(old, new))


def test_the_predictions_say_which_questions_each_representation_covers(tmp_path, capsys):
    from wordeval.cli import main

    (x, y), spec = _files(tmp_path)
    saved = tmp_path / "pred"
    assert main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--intersection", "--out",
                 str(tmp_path / "store"), "--save-predictions", str(saved)]) == 0
    tables = []
    for path in sorted(saved.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = lines[0].split("\t")
        tables.append([dict(zip(head, line.split("\t"))) for line in lines[1:]])
    assert len(tables) == 2
    by_covered = sorted([r["covered"] for r in rows] for rows in tables)
    # by hand, in file order (X: the first three questions, Y: the first two); the third, X's own, has no answer
    assert by_covered == [["1", "1", "0", "0"], ["1", "1", "1", "0"]]
    for rows in tables:
        assert [r["correct"] != "" for r in rows] == [True, True, False, False]
