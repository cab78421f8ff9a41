"""Word-pair benchmarks as their distributed files are laid out (header, delimiter, column order, extra columns,
line endings), each declared as a user spec with no reader hint: the pairs read are pandas' on the same file
with that file's settings, and the Spearman and Pearson scores are scipy's on the covered pairs."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from scipy.stats import pearsonr, spearmanr

SIMVERB = ("take\tremove\tV\t6.81\tSYNONYMS\nwalk\ttrail\tV\t4.81\tCOHYPONYMS\nfeed\tstarve\tV\t1.49\tANTONYMS\n"
           "shine\tpolish\tV\t7.80\tSYNONYMS\ncalculate\tadd\tV\t5.98\tHYPER/HYPONYMS\ngo\tsleep\tV\t0.66\tNONE\n")
RW = ("squishing\tsquirt\t5.88\t7\t7\t6\t1\t8\t6\t4\t8\t3\t8\nundated\tundatable\t2.56\t2\t0\t0\t1\t4\t2\t4\t4\t6\t3\n"
      "circumvents\tbeat\t5.67\t7\t6\t6\t6\t5\t6\t6\t5\t5\t5\ncircumvents\tebb\t3.73\t2\t5\t4\t5\t4\t3\t5\t4\t3\t3\n"
      "dispossess\tdeprive\t6.44\t7\t7\t6\t8\t6\t5\t6\t6\t8\t5\n")
SET1 = ("Word 1\tWord 2\tHuman (mean)\t" + "\t".join(map(str, range(1, 14))) + "\t\n"
        "love\tsex\t6.77\t9\t6\t8\t8\t7\t8\t8\t4\t7\t2\t6\t7\t8\t\ntiger\tcat\t7.35\t9\t7\t8\t7\t8\t9\t8.5\t5\t6\t9\t7\t5\t7\t\n"
        "tiger\ttiger\t10.00\t10\t10\t10\t10\t10\t10\t10\t10\t10\t10\t10\t10\t10\t\n"
        "book\tpaper\t7.46\t8\t8\t7\t7\t8\t9\t7\t6\t7\t8\t9\t4\t9\t\nplane\tcar\t5.77\t6\t6\t7\t5\t3\t6\t7\t6\t5\t6\t6\t6\t6\t\n")
COMBINED = "Word 1,Word 2,Human (mean)\r\nlove,sex,6.77\r\ntiger,cat,7.35\r\nbook,paper,7.46\r\nplane,car,5.77\r\n"
MTURK = "access,gateway,3.6\nachieve,accomplish,4.45\nadvance,elevate,3.6\nafrica,america,2.35\nbird,cage,3.3\n"
YP = "brag boast 4.00\nconcoct devise 4.00\naccentuate highlight 3.25\nlose keep 0.17\nrecall forget 0.00\n"
VERB = "shrink\tgrow\t0.41\nenter\texit\t0.5\nsay\tclaim\t2.9\nsell\tbuy\t1.14\nremain\tstay\t3.66\n"
CARD = ("word1\tword2\tscore\n2pac\ttupac\t4.00\naa\talcoholics_anonymous\t4.00\nabandonware\tfreeware\t1.50\n"
        "bucketful\tbucket\t2.25\ndumbo\telephant\t1.00\n")
RG = "cord;smile;0.02\nrooster;voyage;0.04\ngem;jewel;3.94\njourney;voyage;3.84\nboy;lad;3.76\n"
MEN = ("sun-n sunlight-n 50.000000\nriver-n water-n 49.000000\neat-v bread-n 40.000000\nbright-j sun-n 41.000000\n"
       "bakery-n zebra-n 1.000000\n")

QUOTE_NONE = {"quoting": csv.QUOTE_NONE}
CASES = {  # file name, text, pandas' settings, the word and score columns, a part-of-speech suffix to strip
    "simverb": ("SimVerb-3500.txt", SIMVERB, {"sep": "\t", "header": None}, (0, 1, 3)),
    "rw": ("rw.txt", RW, {"sep": "\t", "header": None}, (0, 1, 2)),
    "ws353-set1": ("set1.tab", SET1, {"sep": "\t"}, (0, 1, 2)),
    "ws353-combined-crlf": ("combined.csv", COMBINED, {}, (0, 1, 2)),
    "mturk-771": ("MTURK-771.csv", MTURK, {"header": None}, (0, 1, 2)),
    "yp-130": ("EN-YP-130.txt", YP, {"sep": " ", "header": None}, (0, 1, 2)),
    "verb-143": ("EN-VERB-143.txt", VERB, {"sep": "\t", "header": None}, (0, 1, 2)),
    "card-660": ("dataset.tsv", CARD, {"sep": "\t"}, (0, 1, 2)),
    "rg-65-semicolon": ("rg65.csv", RG, {"sep": ";", "header": None}, (0, 1, 2)),
    "men-lemma": ("MEN_dataset_lemma_form_full", MEN, {"sep": " ", "header": None}, (0, 1, 2)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_published_layout_reads_as_pandas_and_scores_as_scipy(tmp_path, case):
    import wordeval
    from wordeval.tasks.task import get_task

    name, text, settings, (w1, w2, sc) = CASES[case]
    (tmp_path / name).write_bytes(text.encode("utf-8"))
    spec = tmp_path / "task.toml"
    spec.write_text(f'name = "mine"\nfamily = "similarity"\n[files]\ntest = "{name}"\n', encoding="utf-8")
    frame = pd.read_csv(tmp_path / name, **settings, **QUOTE_NONE)

    def word(w):  # MEN's lemma form tags each word (-n, -v, -j): stripped, as README says
        return str(w).rsplit("-", 1)[0] if case == "men-lemma" else str(w)
    expected = [(word(a), word(b), float(s)) for a, b, s in
                zip(frame.iloc[:, w1], frame.iloc[:, w2], frame.iloc[:, sc])]
    items = get_task(str(spec)).load_dataset().items()
    assert [(it.word1, it.word2, it.score) for it in items] == expected
    rng = np.random.default_rng(0)
    words = sorted({w for a, b, _ in expected for w in (a, b)})
    vectors = {w: rng.standard_normal(8) for w in words[1:]}  # one word left out: coverage below 1
    covered = [(a, b, s) for a, b, s in expected if a in vectors and b in vectors]
    cosines = [vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b]) for a, b, _ in covered]
    gold = [s for *_, s in covered]
    record = wordeval.evaluate(vectors, str(spec), config={"n_boot": 10})
    eps = 64 * float(np.finfo(np.float32).eps)  # cosines of float32 vectors: ranks equal unless a tie moves
    assert 3 <= len(covered) < len(expected)
    assert abs(record.scores["spearman"] - spearmanr(gold, cosines)[0]) <= eps
    assert abs(record.scores["pearson"] - pearsonr(gold, cosines)[0]) <= eps
