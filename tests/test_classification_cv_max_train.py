"""Protocol cv10 with ``max_train``: each fold trains on at most that many documents (it was recorded, and every
fold trained on all the others). Oracle: scikit-learn's logistic regression on the same folds and samples, with
the mean word vectors computed by hand."""
from __future__ import annotations

import numpy as np


def test_cv10_max_train_caps_every_fold(tmp_path):
    import wordeval
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from wordeval.extrinsic.stratified_sample import fold_random_state

    rng = np.random.default_rng(0)
    pos, neg, fill = ["good", "great", "fine"], ["bad", "awful", "poor"], ["the", "a", "movie", "film"]
    docs = {"pos": [f"{fill[i % 4]} {fill[(i + 1) % 4]} {pos[i % 3]}" for i in range(40)],
            "neg": [f"{fill[i % 4]} {fill[(i + 2) % 4]} {neg[i % 3]}" for i in range(40)]}
    for label, lines in docs.items():
        (tmp_path / f"{label}.txt").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
    (tmp_path / "cv.toml").write_text('name = "cvt"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\n'
                                      'pos = "pos.txt"\nneg = "neg.txt"\n')
    table = {w: rng.standard_normal(5) for w in pos + neg + fill}
    config = {"n_seeds": 1, "max_train": 20, "cv_folds": 2, "c_grid": [0.1, 1.0], "cv_outer_folds": 4}
    rec = wordeval.evaluate(table, str(tmp_path / "cv.toml"), name="t", config=config, seed=3)
    assert rec.extra["per_seed"][0]["n_train_per_fold"] == [20] * 4

    ds = wordeval.get_task(str(tmp_path / "cv.toml")).load_dataset()
    items = [it for split in ("train", "dev", "test", "all") for it in ds.splits.get(split, ())]
    x = np.stack([np.mean([table[w] for w in it.text.split()], axis=0) for it in items])
    y = np.array([it.label for it in items], dtype=object)
    pred = np.empty(len(items), dtype=object)
    outer = StratifiedKFold(n_splits=4, shuffle=True, random_state=3)
    for fold, (tr, te) in enumerate(outer.split(x, y.astype(str))):
        # the fold's sample is stratified by class: scikit-learn's split, seeded from (seed, fold)
        kept, _ = train_test_split(np.arange(len(tr)), train_size=20, stratify=y[tr].astype(str).tolist(),
                                   random_state=fold_random_state(3, fold))
        tr = tr[np.sort(kept)]
        search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                              {"logisticregression__C": [0.1, 1.0]}, scoring="accuracy",
                              cv=StratifiedKFold(2, shuffle=True, random_state=3)).fit(x[tr], y[tr].tolist())
        pred[te] = search.predict(x[te])
    assert rec.scores["accuracy"] == accuracy_score(y.tolist(), pred.tolist())
