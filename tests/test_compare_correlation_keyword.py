"""wordeval.compare takes the CLI flag's name, ``correlation``, as well as ``method`` (the same setting)."""
from __future__ import annotations

import pytest

import wordeval
from tests._records import toy_records
from wordeval.errors import ConfigError


def test_correlation_keyword_is_the_method_keyword():
    records = toy_records(n_sim=40, n_pos=30)
    by_alias = wordeval.compare(records, n_boot=10, correlation="kendall")
    by_method = wordeval.compare(records, n_boot=10, method="kendall")
    assert by_alias.correlation["method"] == by_method.correlation["method"] == "kendall"
    assert repr(by_alias.correlation) == repr(by_method.correlation)
    assert wordeval.compare(records, n_boot=10).correlation["method"] == "spearman"
    assert wordeval.compare(records, n_boot=10, method="pearson",
                            correlation="pearson").correlation["method"] == "pearson"


def test_method_and_correlation_that_differ_are_refused_naming_both():
    with pytest.raises(ConfigError, match=r"method='pearson' and correlation='kendall'.*give one"):
        wordeval.compare(toy_records(n_sim=40, n_pos=30), n_boot=10, method="pearson", correlation="kendall")
