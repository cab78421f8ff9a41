"""Users' similarity files with one pair carrying an extra trailing column. RW's rows are ragged (7 to 10
single ratings after the mean) and valid, read with the score in the column after the words; a line with an
extra column was read the same way inside the sniffer's 5,000-line sample but refused past it. Oracle: the
fields taken by hand (word1, word2, score = columns 0, 1, 2), wherever the wide line stands."""
from __future__ import annotations

import pytest

from wordeval.datasets.sniff import SAMPLE_LINES


def _write(folder, sep, wide_line, n_lines=SAMPLE_LINES + 1000):
    rows = [[f"w{i}", f"v{i}", f"{(i * 7) % 100 / 10:.1f}"] for i in range(n_lines)]
    rows[wide_line - 1].append("3")
    (folder / "pairs.txt").write_text("".join(sep.join(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "p.toml").write_text('name = "p"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n')
    return rows


@pytest.mark.parametrize("sep", ["\t", ","])
@pytest.mark.parametrize("wide_line", [10, 6000])
def test_an_extra_column_is_read_alike_inside_and_past_the_sample(tmp_path, sep, wide_line):
    import wordeval
    rows = _write(tmp_path, sep, wide_line)
    items = list(wordeval.get_task(str(tmp_path / "p.toml")).load_dataset().items("test"))
    assert [(p.word1, p.word2, p.score) for p in items] == [(r[0], r[1], float(r[2])) for r in rows]


@pytest.mark.parametrize("wide_line", [10, 6000])
def test_space_separated_an_extra_field_is_refused_at_its_line_wherever_it_is(tmp_path, wide_line):
    """Spaces also split multiword items: a wider line is refused, inside the sample as past it."""
    import wordeval
    from wordeval.errors import WordevalError
    _write(tmp_path, " ", wide_line)
    with pytest.raises(WordevalError, match=f"pairs.txt:{wide_line}: "):
        wordeval.get_task(str(tmp_path / "p.toml")).load_dataset()
