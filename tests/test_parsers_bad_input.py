"""Bad input: missing file, checksum mismatch, truncated file, wrong column count, bad encoding. Each is a
WordevalError with one line naming file:line; the CLI exits 2 without a traceback."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from wordeval.datasets import load
from wordeval.datasets.parsers_analogy import parse_bats_file, parse_google, parse_msr_csv
from wordeval.datasets.parsers_pairs import parse_pairs
from wordeval.datasets.parsers_seq import parse_conll_columns, parse_conllu, parse_word_tag_lines
from wordeval.datasets.parsers_text import parse_sst, parse_trec
from wordeval.errors import ChecksumError, InputFormatError, MissingFileError


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pairs_quirks_crlf_header_comments_no_final_newline(tmp_path):
    p = _write(tmp_path, "a.csv", b"Word 1,Word 2,Human (mean)\r\nlove,sex,6.77\r\ntiger,cat,7.35")
    assert [(x.word1, x.score) for x in parse_pairs(p, sep="comma", header="Word 1")] == [("love", 6.77), ("tiger", 7.35)]
    g = _write(tmp_path, "g.tsv", b"# comment\n# Word 1\tWord 2\nlove\tsex\t6.77\n")
    assert len(parse_pairs(g, comment="#")) == 1


@pytest.mark.parametrize("data,line,expected", [
    (b"a\tb\t1\nc\td\n", 2, "3 tab-separated columns"),
    (b"a\tb\t1\nc\td\tx\n", 2, "a similarity score"),
    (b"a\tb\t1\nc\td\tnan\n", 2, "a finite"),
    (b"a\tb\t1\n\xe9t\xe9\td\t2\n", 2, "utf-8 text"),
])
def test_pairs_errors_name_file_and_line(tmp_path, data, line, expected):
    p = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputFormatError) as err:
        parse_pairs(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}:{line}: expected") and expected in msg and "\n" not in msg


def test_wrong_header_is_not_silently_eaten(tmp_path):
    p = _write(tmp_path, "a.csv", b"love,sex,6.77\n")
    with pytest.raises(InputFormatError, match=r":1: expected a header line"):
        parse_pairs(p, sep="comma", header="Word 1")


def test_analogy_errors(tmp_path):
    with pytest.raises(InputFormatError, match=r"q.txt:1: expected a ': section' line"):
        parse_google(_write(tmp_path, "q.txt", b"a b c d\n"))
    with pytest.raises(InputFormatError, match=r"q2.txt:2: expected 4 space-separated words, got 3"):
        parse_google(_write(tmp_path, "q2.txt", b": s\na b c\n"))
    with pytest.raises(InputFormatError, match=r"m.csv:2: expected 6 comma-separated columns"):
        parse_msr_csv(_write(tmp_path, "m.csv", b",type,word1,word2,word3,target\n0,JJ,a,b,c\n"))
    bats = parse_bats_file(_write(tmp_path, "b.txt", b"cat\tcats\nmouse mice/mouses\r\nox\toxen"))
    assert bats == [("cat", ("cats",)), ("mouse", ("mice", "mouses")), ("ox", ("oxen",))]
    with pytest.raises(InputFormatError, match=r"b2.txt:1: expected a word and its targets"):
        parse_bats_file(_write(tmp_path, "b2.txt", b"a b c\n"))


def test_sequence_formats_and_errors(tmp_path):
    conll = _write(tmp_path, "c.txt", b"EU NNP I-NP I-ORG\n\n-DOCSTART- -X- O O\nPeter NNP I-NP I-PER\n"
                                      b"-DOCSTART- -X- O O\nx NN I-NP O\n")
    sents = parse_conll_columns(conll, n_columns=4, tag_column=3)
    assert [s.tags for s in sents] == [("I-ORG",), ("I-PER",), ("O",)]  # DOCSTART ends a sentence anywhere
    with pytest.raises(InputFormatError, match=r"c2.txt:2: expected 4 space-separated columns, got 3"):
        parse_conll_columns(_write(tmp_path, "c2.txt", b"EU NNP I-NP I-ORG\nx NN O\n"), n_columns=4, tag_column=3)
    conllu = _write(tmp_path, "u.conllu", (
        "# sent_id = 1\n# text = don't\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
        "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n2.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:x\t_\n\n").encode())
    [s] = parse_conllu(conllu)
    assert s.tokens == ("do", "n't") and s.tags == ("AUX", "PART")
    with pytest.raises(InputFormatError, match=r"u2.conllu:1: expected 10 tab-separated CoNLL-U columns, got 3"):
        parse_conllu(_write(tmp_path, "u2.conllu", b"1\tdo\tdo\n"))
    assert parse_word_tag_lines(_write(tmp_path, "w.txt", b"1/2/CD cups/NNS\n"))[0].tokens == ("1/2", "cups")
    with pytest.raises(InputFormatError, match=r"w2.txt:1: expected word/TAG tokens"):
        parse_word_tag_lines(_write(tmp_path, "w2.txt", b"cups NNS\n"))


def test_classification_errors(tmp_path):
    with pytest.raises(InputFormatError, match=r"s.txt:1: expected a label in"):
        parse_sst(_write(tmp_path, "s.txt", b"7 great film\n"), layout="label_space_text", labels=list("01234"))
    with pytest.raises(InputFormatError, match=r"t.txt:2: expected latin-1|t.txt:2: expected 'COARSE:fine"):
        parse_trec(_write(tmp_path, "t.txt", b"DESC:def What is x ?\nnolabel here\n"), fine=True)
    with pytest.raises(InputFormatError, match=r"t2.txt:1: expected utf-8 text"):
        parse_trec(_write(tmp_path, "t2.txt", b"DESC:def Qu'est-ce \xe9 ?\n"), fine=True)


@pytest.fixture
def fake_home(tmp_path, shared_data):
    """A data home holding copies of two original files, so the tests can damage them."""
    for rel in ("word-sim/faruqui/EN-MC-30.txt", "seq/conll2003/eng.testb"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_data / rel, tmp_path / rel)
    return tmp_path


def test_checksum_mismatch_in_the_data_home_is_an_error_not_a_fallthrough(fake_home):
    path = fake_home / "word-sim/faruqui/EN-MC-30.txt"
    path.write_bytes(path.read_bytes().replace(b"3.92", b"3.93"))
    with pytest.raises(ChecksumError) as err:
        load("mc30", data_home=fake_home, allow_download=False)
    assert str(path) in str(err.value) and "33ee0591" in str(err.value)


def test_truncated_file_fails_on_checksum_and_on_count(fake_home, tmp_path):
    from wordeval.datasets.load import get_spec, parse_source
    from dataclasses import replace
    path = fake_home / "word-sim/faruqui/EN-MC-30.txt"
    path.write_bytes(b"\n".join(path.read_bytes().splitlines()[:20]))
    with pytest.raises(ChecksumError):
        load("mc30", data_home=fake_home, allow_download=False)
    spec = get_spec("mc30")
    unpinned = replace(spec.sources[0], files={"pairs": replace(spec.sources[0].files["pairs"], sha256=None)})
    with pytest.raises(InputFormatError, match=r"expected 30 items in split 'test' of mc30, got 20"):
        parse_source(spec, unpinned, {"pairs": path})


def test_a_count_that_does_not_match_names_its_splits_file_and_the_spec_line(tmp_path):
    """A short test file was reported as the train file ("train.conll: expected 3 items in split 'test'"), and
    the spec line that declared the count was not named."""
    from wordeval.tasks.task import get_task

    (tmp_path / "train.conll").write_text("EU B-ORG\nrejects O\n\nPeter B-PER\n\nParis B-LOC\n\nBonn B-LOC\n")
    (tmp_path / "test.conll").write_text("Peter B-PER\nsaid O\n\nParis B-LOC\n")
    spec = tmp_path / "toy.toml"
    spec.write_text('name = "toy"\nfamily = "ner"\ndev_fraction = 0.25\ncounts = {train = 3, dev = 1, test = 3}\n'
                    '[files]\ntrain = "train.conll"\ntest = "test.conll"\n')
    with pytest.raises(InputFormatError) as err:
        get_task(str(spec)).load_dataset()
    assert str(err.value) == (f"{tmp_path / 'test.conll'}: expected 3 items in split 'test' of toy ({spec}:4), "
                              f"got 2 (truncated or different file?)")


@pytest.mark.parametrize("columns, says", [
    ("{word1 = 0, word2 = 1, score = 7}", "columns.score = 7, but the lines have 3 columns"),
    ('{word1 = 0, word2 = 1, score = "mean"}', "columns.score = 'mean' names a header column, but the file has no "
                                               "header"),
])
def test_a_columns_hint_the_file_cannot_take_names_the_spec_line(tmp_path, capsys, columns, says):
    """A column index beyond the lines, or a header name in a file without a header, named the data file alone,
    where the other columns errors name the spec file and the line the user wrote them on."""
    from wordeval.cli import main

    (tmp_path / "pairs.tsv").write_text("cat\tdog\t7\nsun\tmoon\t6\ncar\tbus\t5\n")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "similarity"\ncolumns = {columns}\n[files]\ntest = "pairs.tsv"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: {tmp_path / 'pairs.tsv'}: {says}") and err.count("\n") == 1


@pytest.mark.parametrize("family, hint, data, says", [
    ("sts", 'delimiter = "space"', {"test": "a cat sat\ta dog sat\t3\nthe sun\tthe moon\t2\n"},
     "delimiter = 'space': sentences contain spaces"),
    ("analogy", 'format = "google"', {"test": None}, "a folder, but format = 'google' reads a file"),
    ("pos", 'columns = {tag = "nope"}', {"train": "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n",
                                         "test": "1\tYo\tyo\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"},
     "columns.tag = 'nope': CoNLL-U columns are"),
])
def test_a_hint_the_data_contradicts_names_the_spec_line(tmp_path, capsys, family, hint, data, says):
    """A delimiter STS text cannot take, a file format given for a folder and an unknown CoNLL-U column name were
    reported against the data file alone; the other hint errors name the spec line that gave the hint."""
    from wordeval.cli import main

    files = ""
    for key, text in data.items():
        name = f"{key}.conllu" if family == "pos" else key
        if text is None:
            (tmp_path / name).mkdir()
            (tmp_path / name / "rel.txt").write_text("a\tb\nc\td\n")
        else:
            (tmp_path / name).write_text(text)
        files += f'{key} = "{name}"\n'
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "{family}"\n{hint}\n[files]\n{files}')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: {tmp_path}") and says in err and err.count("\n") == 1


def test_missing_file_names_what_to_supply(tmp_path):
    with pytest.raises(MissingFileError, match=r"eng.testb \(sha256 0632f32c"):
        load("conll2003", data_home=tmp_path, allow_download=False)


def _cli(*args, env_extra=None):
    import os
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "wordeval", *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_bad_input_exits_2_with_one_line(fake_home):
    path = fake_home / "word-sim/faruqui/EN-MC-30.txt"
    path.write_bytes(path.read_bytes().replace(b"3.92", b"3.93"))
    res = _cli("datasets", "--data-home", str(fake_home), "fetch", "mc30")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "sha256" in res.stderr
    res = _cli("datasets", "--data-home", str(fake_home), "verify", "mc30")
    assert res.returncode == 2 and "FAIL  mc30" in res.stdout


def test_list_and_verify_name_the_data_home_that_holds_the_files(fake_home, shared_data):
    """With several data homes, `datasets list` said only "data_home" and a failing `verify` "[data_home]",
    so which copy was read (or was damaged) was left to guess; records and a passing verify named the folder."""
    import json

    path = fake_home / "word-sim/faruqui/EN-MC-30.txt"
    homes = ["--data-home", str(fake_home), "--data-home", str(shared_data)]
    res = _cli("datasets", *homes, "list", "--json")
    rows = {r["name"]: r["resolves_from"] for r in json.loads(res.stdout)}
    assert rows["mc30"] == f"data_home:{fake_home}" and rows["rg65"] == f"data_home:{shared_data}"
    path.write_bytes(path.read_bytes().replace(b"3.92", b"3.93"))
    res = _cli("datasets", *homes, "verify", "mc30", "rg65")
    assert res.returncode == 2
    assert f"FAIL  mc30 [data_home:{fake_home}]" in res.stdout
    assert f"ok    rg65 [data_home:{shared_data}]" in res.stdout


def test_cli_list_json_cite_and_verify(shared_data):
    import json
    res = _cli("datasets", "--data-home", str(shared_data), "list", "--json")
    assert res.returncode == 0, res.stderr
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert len(rows) == 32 and rows["simlex999"]["items"] == 999 and rows["conll2003"]["offline"] is True
    assert rows["simlex999"]["resolves_from"] == f"data_home:{shared_data}"
    res = _cli("datasets", "cite", "simlex999")
    assert res.returncode == 0 and res.stdout.startswith("@article{hill2015simlex")
    res = _cli("datasets", "--data-home", str(shared_data), "verify", "ws353", "google", "conll2003")
    assert res.returncode == 0 and res.stdout.count("ok    ") == 3


def test_space_separated_columns_split_at_ascii_blanks_only(tmp_path):
    """A no-break space inside a token ('10\u00a0000', French and UD numbers) is part of the token, as conlleval
    reads it (it splits bytes on ASCII whitespace); str.split() cut it into a fifth column: 'expected 4
    space-separated columns, got 5' on a valid file."""
    from wordeval.datasets.sniff_tags import sniff_tagging

    path = _write(tmp_path, "n.txt", "The DT B-NP O\n10\u00a0000 CD I-NP O\nmen NNS  I-NP\tO\n".encode())
    [s] = parse_conll_columns(path, n_columns=4, tag_column=3)
    assert s.tokens == ("The", "10\u00a0000", "men") and s.tags == ("O", "O", "O")
    name, options = sniff_tagging("ner", {"test": path}, {}, [])
    assert name == "conll" and options["n_columns"] == 4 and options["tag_column"] == 3
    # word_TAG lines too: the token keeps its no-break space (str.split() cut it into '10' and a bad '000_CD')
    wt = _write(tmp_path, "w.txt", "The_DT 10\u00a0000_CD men_NNS\nThey_PRP ran_VBD\n".encode())
    [a, b] = parse_word_tag_lines(wt, separator="_")
    assert a.tokens == ("The", "10\u00a0000", "men") and a.tags == ("DT", "CD", "NNS") and b.tokens == ("They", "ran")
    name, options = sniff_tagging("pos", {"test": wt}, {}, [])
    assert name == "word-tag" and options["separator"] == "_"
