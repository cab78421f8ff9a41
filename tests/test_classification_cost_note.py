"""A c_grid or cv_folds that multiplies the logistic-regression fits runs as asked, with one note saying how
many fits a seed that is (hand-counted: values x folds + the refit, x outer folds under cv10)."""
from __future__ import annotations

from wordeval.extrinsic.classification import resolve_config
from wordeval.option_effects import idle_options


def _notes(given):
    return idle_options("classification", given, resolve_config(given))


def test_a_huge_c_grid_is_noted_with_its_fit_count():
    grid = [float(c) for c in range(1, 1001)]
    assert _notes({"c_grid": grid}) == [
        "c_grid of 1000 values x cv_folds = 5 (+ the refit) is 5,001 logistic-regression fits a seed, 192 times "
        "the default's: expect that much longer"]  # 5,001 / 26
    assert _notes({"c_grid": grid, "protocol": "cv10"})[0].startswith(
        "c_grid of 1000 values x cv_folds = 5 (+ the refit, x cv_outer_folds = 10) is 50,010 ")


def test_under_protocol_dev_each_c_is_one_fit():
    """Protocol dev fits one model per C (no folds): the note counted values x cv_folds + 1."""
    grid = [float(c) for c in range(1, 1001)]
    assert _notes({"c_grid": grid, "protocol": "dev"}) == [
        "c_grid of 1,000 values is 1,000 logistic-regression fits a seed under protocol dev, 200 times the "
        "default's: expect that much longer"]  # the default grid's 5 values: 5 fits
    assert _notes({"c_grid": grid[:500], "protocol": "dev", "cv_folds": 10}) == []  # 500 fits


def test_ordinary_grids_and_the_defaults_say_nothing():
    assert _notes({}) == []
    assert _notes({"c_grid": [0.1, 1.0, 10.0], "cv_folds": 10}) == []  # 31 fits
    assert _notes({"c_grid": [float(c) for c in range(1, 100)]}) == []  # 496 fits, under MANY_FITS = 500
