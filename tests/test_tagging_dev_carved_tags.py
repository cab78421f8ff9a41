"""A dev split carved from train (no dev file: dev_fraction, split_seed) can take away every sentence of a tag.
The reader's "never seen in train" warning compared dev and test with the whole train file, so a test tag that
the learner's train no longer holds (it cannot predict it: its items count as errors) was not named."""
from __future__ import annotations

from wordeval.datasets.parsers_seq import split_indices
from wordeval.tasks.task import get_task

PAIR = "EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n\n"
MISC = "German\tB-MISC\ncall\tO\n\n"


def _spec(tmp_path, seed: int):
    (tmp_path / "train.txt").write_text(PAIR * 9 + MISC)  # 19 sentences, B-MISC in the last one only
    (tmp_path / "test.txt").write_text(MISC + "Peter\tB-PER\n")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\ndev_fraction = 0.5\nsplit_seed = {seed}\n[files]\n'
                    'train = "train.txt"\ntest = "test.txt"\n')
    return get_task(str(spec)).load_dataset()


def _seed_whose_dev_takes(index: int, *, takes: bool) -> int:
    """A split_seed whose dev part (the second of the seeded partition) does or does not hold ``index``."""
    return next(s for s in range(100) if (index in split_indices(19, fractions=[0.5, 0.5], seed=s)[1]) == takes)


def test_a_tag_carved_out_of_train_is_named_for_dev_and_test(tmp_path):
    seed = _seed_whose_dev_takes(18, takes=True)
    ds = _spec(tmp_path, seed)
    assert not any("B-MISC" in s.tags for s in ds.splits["train"])  # the hand-made premise
    warnings = [w for w in ds.metadata["warnings"] if "carved" in w]
    assert [w.split(":")[0] for w in warnings] == ["dev", "test"]
    assert all(f"(dev_fraction 0.5, split_seed {seed})" in w and "('B-MISC')" in w for w in warnings)


def test_no_word_when_train_keeps_the_tag(tmp_path):
    ds = _spec(tmp_path, _seed_whose_dev_takes(18, takes=False))
    assert any("B-MISC" in s.tags for s in ds.splits["train"])
    assert not [w for w in ds.metadata.get("warnings", []) if "carved" in w]
