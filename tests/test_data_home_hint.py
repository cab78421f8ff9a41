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
