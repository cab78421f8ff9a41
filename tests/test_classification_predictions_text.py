"""--save-predictions for classification wrote id, gold and predicted only. An id counts the documents as read
(class files one after another, a header left out), not any file's lines, so the document behind a wrong
label was not to be found. Each row now carries its document's text, as STS's rows carry their sentences.
Oracle: the test file as written, row for row (protocol split keeps the test file's order)."""
from __future__ import annotations

import numpy as np

TRAIN = [("pos", f"good nice text {i}") for i in range(6)] + [("neg", f"bad awful text {i}") for i in range(6)]
TEST = [("neg", "awful bad"), ("pos", "nice good"), ("pos", "a \"quoted\" nice text")]


def test_each_prediction_row_names_its_document(tmp_path):
    import wordeval
    from wordeval.results.predictions import read_table

    for name, rows in (("train", TRAIN), ("test", TEST)):
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    rng = np.random.default_rng(0)
    words = {w for _, t in TRAIN + TEST for w in t.replace('"', " ").split()}
    emb = {w: rng.normal(size=4).astype(np.float32) for w in sorted(words)}
    wordeval.evaluate(emb, str(tmp_path / "c.toml"), name="toy", config={"n_seeds": 1},
                      predictions=str(tmp_path / "pred"))
    (path,) = (tmp_path / "pred").glob("*.tsv")
    header, rows = read_table(path)
    assert header == ["id", "gold", "predicted", "text"]
    assert [(r[0], r[1], r[3]) for r in rows] == [(str(i), lab, t) for i, (lab, t) in enumerate(TEST)]
