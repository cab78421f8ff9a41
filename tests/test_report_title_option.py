"""An empty or blank report title was accepted: report.md began with "# ", report.html had an empty <title>
and <h1>, report.tex \\title{}. It is now a one-line error (exit 2) before anything is written, from the CLI and
from write_report."""
from __future__ import annotations

import pytest

from tests._records import small_store
from wordeval.cli import main
from wordeval.errors import ConfigError


@pytest.mark.parametrize("title", ["", "   "])
def test_blank_title_is_refused_before_anything_is_written(tmp_path, capsys, title):
    store = small_store(tmp_path / "R")
    rc = main(["-q", "report", str(store), "--out", str(tmp_path / "rep"), "--title", title])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"wordeval: error: argument --title: --title={title!r}: expected a non-empty string")
    assert not (tmp_path / "rep").exists()


def test_write_report_refuses_a_blank_title(tmp_path):
    from tests._records import cli_records
    from wordeval.report.compare import compare
    from wordeval.report.writer import write_report

    with pytest.raises(ConfigError, match="title='': expected a non-empty string"):
        write_report(compare(cli_records(n_sim=20, n_doc=20), n_boot=20), tmp_path / "rep", title="")
    assert not (tmp_path / "rep").exists()
