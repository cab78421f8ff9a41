"""Classification on a sentence encoder with ``max_train``: only the training documents some seed trains on are
encoded (a MiniLM run on SST-2's 67,349 phrases with max_train 3,000 encoded all of them), and the scores are
those of scikit-learn's logistic regression fitted by hand on the same features and rows."""
from __future__ import annotations

import hashlib

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo

DIM = 6


def _vector(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(DIM)
    v[0] += 2.0 if "good" in text else -2.0  # a signal the classifier can find
    return v.astype(np.float32)


class CountingEncoder:
    def __init__(self):
        self.info = EmbeddingInfo(name="counting", source="test", format="test", dim=DIM, vocab_size=None,
                                  fingerprint="sha256:counting-encoder-v1")
        self.encoded: list[str] = []

    def encode_sentences(self, texts, *, pooling: str = "mean"):
        self.encoded += list(texts)
        return np.stack([_vector(t) for t in texts]) if len(texts) else np.zeros((0, DIM), np.float32)


def _spec(tmp_path, n_train=60, n_test=20):
    train = [("pos" if i % 2 else "neg", f"{'good' if i % 2 else 'bad'} document number {i}") for i in range(n_train)]
    test = [("pos" if i % 2 else "neg", f"{'good' if i % 2 else 'bad'} test text {i}") for i in range(n_test)]
    for name, rows in (("train", train), ("test", test)):
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n')
    return train, test


def test_only_the_sampled_training_documents_are_encoded(tmp_path):
    import wordeval
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train, test = _spec(tmp_path)
    enc = CountingEncoder()
    rec = wordeval.evaluate(enc, str(tmp_path / "c.toml"), name="counting",
                            config={"max_train": 10, "n_seeds": 2, "cv_folds": 2, "c_grid": [0.1, 1.0]})
    train_texts = {t for _, t in train}
    encoded_train = [t for t in enc.encoded if t in train_texts]
    assert len(set(encoded_train)) == len(encoded_train) <= 20  # two seeds' samples of 10, not all 60
    for info in rec.extra["per_seed"]:
        s = info["seed"]
        kept, _ = train_test_split(np.arange(len(train)), train_size=10, stratify=[lab for lab, _ in train],
                                   random_state=s)  # max_train's sample is stratified by class
        rows = np.sort(kept)
        assert {train[i][1] for i in rows} <= set(encoded_train)
        x = np.stack([_vector(train[i][1]) for i in rows]).astype(np.float64)
        y = [train[i][0] for i in rows]
        search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                              {"logisticregression__C": [0.1, 1.0]}, scoring="accuracy",
                              cv=StratifiedKFold(2, shuffle=True, random_state=s)).fit(x, y)
        pred = search.predict(np.stack([_vector(t) for _, t in test]).astype(np.float64))
        assert info["accuracy"] == accuracy_score([lab for lab, _ in test], pred)
        assert info["n_train"] == 10


def test_without_max_train_every_training_document_is_encoded_once(tmp_path):
    import wordeval
    train, test = _spec(tmp_path, n_train=20, n_test=6)
    enc = CountingEncoder()
    wordeval.evaluate(enc, str(tmp_path / "c.toml"), name="counting",
                      config={"n_seeds": 2, "cv_folds": 2, "c_grid": [1.0]})
    assert sorted(enc.encoded) == sorted([t for _, t in train] + [t for _, t in test])
