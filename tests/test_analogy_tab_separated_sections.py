"""A tab-separated ``a b c d`` file with ``: section`` lines and a multiword item ('new york') in fewer than a
tenth of its lines was sniffed as Google's space-separated format, whose reader then refused the valid file
at that line ('expected 4 space-separated words, got 5'). It is read by its tabs, sections kept."""
from __future__ import annotations

from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

LINES = [": capitals"] + ["athens\tgreece\tparis\tfrance"] * 12 + [": states", "usa\twashington\tuk\tnew york"]


def test_multiword_item_in_a_tab_separated_file_with_sections(tmp_path):
    (tmp_path / "q.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (tmp_path / "q.toml").write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    ds = load(load_spec_file(tmp_path / "q.toml")[1])
    questions = ds.splits["test"]
    expected = [line.split("\t") for line in LINES if not line.startswith(":")]
    assert [[q.a, q.b, q.c, *q.answers] for q in questions] == expected
    assert [q.section for q in questions] == ["capitals"] * 12 + ["states"]


def test_comma_separated_items_with_sections_keep_no_comma(tmp_path):
    """'athens, greece, paris, france' under a ': section' line was taken for Google's space-separated words:
    'athens,' with its comma, every question silently out of vocabulary."""
    for delimiter in (",", ";"):
        lines = [": capitals", f"athens{delimiter} greece{delimiter} paris{delimiter} france",
                 f"berlin{delimiter} germany{delimiter} rome{delimiter} italy"]
        (tmp_path / "q.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / "q.toml").write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n',
                                         encoding="utf-8")
        questions = load(load_spec_file(tmp_path / "q.toml")[1]).splits["test"]
        expected = [[w.strip() for w in line.split(delimiter)] for line in lines[1:]]
        assert [[q.a, q.b, q.c, *q.answers] for q in questions] == expected
        assert {q.section for q in questions} == {"capitals"}
