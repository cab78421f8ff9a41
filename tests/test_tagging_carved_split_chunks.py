"""A dev split carved from train (no dev file: dev_fraction, split_seed) is held to the rule for a dev file: a
NER/chunking dev of only O tags gives early stopping nothing to select on (chunk F1 is 0 for every tagger
there). A dev FILE of only O tags was refused, a carved dev of only O tags was not."""
from __future__ import annotations

import pytest

from wordeval.datasets.parsers_seq import split_indices
from wordeval.datasets.readers import reader
from wordeval.errors import InputFormatError
from wordeval.tasks.task import get_task

CHUNK = "EU\tB-ORG\nrejects\tO\n\n"  # 2 tokens
PLAIN = "the\tO\ncat\tO\nsat\tO\n\n"  # 3 tokens


def _seed(n: int, *, dev_holds: int | None = None, dev_lacks: int | None = None) -> int:
    """A split_seed whose dev part (the second of a 50/50 partition of n sentences) holds / lacks an index."""
    def ok(dev):
        return (dev_holds is None or dev_holds in dev) and (dev_lacks is None or dev_lacks not in dev)
    return next(s for s in range(200) if ok(set(split_indices(n, fractions=[0.5, 0.5], seed=s)[1].tolist())))


def _spec(tmp_path, seed: int, *, dev_fraction: float = 0.5):
    (tmp_path / "train.txt").write_text(CHUNK + PLAIN * 9)  # 10 sentences, a chunk in the first only
    (tmp_path / "test.txt").write_text("UN\tB-ORG\n")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\ndev_fraction = {dev_fraction}\nsplit_seed = {seed}\n'
                    '[files]\ntrain = "train.txt"\ntest = "test.txt"\n')
    return spec


def test_a_carved_dev_without_a_chunk_is_refused_naming_the_spec_fraction_and_seed(tmp_path):
    seed = _seed(10, dev_lacks=0)
    spec = _spec(tmp_path, seed)
    with pytest.raises(InputFormatError) as info:
        get_task(str(spec)).load_dataset()
    assert str(info.value) == (
        f"{spec}:3: expected at least one chunk in the dev split carved from train.txt (dev_fraction 0.5, "
        f"split_seed {seed}), got only O tags (chunk F1 is 0 for any tagger on a split without chunks): another "
        "split_seed, a larger dev_fraction or a dev file")


def test_a_carved_train_without_a_chunk_is_refused_too(tmp_path):
    with pytest.raises(InputFormatError, match=r"at least one chunk in the train split carved from train.txt"):
        get_task(str(_spec(tmp_path, _seed(10, dev_holds=0)))).load_dataset()


def test_the_cli_says_so_in_one_line_with_exit_2(tmp_path, capsys):
    from wordeval.cli import main

    spec = _spec(tmp_path, _seed(10, dev_lacks=0))
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: expected at least one chunk in the dev split") and \
        err.count("\n") == 1


def test_the_readers_own_derive_holds_carved_splits_to_it(tmp_path):
    """reader("conll")'s derive (the built-ins' carving) with a chunk scheme: the same rule, naming the file."""
    (tmp_path / "all.txt").write_text(CHUNK + PLAIN * 9)
    seed = _seed(10, dev_lacks=0)
    with pytest.raises(InputFormatError, match=rf"{tmp_path / 'all.txt'}: expected at least one chunk in the "
                                               r"dev split carved from it \(fractions \[0.5, 0.5\], seed"):
        reader("conll")({"all": tmp_path / "all.txt"}, sep="tab", scheme="auto",
                        derive={"from": "all", "into": ["train", "dev"], "fractions": [0.5, 0.5], "seed": seed})
