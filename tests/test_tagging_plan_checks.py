"""Tagging options checked against each representation when a run is planned, before any cell trains."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.cli import main

WORDS = ["john", "mary", "paris", "london", "lives", "in", "works", "at"]


def _task(folder, name, words):
    """A user NER spec whose sentences use ``words`` (lowercase, so every one is covered), tagged by hand."""
    folder.mkdir()
    tag = {"john": "B-PER", "mary": "B-PER", "paris": "B-LOC", "london": "B-LOC"}
    for split, n, length in (("train", 12, len(words)), ("dev", 4, 2), ("test", 4, 3)):
        sentences = ["".join(f"{words[(i + j) % len(words)]}\t{tag.get(words[(i + j) % len(words)], 'O')}\n"
                             for j in range(length)) for i in range(n)]
        (folder / f"{split}.conll").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    spec = folder / f"{name}.toml"
    spec.write_text(f'name = "{name}"\nfamily = "ner"\nscheme = "IOB2"\n[files]\ntrain = "train.conll"\n'
                    f'dev = "dev.conll"\ntest = "test.conll"\n', encoding="utf-8")
    return spec


def test_too_many_clusters_for_a_later_task_is_refused_before_the_first_task_trains(tmp_path, capsys):
    """--clusters K above the words a representation covers in one task's sentences was refused only when that
    task's cell trained: the tasks before it had trained and been stored. Now: exit 2 at planning, one line
    naming the task, the representation and the count (4 distinct words, counted by hand), no store."""
    rng = np.random.default_rng(0)
    vectors = tmp_path / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.normal(size=4))}\n" for w in WORDS),
                       encoding="utf-8")
    wide, narrow = _task(tmp_path / "a", "wide", WORDS), _task(tmp_path / "b", "narrow", WORDS[:4])
    out = tmp_path / "R"
    argv = ["--quiet", "extrinsic", f"v={vectors}", "--tasks", str(wide), str(narrow), "--learner", "crf",
            "--clusters", "6", "--seeds", "1", "--epochs", "2", "--profile", "quick", "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("wordeval: error: ner/narrow on v: clusters = 6 needs at least 6 distinct words the "
                   "representation covers in the task's sentences, which have 4: choose a smaller K (--clusters)")
    assert not out.exists()
    assert main([*argv[:-2], "--out", str(out), "--keep-going"]) == 3  # the other task still trains
    capsys.readouterr()
    from wordeval.results.store import load_records
    stored, _ = load_records([out])
    assert [r.task for r in stored] == ["ner/wide"]


@pytest.mark.parametrize("spec", ["brown:corpus=news,clusters=10", "word2vec:corpus=news"])
def test_a_corpus_trained_representation_is_not_built_at_planning(tmp_path, spec, monkeypatch):
    """A builder is not trained to plan: a Brown clustering's K picks prefix lengths (nothing to count), a
    word table covers at most the task's distinct words (4 here), so K = 5 is refused without building."""
    from wordeval.datasets.parsers_seq import read_conll
    from wordeval.datasets.types import Dataset
    from wordeval.errors import ConfigError
    from wordeval.extrinsic import tagging
    from wordeval.tasks.task import get_task

    folder = _task(tmp_path / "b", "narrow", WORDS[:4]).parent
    splits, extra = read_conll({s: folder / f"{s}.conll" for s in ("train", "dev", "test")}, scheme="IOB2")
    data = Dataset("narrow", "1", "ner", splits, {}, "memory", extra)
    spec_ = get_task("ner/conll2003").spec
    cfg = tagging.resolve_config({"learner": "crf", "clusters": 5})

    def build():
        raise AssertionError("built at planning")

    if spec.startswith("brown"):
        tagging.check_representation(spec_, data, cfg, spec, build)
    else:
        with pytest.raises(ConfigError, match="clusters = 5 needs at least 5 distinct words .* which have 4:"):
            tagging.check_representation(spec_, data, cfg, spec, build)
