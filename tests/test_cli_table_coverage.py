"""The table intrinsic/extrinsic print: a tagging record's coverage column carries its token OOV rate, as
compare's does. A quick profile scores a subsample of the test sentences (1000/3453 of CoNLL-2003), and the
column alone, 29.0%, read as the representation covering 29 % of the test set."""
from __future__ import annotations

import dataclasses

from tests._records import make_record
from wordeval.cli.intrinsic import format_table


def _subsampled_pos_record(oov_rate):
    rec = make_record("glove", "pos/toy", {"id": list(range(20)), "correct": [1] * 15 + [0] * 5,
                                           "total": [1] * 20})
    scores = dict(rec.scores) if oov_rate is None else {**rec.scores, "oov_rate": oov_rate}
    return dataclasses.replace(rec, scores=scores, n_total=69)  # 20 of 69 sentences scored, as a quick profile


def test_tagging_coverage_column_gives_the_token_oov_rate():
    row = format_table([_subsampled_pos_record(0.028)]).splitlines()[2]
    assert row.split("  ")[-1].strip() == f"20/69 sentences ({100 * 20 / 69:.1f}%), 20 tokens, OOV 2.8%"


def test_every_count_names_its_unit_as_compare_names_it():
    """The table printed '40/40' in a used/total column beside '100.0%': pairs, questions, sentences or
    documents were left to be guessed, and compare's coverage column said it in other words. Each family's
    count now carries its unit, in the words of compare's column (texts by hand)."""
    from tests._records import cli_records
    from wordeval.report.compare import compare
    from wordeval.report.tables import coverage_text

    sim, doc = next(r for r in cli_records() if r.task.startswith("similarity/")), \
        next(r for r in cli_records() if r.task.startswith("classification/"))
    pos = _subsampled_pos_record(None)
    qs = dataclasses.replace(pos, task="analogy/toy", family="analogy", kind="intrinsic", n_used=30, n_total=40)
    sts = dataclasses.replace(pos, task="sts/toy", family="sts", kind="intrinsic", n_used=40, n_total=40)
    rows = format_table([sim, doc, pos, qs, sts]).splitlines()
    assert rows[0].split()[-1] == "coverage" and "used/total" not in rows[0]
    assert [r.split("  ")[-1].strip() for r in rows[2:7]] == [
        "200/200 word pairs (100.0%)", "300/300 documents (100.0%)",
        f"20/69 sentences ({100 * 20 / 69:.1f}%), 20 tokens", "30/40 questions (75.0%)",
        "40/40 sentence pairs (100.0%)"]
    comp = compare([sim, doc], n_boot=10)
    for rec in (sim, doc):
        assert coverage_text(comp.cells[("A", rec.task)], rec.family) in format_table([rec])


def test_a_seed_that_did_not_converge_is_marked_as_compare_marks_it():
    """A BiLSTM-CRF stopped by the quick profile's 4 epochs (per_seed.converged [False]) printed 'f1 0.000
    [0.000, 0.000]' and nothing else; compare's and report's tables mark such a cell † and say what it
    means."""
    from wordeval.report.tables import FLAG_TEXT

    rec = _subsampled_pos_record(0.028)
    stopped = dataclasses.replace(rec, extra={"per_seed": {"converged": [True, False]}})
    done = dataclasses.replace(rec, extra={"per_seed": {"converged": [True, True]}})
    lines = format_table([stopped, done]).splitlines()
    assert lines[2].split()[4:6] == ["0.750", "†"] and lines[3].split()[4] == "0.750" and "†" not in lines[3]
    assert lines[4:] == [f"†: {FLAG_TEXT['not_converged']}."]
    assert "†" not in format_table([done])


def test_a_record_without_oov_rate_keeps_its_coverage_alone():
    row = format_table([_subsampled_pos_record(None)]).splitlines()[2]
    assert row.rstrip().endswith(f"({100 * 20 / 69:.1f}%), 20 tokens")


def test_a_score_not_defined_on_the_items_is_not_printed_as_a_number(tmp_path, capsys, caplog):
    """Orthogonal one-hot vectors give every pair cosine 0: Spearman is not defined (scipy says NaN). The
    table printed 'nan' in the value column, as if it were a score; compare writes 'n/a'."""
    import logging
    import math
    import warnings

    from scipy.stats import spearmanr

    from wordeval.cli import main

    (tmp_path / "v.txt").write_text("x 1 0 0 0\ny 0 1 0 0\nz 0 0 1 0\nw 0 0 0 1\n", encoding="utf-8")
    pairs = [("x", "y", 1.0), ("y", "z", 2.0), ("x", "z", 3.0), ("x", "w", 0.5), ("y", "w", 2.5)]
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy's ConstantInputWarning: the NaN is the point
        assert math.isnan(spearmanr([s for *_, s in pairs], [0.0] * len(pairs)).statistic)  # the oracle
    caplog.set_level(logging.INFO, logger="wordeval.run")
    assert main(["intrinsic", str(tmp_path / "v.txt"), "--tasks", str(tmp_path / "s.toml"), "--out",
                 str(tmp_path / "out")]) == 0
    row = capsys.readouterr().out.splitlines()[2].split()
    assert "nan" not in row and row[4] == "n/a" and row[5] == "none"
    stored = [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")]
    assert stored and stored[0].endswith("spearman = n/a (not defined on these items)")


def test_a_report_whose_only_score_is_undefined_draws_no_empty_legend(tmp_path, capsys):
    """matplotlib's 'No artists with labels found to put in legend' reached the user as a wordeval warning
    when no bar could be drawn (every score n/a)."""
    from wordeval.cli import main

    (tmp_path / "v.txt").write_text("x 1 0 0 0\ny 0 1 0 0\nz 0 0 1 0\nw 0 0 0 1\n", encoding="utf-8")
    pairs = [("x", "y", 1.0), ("y", "z", 2.0), ("x", "z", 3.0), ("x", "w", 0.5), ("y", "w", 2.5)]
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    assert main(["intrinsic", str(tmp_path / "v.txt"), "--tasks", str(tmp_path / "s.toml"), "--out",
                 str(tmp_path / "out"), "-q"]) == 0
    capsys.readouterr()
    assert main(["report", str(tmp_path / "out"), "--out", str(tmp_path / "rep"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "legend" not in err and "warning" not in err
    assert (tmp_path / "rep" / "figures").is_dir()


def test_a_score_outside_its_interval_is_marked_and_explained():
    """QVEC-CCA's basic bootstrap interval lies below its upward-biased score: the table printed
    0.164 [0.141, 0.158] with no word, which read as a broken interval; compare marks it ¶ and says why."""
    rec = make_record("glove", "pos/toy", {"id": list(range(20)), "correct": [1] * 15 + [0] * 5,
                                           "total": [1] * 20})
    scores = {**rec.scores, rec.main_score: 0.75}
    inside = dataclasses.replace(rec, ci={rec.main_score: [0.70, 0.80]}, scores=scores)
    outside = dataclasses.replace(rec, ci={rec.main_score: [0.70, 0.74]}, scores=scores)
    lines = format_table([inside, outside]).splitlines()
    assert "[0.700, 0.800]" in lines[2] and "¶" not in lines[2]
    assert "[0.700, 0.740] ¶" in lines[3]
    assert lines[4].startswith("¶: the score lies outside its interval")
    assert not any(line.startswith("¶") for line in format_table([inside]).splitlines())
