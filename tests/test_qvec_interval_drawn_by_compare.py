"""A QVEC-CCA record scored with n_boot = 0 has no interval, and compare drew one for its cell: the percentile
interval, which QVEC's own records reject (their resamples sit above the estimate: here [0.243, 0.475]
around 0.291). The cell now gets the basic interval its record would have had, [2t - q97.5, 2t - q2.5] over
the comparison's resamples of the words (oracle: the same draws, each scored on its resampled rows)."""
from __future__ import annotations

import json
import zlib

import numpy as np

import wordeval
from wordeval.report.compare import compare
from wordeval.stats.item_scores import score_from_items

N, B = 60, 200


def _records(folder):
    rng = np.random.default_rng(2)
    words = [f"w{i}" for i in range(N)]
    rows = {w: {f"f{k}": float(rng.random()) for k in range(3)} for w in words}
    (folder / "oracle.txt").write_text("".join(f"{w}\t{json.dumps(r)}\n" for w, r in rows.items()), encoding="utf-8")
    spec = folder / "q.toml"
    spec.write_text('name = "q"\nfamily = "qvec-cca"\n[files]\ntest = "oracle.txt"\n', encoding="utf-8")
    vec = {w: rng.normal(size=4) + np.array([rows[w]["f0"], rows[w]["f1"], 0, 0]) for w in words}
    other = {w: v + rng.normal(size=4) for w, v in vec.items()}
    return [wordeval.evaluate(v, str(spec), config={"n_boot": 0}, name=name) for name, v in (("v", vec), ("u", other))]


def test_a_qvec_cell_without_its_own_interval_gets_the_basic_one(tmp_path):
    recs = _records(tmp_path)
    rec = recs[0]
    assert not rec.ci.get("qvec_cca")
    cell = compare(recs, n_boot=B, seed=0).cells[("v", "qvec-cca/q")]
    cols = {k: np.asarray(v) for k, v in rec.per_item.items()}
    idx = np.random.default_rng([0, zlib.crc32(b"qvec-cca/q")]).integers(0, N, size=(B, N), dtype=np.int32)
    scores = np.array([score_from_items("qvec-cca", {k: v[row] for k, v in cols.items()}) for row in idx])
    q_lo, q_hi = np.quantile(scores, [0.025, 0.975])
    t = rec.main_value
    np.testing.assert_allclose(cell["ci"], [2 * t - q_hi, 2 * t - q_lo], rtol=0, atol=1e-9)
    assert cell["ci"][0] < t < cell["ci"][1]


def test_report_tex_methods_name_the_basic_interval_of_qvec_cells(tmp_path):
    """report.tex's Methods said 'Confidence intervals: percentile bootstrap over items' of every cell, while a
    QVEC or QVEC-CCA cell's interval is the basic one (its record's, or the one compare draws above)."""
    from wordeval.report.tables_tex import latex_document

    tex = latex_document(compare(_records(tmp_path), n_boot=B, seed=0), title_text="T", cite_keys=[],
                         method_keys={})
    methods = tex[tex.index("Confidence intervals:"):]
    methods = methods[:methods.index("resamples")]
    assert "basic (reflected) bootstrap over words on qvec-cca/q" in methods, methods


def test_the_outside_interval_flag_does_not_say_a_drawn_interval_s_record_keeps_a_percentile_one(tmp_path):
    """The ¶ legend said 'the record keeps the percentile interval and the bias beside it' of every flagged
    cell; a record scored with n_boot = 0, whose cell's interval compare drew, keeps neither (both None)."""
    from wordeval.report.tables import FLAG_TEXT

    rec = _records(tmp_path)[0]
    assert rec.extra.get("ci_percentile") is None and rec.extra.get("bootstrap_bias") is None
    text = FLAG_TEXT["outside_ci"]
    assert "; the record keeps" not in text
    assert "where the interval is the record's own, the record keeps the percentile interval" in text
    assert "one the comparison drew" in text and "has neither" in text
