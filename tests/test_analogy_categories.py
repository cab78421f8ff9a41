"""A BATS folder's relations come in categories (BATS 3.0: inflectional and derivational morphology,
encyclopedic and lexicographic semantics, the groups Gladkova et al. 2016 report); the reader finds each
relation's category, and an analogy record keeps the breakdown by category beside the one by relation."""
from __future__ import annotations

import numpy as np


def _bats_folder(root):
    # category folders as in BATS_3.0; 'zzz' is in no vocabulary
    files = {"1_Inflectional_morphology/I01 [plural].txt": "cat\tcats\ndog\tdogs\ncar\tcars/autos\n",
             "1_Inflectional_morphology/I02 [past].txt": "walk\twalked\nzzz\tzzzed\n",
             "3_Encyclopedic_semantics/E01 [capital].txt": "paris\tfrance\nrome\titaly\nberlin\tgermany\n"}
    for name, text in files.items():
        path = root / "BATS_3.0" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    spec = root / "mini.toml"
    spec.write_text('name = "mini"\nfamily = "analogy"\n[files]\ntest = "BATS_3.0"\n', encoding="utf-8")
    return spec


def test_record_breaks_bats_down_by_category(tmp_path):
    import wordeval

    words = ["cat", "cats", "dog", "dogs", "car", "autos", "walk", "walked", "paris", "france", "rome", "italy",
             "berlin", "germany"]
    vectors = np.random.default_rng(0).normal(size=(len(words), 8))
    rec = wordeval.evaluate(dict(zip(words, vectors)), str(_bats_folder(tmp_path)), name="tiny")
    per_category = rec.extra["per_category"]
    assert list(per_category) == ["inflectional", "encyclopedic"]
    # by hand: I01 asks 3 x 2 = 6 questions; car:cars asks none that is covered (b is the first listed
    # answer, 'cars', in no vocabulary) but is answered in the other two by 'autos': 4 covered. I02 asks 2,
    # neither covered ('zzz'); E01 asks 6, all covered
    infl, ency = per_category["inflectional"], per_category["encyclopedic"]
    assert (infl["n_total"], infl["n_covered"]) == (8, 4)
    assert (ency["n_total"], ency["n_covered"]) == (6, 6)
    per_section = rec.extra["per_section"]
    assert infl["correct"] == per_section["I01 [plural]"]["correct"] + per_section["I02 [past]"]["correct"]
    assert ency["correct"] == per_section["E01 [capital]"]["correct"]
    assert infl["accuracy_covered"] == infl["correct"] / 4 and infl["coverage"] == 4 / 8


def test_google_has_no_category_breakdown(tmp_path):
    import wordeval

    (tmp_path / "q.txt").write_text(": s\na b c d\n", encoding="utf-8")
    spec = tmp_path / "g.toml"
    spec.write_text('name = "g"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    vectors = np.random.default_rng(1).normal(size=(5, 4))
    rec = wordeval.evaluate(dict(zip("abcde", vectors)), str(spec), name="tiny")
    assert "per_category" not in rec.extra
