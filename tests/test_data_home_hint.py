"""Without a data home, the reason a dataset is skipped names the command line's option: it said "pass
data_home=", a Python keyword that no command has."""
from __future__ import annotations

import pytest

from wordeval.datasets.load import get_spec
from wordeval.datasets.sources import SourceUnavailable, locate_data_home


def test_no_data_home_names_the_option_the_keyword_and_the_variable():
    (source,) = [s for s in get_spec("rg65").sources if s.kind == "data_home"]
    with pytest.raises(SourceUnavailable) as err:
        locate_data_home(source, None)
    message = str(err.value)
    assert "--data-home DIR" in message and "data_home= in Python" in message and "WORDEVAL_DATA" in message
    assert "word-sim/faruqui/EN-RG-65.txt" in message


def test_bring_your_own_datasets_name_the_command_line_option():
    """CoNLL-2003 and CoNLL-2000 said "(or pass data_home=)" only."""
    from wordeval.datasets.load import all_specs

    own = [spec for spec in all_specs() if spec.bring_your_own]
    assert {"conll2003", "conll2000"} <= {spec.name for spec in own}
    for spec in own:
        if "data_home=" in spec.bring_your_own:
            assert "--data-home" in spec.bring_your_own, spec.name


@pytest.mark.parametrize("name", ["conll2003", "conll2000"])
def test_bring_your_own_advice_names_the_data_homes_in_use(tmp_path, monkeypatch, capsys, name):
    """It said "into $WORDEVAL_DATA/seq/..." to a user who had given --data-home DIR."""
    import json

    from wordeval.cli import main
    from wordeval.datasets.load import load
    from wordeval.errors import MissingFileError

    given, other, variable = tmp_path / "given", tmp_path / "other", tmp_path / "variable"
    for home in (given, other, variable):
        home.mkdir()
    monkeypatch.setenv("WORDEVAL_DATA", str(variable))
    with pytest.raises(MissingFileError) as err:
        load(name, data_home=given)
    assert str(err.value).endswith(f" into {given / 'seq' / name}/") and "WORDEVAL_DATA" not in str(err.value)
    with pytest.raises(MissingFileError) as err:  # WORDEVAL_DATA's home when none is given
        load(name)
    assert str(err.value).endswith(f" into {variable / 'seq' / name}/")
    with pytest.raises(MissingFileError) as err:  # the first home tried, and the others
        load(name, data_home=[given, other])
    assert str(err.value).endswith(f" into {given / 'seq' / name}/ (or the same place under another data "
                                   f"home in use: {other})")
    assert main(["datasets", "--data-home", str(given), "list", "--json"]) == 0
    [row] = [row for row in json.loads(capsys.readouterr().out) if row["name"] == name]
    assert row["why_not"].endswith(f" into {given / 'seq' / name}/")

    monkeypatch.delenv("WORDEVAL_DATA")
    with pytest.raises(MissingFileError) as err:  # none in use: both ways of giving one
        load(name)
    assert str(err.value).endswith(f" into DIR/seq/{name}/, DIR being a data home: give --data-home DIR "
                                   f"(data_home= in Python), or set WORDEVAL_DATA=DIR")
