"""An NER test file whose entity types train never has (train B-person/I-person, test B-PER/I-PER) passed the
tags' check because both have O, and was read with a warning only: every test entity a miss for any tagger,
F1 0 whatever was compared. The chunk types (tags without their prefix, O left out) are compared now and a
test file sharing none is refused at load, naming both sets; one sharing a type still reads with the
warning (a regression pin: partial overlap was a warning before too)."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file


def _spec(folder, train_types, test_types, scheme="IOB2"):
    def lines(types, word):
        out = []
        for i, t in enumerate(types * 10):
            if scheme == "IOBES":
                out.append(f"{word}{i} B-{t}\nSmith E-{t}\nran O\nto O\nRome S-{t}\n")
            else:
                first = "I" if scheme == "IOB1" else "B"
                out.append(f"{word}{i} {first}-{t}\nSmith I-{t}\nran O\n")
        return "\n".join(out)

    (folder / "train.conll").write_text("-DOCSTART- -X-\n\n" + lines(train_types, "John"), encoding="utf-8")
    (folder / "test.conll").write_text(lines(test_types, "Bob"), encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\nscheme = "{scheme}"\n[files]\ntrain = "train.conll"\n'
                    'test = "test.conll"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("scheme", ["IOB1", "IOB2", "IOBES"])
def test_test_types_none_of_which_train_has_are_refused(tmp_path, capsys, scheme):
    spec = _spec(tmp_path, ["person", "location"], ["PER", "LOC"], scheme)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"wordeval: error: {tmp_path / 'test.conll'}: expected chunk types in 'test' that "
                          "train has too, got none: test has 'LOC', 'PER', train 'location', 'person' (tags "
                          "without their B-/I-/E-/S- prefix; chunk F1 is 0 for any tagger, every test chunk "
                          "missed"), err


def test_test_sharing_one_type_reads_with_the_warning(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, ["person", "location"], ["person", "LOC"]))[1])
    assert {t for s in ds.splits["test"] for t in s.tags} == {"B-person", "I-person", "B-LOC", "I-LOC", "O"}
    assert any(w.startswith("test: 2 tag(s) never seen in train ('B-LOC', 'I-LOC')")
               for w in ds.metadata["warnings"])
