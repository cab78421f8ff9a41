"""README's similarity example said multiword terms may be "joined by '_' or spaces" without saying that this
holds for phrases = "average" only: under the default "whole" a term is looked up as written, so "new york"
never finds a word2vec phrase vocabulary's "new_york". README now says so; the behaviour it states is checked
here against hand-counted coverage (2 of 3 pairs under "whole", 3 of 3 under "average")."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

README = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())


def _table():
    rng = np.random.default_rng(0)
    return {w: rng.standard_normal(8).astype(np.float32) for w in ("new_york", "new", "york", "paris", "city", "town")}


def _spec(tmp_path, phrases):
    (tmp_path / "p.tsv").write_text("new york\tparis\t7\nnew_york\tcity\t8\ncity\ttown\t6\n", encoding="utf-8")
    (tmp_path / f"{phrases}.toml").write_text(f'name = "p"\nfamily = "similarity"\nphrases = "{phrases}"\n'
                                              '[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return str(tmp_path / f"{phrases}.toml")


@pytest.mark.parametrize("phrases, covered", [("whole", 2), ("average", 3)])
def test_a_space_joined_term_finds_the_underscore_token_only_when_averaged(tmp_path, phrases, covered):
    import wordeval

    rec = wordeval.evaluate(_table(), _spec(tmp_path, phrases), name="v")
    assert rec.n_used == covered
    # "new_york" itself: one token under "whole", the mean of "new" and "york" under "average"
    assert (0 in rec.per_item["id"]) == (phrases == "average")


def test_readme_says_whole_looks_the_term_up_as_written():
    # the README example's comment runs over two lines, the second starting with '#'
    assert '"whole" (default: the term as written is one token: "new york" does not find a # vocabulary\'s ' \
           'new_york; write it new_york)' in README
    assert "under phrases = \"average\" a multiword term's parts (joined by '_' or spaces) are averaged" in README
    assert "multiword terms joined by '_' or spaces, averaged part vectors" not in README
