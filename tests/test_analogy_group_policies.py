"""The OOV policy asked for beside --common-vocab and --intersection is honoured or refused, never dropped:
--common-vocab --oov penalize scored the covered questions only and recorded oov 'skip'; --intersection
--oov penalize scored the common items and said nothing of the penalty asked for."""
from __future__ import annotations

import numpy as np

WORDS = ["a", "b", "c", "d", "e", "f", "g", "h"]
# 'zz' is in no vocabulary: two of the five questions are not covered (a first line "a b c d" is a header)
QUESTIONS = ["c d a b", "b a d c", "e f g h", "a b zz d", "zz f g h"]


def _inputs(tmp_path):
    rng = np.random.default_rng(3)
    paths = []
    for name in ("x", "y"):
        path = tmp_path / f"{name}.txt"
        vectors = rng.normal(size=(len(WORDS), 5))
        path.write_text("".join(f"{w} {' '.join(map(repr, v.tolist()))}\n" for w, v in zip(WORDS, vectors)),
                        encoding="utf-8")
        paths.append(path)
    (tmp_path / "q.txt").write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    return paths, spec


def test_common_vocabulary_keeps_the_penalty(tmp_path, capsys):
    from wordeval.cli import main
    from wordeval.results.store import load_records

    (x, y), spec = _inputs(tmp_path)
    out = tmp_path / "store"
    rc = main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--common-vocab", "--oov", "penalize",
               "--out", str(out)])
    assert rc == 0
    records = load_records([out])[0]
    assert len(records) == 2
    for rec in records:
        assert rec.config["oov"] == "penalize" and rec.config["candidates"] == "common"
        # every question is scored, the two uncovered ones as wrong: accuracy over 5 by hand
        assert rec.n_used == rec.n_total == 5 and rec.per_item["id"] == [0, 1, 2, 3, 4]
        assert rec.per_item["correct"][3:] == [0, 0]
        assert rec.main_value == sum(rec.per_item["correct"]) / 5
        assert rec.scores["coverage"] == 3 / 5


def test_intersection_with_penalize_is_refused_in_one_line(tmp_path, capsys):
    from wordeval.cli import main

    (x, y), spec = _inputs(tmp_path)
    out = tmp_path / "store"
    rc = main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--intersection", "--oov", "penalize",
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and "--intersection" in err and "penalize" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def _table(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"))) for line in lines[1:]]


def test_grouped_scoring_writes_every_representations_predictions(tmp_path, capsys):
    import json

    from wordeval.cli import main
    from wordeval.results.store import load_records

    (x, y), spec = _inputs(tmp_path)
    for flag in ("--common-vocab", "--intersection"):
        out, saved = tmp_path / f"store{flag}", tmp_path / f"pred{flag}"
        rc = main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), flag, "--out", str(out),
                   "--save-predictions", str(saved)])
        assert rc == 0
        records = {r.label: r for r in load_records([out])[0]}
        tables = sorted(saved.glob("*.tsv"))
        labels = [json.loads(p.with_name(p.name + ".json").read_text(encoding="utf-8"))["representation"]
                  for p in tables]
        assert labels == ["X", "Y"]  # one file per representation
        for path, label in zip(tables, labels):
            rec = records[label]
            rows = _table(path)
            assert [r["id"] for r in rows] == ["0", "1", "2", "3", "4"]
            # by hand: the two questions with 'zz' are not covered; the others are, and are the record's items
            assert [r["covered"] for r in rows] == ["1", "1", "1", "0", "0"]
            assert [int(r["correct"]) for r in rows[:3]] == rec.per_item["correct"]
            side = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
            assert side["representation"] == rec.label and side["main_value"] == rec.main_value


class _OpenVocabulary:
    """An encoder's word view: any word has a vector, so there are no candidate rows to search."""

    open_vocabulary = True  # as wordeval's encoders declare: not an object of the user's

    def __init__(self):
        from wordeval.embeddings.base import EmbeddingInfo

        self.info = EmbeddingInfo(name="enc", source="<test>", format="encoder", dim=5, vocab_size=None,
                                  fingerprint="sha256:enc")
        self.dim = 5

    def lookup(self, words):
        return np.ones((len(words), 5), dtype=np.float32), np.ones(len(words), dtype=bool)


def test_a_representation_without_candidates_is_skipped_and_the_others_scored_together(tmp_path):
    from wordeval.errors import NotAvailableError
    from wordeval.evaluation import load_embedding
    from wordeval.runner import compute_group, plan

    (x, y), spec = _inputs(tmp_path)
    for option in ("intersection", "common_vocabulary"):
        p = plan([f"X={x}", f"Y={y}", f"E={x}"], [str(spec)], **{option: True})
        embeddings = [load_embedding(str(x), label="X"), load_embedding(str(y), label="Y"), _OpenVocabulary()]
        out = compute_group(p.cells, embeddings, p.datasets["analogy/t"])
        # before, the encoder's NotAvailableError skipped the whole group, named after X
        assert isinstance(out[2], NotAvailableError) and "enc has an open vocabulary" in str(out[2])
        assert [r.label for r in out[:2]] == ["X", "Y"]
        assert [r.n_used for r in out[:2]] == [3, 3]  # by hand: the questions without 'zz'


def test_report_protocol_names_the_candidate_set(tmp_path, capsys):
    import wordeval
    from wordeval.cli import main
    from wordeval.report.protocol import protocol_lines, protocol_of

    (x, y), spec = _inputs(tmp_path)
    out = tmp_path / "store"
    assert main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--common-vocab", "--method", "3cosmul",
                 "--out", str(out)]) == 0
    lines = [text for _, text in protocol_lines(protocol_of(wordeval.compare(str(out))))]
    policies = next(t for t in lines if t.startswith("policies: "))
    # before, the protocol gave the candidate counts only: nothing said they were the words X and Y share
    for setting in ("candidates = common", "candidates_shared_with = X, Y", "question_filter = candidates",
                    "epsilon = 0.001", "method = 3cosmul"):
        assert setting in policies, policies


def test_grouped_settings_given_with_set_need_two_representations(tmp_path, capsys):
    from wordeval.cli import main

    (x, _), spec = _inputs(tmp_path)
    for setting in ('candidates="common"', 'oov="intersection"'):
        out = tmp_path / "store"
        rc = main(["intrinsic", str(x), "--tasks", str(spec), "--set", setting, "--out", str(out)])
        err = capsys.readouterr().err
        # before, one representation was 'scored together' with itself and recorded as such
        assert rc == 2 and "at least two representations" in err and len(err.strip().splitlines()) == 1
        assert not out.exists()
