"""An empty STORE (`wordeval status "$STORE"` with STORE unset) was read as the current folder: in a folder
holding a store, `status ''`, `compare ''`, `cite ''` and `report ''` reported that store as if it had been
named. Like an empty --out or --data-home, it is now one line, exit 2."""
from __future__ import annotations

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.results.store import load_records


@pytest.mark.parametrize("argv", [["status", ""], ["compare", ""], ["cite", ""], ["report", "", "--out", "{tmp}/rep"],
                                  ["compare", "R", " "]])
def test_an_empty_store_path_is_refused_in_a_store_folder(tmp_path, capsys, monkeypatch, argv):
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R"
    assert main(["-q", "run", str(vectors), "--tasks", str(spec), "--out", str(store)]) == 0
    monkeypatch.chdir(store if argv[1] == "" else tmp_path)
    capsys.readouterr()
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    assert capsys.readouterr().err == ("wordeval: error: result store: an empty path, expected a store folder or "
                                       "its .sqlite file (an empty value is not the current folder)\n")
    assert not (tmp_path / "rep").exists() and not (store / "rep").exists()


def test_the_python_api_refuses_it_too():
    with pytest.raises(ConfigError, match="an empty path"):
        load_records([""])
