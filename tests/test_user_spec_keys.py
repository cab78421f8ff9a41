"""User spec keys that were accepted and then ignored: a family's own keys given to another family, and
``score_scale`` (never checked, neither its type nor the data against it). Each must now be a one-line error
naming the spec's line (or the data file), exit 2, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest

from wordeval.cli import main

PAIRS = "old\tnew\t1.58\nsmart\tintelligent\t9.2\nhard\tdifficult\t8.77\nhappy\tcheerful\t9.55\n"


def _spec(tmp_path: Path, extra: str, family: str = "similarity", data: str = PAIRS) -> Path:
    (tmp_path / "pairs.txt").write_text(data, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "{family}"\n{extra}\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    return spec


def _check(spec: Path, capsys) -> tuple[int, str]:
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    return rc, err


@pytest.mark.parametrize("line", ['scheme = "IOB2"', 'labels = ["a", "b"]', 'fine = false', 'subset = "news"',
                                  '[label_map]\n"0" = "negative"'])
def test_key_of_another_family_is_an_error_at_its_line(tmp_path, capsys, line):
    spec = _spec(tmp_path, line)
    rc, err = _check(spec, capsys)
    key = line.strip("[").split()[0].rstrip("]")
    assert rc == 2 and len(err.splitlines()) == 1
    assert f"{spec}:3:" in err and key in err and "similarity task does not read it" in err


@pytest.mark.parametrize("value", ['"1-7"', "[7, 1]", "[1]", "[true, 7]", "[0, inf]", "[-inf, 10]", "[0, nan]"])
def test_score_scale_of_wrong_type_is_an_error_at_its_line(tmp_path, capsys, value):
    spec = _spec(tmp_path, f"score_scale = {value}")
    rc, err = _check(spec, capsys)
    assert rc == 2 and f"{spec}:3:" in err and "score_scale = [lowest, highest]" in err


def test_scores_outside_the_declared_scale_are_refused(tmp_path, capsys):
    # 0-10 SimLex scores declared as a 1-7 scale (the score column or the scale is wrong)
    spec = _spec(tmp_path, "score_scale = [1, 7]")
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert str(tmp_path / "pairs.txt") in err and f"{spec}:3" in err and "9.2" in err


def test_score_outside_the_scale_names_its_data_line(tmp_path, capsys):
    """The error named the file but not the line: with a header, a comment and a blank line before it, the
    offending pair is on line 5 of the file (the 2nd pair)."""
    data = "word1\tword2\tscore\r\n# rated 1-7\r\n\r\nold\tnew\t1.58\r\nsmart\tintelligent\t9.2\r\n" \
           "hard\tdifficult\t6.77\r\n"
    spec = _spec(tmp_path, "score_scale = [1, 7]", data=data)
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"wordeval: error: {tmp_path / 'pairs.txt'}:5: ") and "got 9.2 for 'smart'" in err


def test_sts_score_outside_the_scale_names_its_data_line(tmp_path, capsys):
    """As for word pairs: an STS file's out-of-scale score was reported without its line (the 3rd pair is on
    line 4, after the header)."""
    data = "s1\ts2\tscore\nA man plays.\tA man is playing.\t4.5\nA cat.\tA dog.\t1\nA car.\tA bus.\t-1\n"
    spec = _spec(tmp_path, "score_scale = [0, 5]", family="sts", data=data)
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"wordeval: error: {tmp_path / 'pairs.txt'}:4: ") and "got -1 for 'A car.'" in err, err


def test_scores_inside_the_declared_scale_load(tmp_path, capsys):
    spec = _spec(tmp_path, "score_scale = [0, 10]")
    rc, _ = _check(spec, capsys)
    assert rc == 0


def test_header_on_a_tagging_task_is_an_error_at_its_line(tmp_path, capsys):
    conll = "John B-PER\nwent O\n\nMary B-PER\nsaid O\n"
    for split in ("train", "test"):
        (tmp_path / f"{split}.txt").write_text(conll, encoding="utf-8")
    spec = tmp_path / "n.toml"
    spec.write_text('name = "n"\nfamily = "ner"\nheader = true\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and f"{spec}:3:" in err and "(an NER task does not read it)" in err


@pytest.mark.parametrize("fmt, said", [("bogus", "unknown reader 'bogus'"), ("conll", "does not read similarity")])
def test_format_the_family_cannot_read_names_the_spec_line(tmp_path, capsys, fmt, said):
    spec = _spec(tmp_path, f'format = "{fmt}"')
    rc, err = _check(spec, capsys)
    assert rc == 2 and err.startswith(f"wordeval: error: {spec}:3:") and said in err


RAGGED = "squishing\tsquirt\t5.88\t7\t7\t6\nundated\tundatable\t5.83\t10\t9\t6\ncircumvents\tbeat\t5.33\t7\t7\n"


def test_negative_column_on_ragged_lines_names_the_line_that_differs(tmp_path, capsys):
    """RW's rows carry different numbers of single ratings: a column counted from the end is not one column.
    It was resolved against the commonest width, and the reader then refused line 3 with 'expected 6
    tab-separated columns, got 5', a count the user never gave."""
    spec = _spec(tmp_path, "columns = {word1 = 0, word2 = 1, score = -1}", data=RAGGED)
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert f"{spec}:3:" in err and f"{tmp_path / 'pairs.txt'}:3: columns.score = -1 counts from the end" in err
    assert "line 3 has 5 columns and line 1 has 6" in err


def test_negative_column_on_even_lines_reads_the_last_column(tmp_path):
    from wordeval.tasks.task import get_task

    data = "".join(f"{line}\t{i}\n" for i, line in enumerate(PAIRS.splitlines()))
    spec = _spec(tmp_path, "columns = {word1 = 0, word2 = 1, score = -1}", data=data)
    items = get_task(str(spec)).load_dataset().items("test")
    assert [(p.word1, p.score) for p in items] == [("old", 0.0), ("smart", 1.0), ("hard", 2.0), ("happy", 3.0)]


@pytest.mark.parametrize("value", ['"@article{smith2020, title = {Pairs {and things}, author = {Smith}}"',
                                   '"@article{smith2020 title = {Pairs}}"', '"@misc{x, note = {a}}} extra"'])
def test_a_broken_bibtex_citation_is_an_error_at_its_line(tmp_path, capsys, value):
    """Written as is into references.bib, an unbalanced brace swallowed every entry after it."""
    spec = _spec(tmp_path, f"citation = {value}")
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and f"{spec}:3:" in err and "balanced braces" in err


@pytest.mark.parametrize("value", ['"@article{smith2020, title = {Pairs {and} things}, note = {50\\\\% \\\\{ off}}"',
                                   '"Smith et al. 2020, Pairs & things"'])
def test_a_wellformed_or_plain_text_citation_loads(tmp_path, capsys, value):
    rc, err = _check(_spec(tmp_path, f"citation = {value}"), capsys)
    assert rc == 0, err


@pytest.mark.parametrize("family, files, said", [
    ("similarity", 'test = "."', "a similarity"), ("ner", 'train = "t.toml"\ntest = "sub"', "an NER"),
    ("sts", 'test = "sub"', "an STS")])  # read letter by letter: en-ee-ar, ess-tee-ess
def test_a_folder_for_a_family_that_reads_a_file_names_the_spec_line_and_key(tmp_path, capsys, family, files,
                                                                            said):
    """It was "DIR: is a directory, expected a file", naming neither the spec, its line nor the key; [counts]
    has a test key too, before [files], and is not the line named."""
    (tmp_path / "sub").mkdir()
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "{family}"\n[counts]\ntest = 4\n[files]\n{files}\n', encoding="utf-8")
    key = files.splitlines()[-1].split()[0]
    lineno = 5 + len(files.splitlines())
    folder = tmp_path / "sub" if "sub" in files else tmp_path
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"wordeval: error: {spec}:{lineno}: files.{key}: ")
    assert f"{folder} is a folder, and {said} task reads a file" in err
    out = tmp_path / "out"
    assert main(["-q", "run", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)]) == 2
    assert f"{spec}:{lineno}: files.{key}" in capsys.readouterr().err and not out.exists()


def test_a_missing_data_file_names_the_spec_line_and_key(tmp_path, capsys):
    """It named the spec ("file 'train' of SPEC not found") but not its line; a class file is named by its key
    in [classes.train]."""
    spec = _spec(tmp_path, "")
    spec.write_text(spec.read_text().replace('"pairs.txt"', '"nothere.txt"'), encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == f"wordeval: error: {spec}:5: files.test: file not found ({tmp_path / 'nothere.txt'})"
    (tmp_path / "pos.txt").write_text("good\n", encoding="utf-8")
    spec.write_text('name = "t"\nfamily = "classification"\n[classes.train]\npos = "pos.txt"\n\nneg = "neg.txt"\n'
                    '[classes.test]\npos = "pos.txt"\nneg = "pos.txt"\n', encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == f"wordeval: error: {spec}:6: classes.train.neg: file not found ({tmp_path / 'neg.txt'})"


@pytest.mark.parametrize("extra, key, why", [
    ("dev_fraction = 0.2", "dev_fraction", "a similarity task trains nothing"),
    ("split_seed = 3", "split_seed", "a similarity task trains nothing")])
def test_dev_split_keys_on_an_intrinsic_task_are_an_error_at_their_line(tmp_path, capsys, extra, key, why):
    """No dev split is carved for a task that trains nothing: the key was accepted unchecked and ignored."""
    spec = _spec(tmp_path, extra)
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:3: expected {key} only for a POS, chunking or NER "
                               f"task without a dev file ({why}), got {extra}")


def test_dev_split_keys_beside_a_dev_file_are_an_error_at_their_line(tmp_path, capsys):
    """A tagger with a dev file stops on that file: dev_fraction = 0.2 (meant to hold out 20 % of train) was
    accepted and ignored, so the run used another split than the spec asked for, without a word."""
    conll = "John B-PER\nwent O\n\nMary B-PER\nsaid O\n"
    for split in ("train", "dev", "test"):
        (tmp_path / f"{split}.txt").write_text(conll, encoding="utf-8")
    spec = tmp_path / "n.toml"
    spec.write_text('name = "n"\nfamily = "ner"\ndev_fraction = 0.2\n[files]\ntrain = "train.txt"\n'
                    'dev = "dev.txt"\ntest = "test.txt"\n', encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:3: expected dev_fraction only for a POS, chunking "
                               "or NER task without a dev file (an NER task with a dev file uses that file), "
                               "got dev_fraction = 0.2")
    out = tmp_path / "out"
    assert main(["-q", "run", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)]) == 2
    assert f"{spec}:3: expected dev_fraction" in capsys.readouterr().err and not out.exists()


def test_classes_table_on_another_family_is_an_error_at_its_line(tmp_path, capsys):
    """[classes] is classification's one file per class: a similarity task read its one class file as the split
    'all/LABEL' and scored it, the label ignored."""
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n[classes]\npairs = "pairs.txt"\n', encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:3: expected [files] for a similarity task ([classes] label "
                               f"= file is for a classification task), got [classes]")


def test_two_specs_declaring_one_name_are_both_named(tmp_path, capsys):
    """'task similarity/t is asked for twice' named neither spec file: with several --tasks the user had to
    find which two declare the name."""
    specs = []
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        specs.append(_spec(tmp_path / sub, ""))
    out = tmp_path / "out"
    assert main(["-q", "run", "glove-6b-50d", "--tasks", *map(str, specs), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: task 'similarity/t' is asked for twice: {specs[0]}:1 and {specs[1]}:1 both "
                   f"declare it (give one spec another name)\n") and not out.exists()
    specs[1].write_text(specs[1].read_text().replace('name = "t"', '\nname = "ws353"'), encoding="utf-8")
    # a spec may not take a built-in task's name at all (tests/test_spec_builtin_name.py)
    assert main(["-q", "run", "glove-6b-50d", "--tasks", str(specs[1]), "similarity/ws353", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {specs[1]}:2: expected name = one no built-in task has") \
        and not out.exists()


@pytest.mark.parametrize("pin, line", [('sha256 = {{test = "{d}"}}\n[files]\ntest = "pairs.txt"\n', 3),
                                       ('[files]\ntest = "pairs.txt"\n[sha256]\n\ntest = "{d}"\n', 7)])
def test_a_pinned_sha256_the_file_does_not_match_names_the_spec_line_that_pins_it(tmp_path, capsys, pin, line):
    """The line named the data file alone: the user was not told which spec expected another digest, nor
    where."""
    import hashlib

    data = tmp_path / "pairs.txt"
    data.write_text(PAIRS, encoding="utf-8")
    want = "0" * 64
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n' + pin.format(d=want), encoding="utf-8")
    rc, err = _check(spec, capsys)
    got = hashlib.sha256(PAIRS.encode()).hexdigest()
    assert rc == 2 and err == (f"wordeval: error: {spec}:{line}: {data}: sha256 {got} differs from the expected "
                               f"{want} (a different version or a modified copy of {data})")


def test_dataset_of_another_family_is_an_error_at_its_line(tmp_path, capsys):
    """`dataset = "conll2003"` in a similarity spec passed `datasets check` ("ok", listing NER tags) and the run
    ended in a traceback (AttributeError: 'TaggedSentence' object has no attribute 'word1')."""
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n\ndataset = "conll2003"\n', encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:4: expected dataset = the name of similarity data (a "
                               f"similarity task reads it), got 'conll2003', ner data")
    out = tmp_path / "out"
    assert main(["-q", "run", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)]) == 2
    assert capsys.readouterr().err == err + "\n" and not out.exists()
    from wordeval.tasks.task import get_task  # QVEC-CCA reads QVEC's oracle, as the built-in tasks do
    spec.write_text('name = "t"\nfamily = "qvec-cca"\ndataset = "qvec-supersenses"\n', encoding="utf-8")
    assert get_task(str(spec)).dataset_spec.name == "qvec-supersenses"


def test_a_counts_key_that_names_no_split_is_an_error_at_its_line(tmp_path, capsys):
    """counts = {tset = 4} was told 'expected 4 items in split 'tset' ..., got 0 (truncated or different file?)',
    naming the data file as the culprit."""
    spec = _spec(tmp_path, "[counts]\ntest = 4\ntset = 4")
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:5: expected counts keys among the splits of t (test), got "
                               f"'tset' (did you mean 'test'?)")


def test_the_declared_scale_is_in_the_record_and_in_datasets_check(tmp_path, capsys):
    """score_scale was checked against the data but written nowhere: the record held the spec's sha256 only, so
    a reader of results.json could not tell the scale the ratings were on. It is now the record's
    dataset.score_scale and a line of datasets check; a spec without it has neither."""
    import json

    import numpy as np

    import wordeval
    from wordeval.results.record import ResultRecord

    rng = np.random.default_rng(0)
    table = {w: rng.standard_normal(4).astype(np.float32) for line in PAIRS.splitlines() for w in line.split()[:2]}
    spec = _spec(tmp_path, "score_scale = [0, 10]")
    rec = wordeval.evaluate(table, str(spec), name="v")
    assert ResultRecord.from_dict(json.loads(rec.to_json())).dataset["score_scale"] == [0, 10]
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert "  score scale: [0, 10]\n" in capsys.readouterr().out
    plain = _spec(tmp_path, "")
    assert "score_scale" not in wordeval.evaluate(table, str(plain), name="v").dataset
    assert main(["--quiet", "datasets", "check", str(plain)]) == 0
    assert "score scale" not in capsys.readouterr().out


@pytest.mark.parametrize("extra, files, expected", [
    ('main_score = "f1"', 'test = "q.txt"', "expected main_score one of accuracy for an analogy task (a score"),
    ("", 'test = "q.txt"\ndev = "q.txt"', "expected one file for an analogy task ([files] test = ...; it is the "
                                          "one scored, an analogy task trains nothing), got dev, test"),
    ('dataset = "simlex999"', "", "expected dataset = the name of analogy data (an analogy task reads it), got "
                                  "'simlex999', similarity data"),
])
def test_an_analogy_spec_error_reads_an_analogy_task(tmp_path, capsys, extra, files, expected):
    """The spec errors wrote 'a {family} task': 'for a analogy task', 'a analogy task trains nothing'."""
    (tmp_path / "q.txt").write_text("athens greece berlin germany\nparis france rome italy\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "analogy"\n{extra}\n' + (f"[files]\n{files}\n" if files else ""),
                    encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and f"{spec}:" in err and expected in err, err
    assert "a analogy" not in err
