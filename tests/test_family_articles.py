"""A family's name in an error, with its article: 'a sts task' and 'a ner task' were read as words, but STS,
NER, POS and QVEC are read letter by letter ('ess-tee-ess'), so 'an STS task', 'an NER task', 'a POS task'.
Oracle: the table below, written by hand for every family."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.tasks.families import FAMILIES

SAID = {"similarity": "a similarity", "analogy": "an analogy", "sts": "an STS", "pos": "a POS",
        "chunking": "a chunking", "ner": "an NER", "classification": "a classification", "qvec": "a QVEC",
        "qvec-cca": "a QVEC-CCA"}


def test_every_family_has_its_article():
    from wordeval.tasks.families import a_family

    assert set(SAID) == set(FAMILIES)
    assert {f: a_family(f) for f in FAMILIES} == SAID


def test_several_families_take_the_first_ones_article():
    from wordeval.tasks.families import a_family

    assert a_family("sts", "similarity") == "an STS or similarity"
    assert a_family("pos", "chunking", "ner") == "a POS, chunking or NER"


def test_a_spec_key_of_another_family_names_an_sts_task(tmp_path, capsys):
    (tmp_path / "s.tsv").write_text("A cat sat.\tA dog sat.\t4\nA man ran.\tA man walked.\t3\n",
                                    encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "sts"\nfine = false\n[files]\ntest = "s.tsv"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    assert capsys.readouterr().err.strip() == (f"wordeval: error: {spec}:3: expected fine only for a "
                                               "classification task (an STS task does not read it), got "
                                               "fine = False")


@pytest.mark.parametrize("task, said", [("sts/sts12", "an STS"), ("ner/conll2003", "an NER")])
def test_a_task_of_the_other_kind_is_named_with_its_article(capsys, task, said):
    command = "extrinsic" if said == "an STS" else "intrinsic"
    assert main(["--quiet", command, "glove-6b-50d", "--tasks", task]) == 2
    runs = "intrinsic" if command == "extrinsic" else "extrinsic"  # the hint names the command that runs it
    assert capsys.readouterr().err.strip() == (f"wordeval: error: {task} is {said} task, not an {command} "
                                               f"task: wordeval {runs} runs it (wordeval run runs both kinds)")
