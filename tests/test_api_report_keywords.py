"""write_report from Python: its keywords checked before the folder is made, and its refusals name the
keyword the caller gave (``out``), not the command's ``--out``. A refused output path said "--out R: ...", an
option a Python caller never wrote; force="no" counted as true and replaced a wordeval output of another kind;
a text argv was written as its characters, one per word of the report's command line."""
from __future__ import annotations

import pytest

from tests._records import cli_records
from wordeval.errors import ConfigError, OutputError
from wordeval.output_paths import write_marker
from wordeval.report.compare import compare
from wordeval.report.writer import write_report


@pytest.fixture(scope="module")
def comp():
    return compare(cli_records(n_sim=20, n_doc=20), n_boot=20)


def test_a_refused_out_names_the_keyword_and_the_cli_keeps_its_option(tmp_path, comp, capsys):
    from tests._records import small_store
    from wordeval.cli import main

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        write_report(comp, foreign, figures=False)
    assert str(err.value).startswith(f"out {foreign}: exists and holds files wordeval did not"), err.value
    with pytest.raises(ConfigError, match=r"^out: expected a path \(a str or os.PathLike\), got int 5$"):
        write_report(comp, 5, figures=False)
    assert main(["-q", "report", str(small_store(tmp_path / "R")), "--out", str(foreign)]) == 2
    assert capsys.readouterr().err.startswith(f"wordeval: error: --out {foreign}: exists and holds files")
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"force": "no"}, "force", "str 'no'"),
    ({"figures": 0}, "figures", "int 0"),
    ({"progress": "no"}, "progress", "str 'no'"),
    ({"argv": "wordeval report R"}, "argv", "str 'wordeval report R'"),
    ({"argv": ["wordeval", 5]}, "argv", "list ['wordeval', 5]"),
    ({"argv": 5}, "argv", "int 5"),  # "'int' object is not iterable", after the figures were drawn
])
def test_wrong_keywords_are_refused_before_anything_is_written(tmp_path, comp, kwargs, keyword, got):
    store = tmp_path / "S"  # a wordeval output of another kind, which force="no" replaced
    store.mkdir()
    write_marker(store, "store")
    with pytest.raises(ConfigError) as err:
        write_report(comp, store, **kwargs)
    text = str(err.value)
    assert text.startswith(f"{keyword}: expected ") and text.endswith(f"got {got}") and "\n" not in text, text
    assert [p.name for p in store.iterdir()] == [".wordeval-output"]


def test_a_comparison_is_required(tmp_path):
    with pytest.raises(ConfigError, match=r"^comp: expected a Comparison .*, got NoneType None$"):
        write_report(None, tmp_path / "rep")  # 'NoneType' object has no attribute 'parameters'
    assert not (tmp_path / "rep").exists()
