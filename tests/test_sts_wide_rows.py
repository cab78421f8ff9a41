"""STS-B-style files (genre, file, year, id, score, sentence1, sentence2) whose rows sometimes carry extra
trailing source columns: a row past the sniffer's sample is read like one inside it. Oracle: the fields
taken by hand, as SentEval's STSBenchmark loader takes them (columns 5, 6 and 4)."""
from __future__ import annotations

import pytest

from wordeval.datasets.sniff import SAMPLE_LINES


def _write(folder, n_rows, wide_rows):
    lines = []
    for i in range(n_rows):
        extra = "\tsource-a\tsource-b" if i in wide_rows else ""
        lines.append(f"main-captions\tMSRvid\t2012test\t{i:04d}\t{(i * 7) % 51 / 10:.3f}\tA man number {i} "
                     f"plays.\tA person {i % 13} is playing.{extra}\n")
    (folder / "sts-train.csv").write_text("".join(lines), encoding="utf-8")
    (folder / "stsb.toml").write_text('name = "stsb"\nfamily = "sts"\n[files]\ntest = "sts-train.csv"\n')
    return [line.rstrip("\n").split("\t") for line in lines]


@pytest.mark.parametrize("wide_row", [10, SAMPLE_LINES + 50])
def test_extra_trailing_columns_are_read_inside_and_past_the_sample(tmp_path, wide_row):
    import wordeval
    rows = _write(tmp_path, SAMPLE_LINES + 100, {wide_row})
    items = list(wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == [(f[5], f[6], float(f[4])) for f in rows]


def test_a_short_row_past_the_sample_is_still_refused_at_its_line(tmp_path):
    import wordeval
    from wordeval.errors import WordevalError
    _write(tmp_path, SAMPLE_LINES + 100, set())
    path = tmp_path / "sts-train.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[SAMPLE_LINES + 20] = "main-captions\tMSRvid\t2012test\t9999\t2.5\tonly one sentence\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(WordevalError, match=f"sts-train.csv:{SAMPLE_LINES + 21}:"):
        wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset()
