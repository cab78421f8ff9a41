"""The README says README/LICENSE files in a BATS folder are listed as skipped; a README.txt beside the category
folders (where a downloaded archive keeps it) was skipped without being listed, only those inside a category
folder were."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff

CATEGORIES = ["1_Inflectional_morphology", "2_Derivational_morphology", "3_Encyclopedic_semantics",
              "4_Lexicographic_semantics"]


def _w(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("layout", ["bats", "own"])
def test_readme_beside_the_category_folders_is_listed(tmp_path, layout):
    root = tmp_path / "B"
    folders = CATEGORIES if layout == "bats" else ["animals", "verbs"]
    for folder in folders:
        (root / folder).mkdir(parents=True)
    _w(root / folders[0] / "plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(root / folders[1] / "LICENSE.txt", "CC BY\n")
    _w(root / "README.txt", "about the set\n")
    _w(root / "notes.md", "not a .txt file: not read, not listed\n")
    name, options, notes = sniff("analogy", {"test": root}, {})
    splits, extra = reader(name)({"test": root}, **options)
    assert len(splits["test"]) == 2
    assert sorted(extra["skipped_files"]) == sorted(["README.txt", f"{folders[1]}/LICENSE.txt"])
    skipped = [n for n in notes if n.startswith("B: 2 files skipped as not relation files")]
    assert len(skipped) == 1 and "README.txt" in skipped[0] and f"{folders[1]}/LICENSE.txt" in skipped[0]
