"""extra["n_tokens"] of a tagging dataset whose dev split is carved from train (dev_fraction, split_seed): it
counted train before dev was carved out of it, so train's count held dev's tokens and dev had none."""
from __future__ import annotations

from wordeval.datasets.parsers_seq import split_indices
from wordeval.tasks.task import get_task

CHUNK = "EU\tB-ORG\nrejects\tO\n\n"  # 2 tokens
PLAIN = "the\tO\ncat\tO\nsat\tO\n\n"  # 3 tokens


def test_n_tokens_counts_the_splits_after_dev_is_carved(tmp_path):
    """By hand: of 10 sentences (two of 2 tokens with a chunk, eight of 3), train and dev each get one chunk
    sentence and 4 plain ones: 2 + 4 * 3 = 14 tokens each; test 1. It said train 28 (the whole file), no dev."""
    (tmp_path / "train.txt").write_text(CHUNK * 2 + PLAIN * 8)  # sentences 0 and 1 hold chunks
    devs = {s: set(split_indices(10, fractions=[0.5, 0.5], seed=s)[1].tolist()) for s in range(200)}
    seed = next(s for s, dev in devs.items() if 1 in dev and 0 not in dev)
    (tmp_path / "test.txt").write_text("UN\tB-ORG\n")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\ndev_fraction = 0.5\nsplit_seed = {seed}\n'
                    '[files]\ntrain = "train.txt"\ntest = "test.txt"\n')
    ds = get_task(str(spec)).load_dataset()
    assert ds.metadata["n_tokens"] == {"train": 2 + 4 * 3, "dev": 2 + 4 * 3, "test": 1}
