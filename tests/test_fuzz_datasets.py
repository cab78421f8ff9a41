"""Fuzzing the dataset readers and the sniffer (issue #9 item 7): whatever a file holds — random bytes,
random text, or a valid file truncated, with columns swapped, fields dropped or added, bad UTF-8, CRLF,
blank lines, or nothing — a reader either parses it or raises a WordevalError whose message names the
file; never another exception. Then hand-made malformed files, each with its exact error type and file:line.

Derandomized, small ``max_examples``, ``deadline=None``: a few seconds on two cores.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from wordeval.datasets.readers import READERS, reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import ConfigError, InputFormatError, WordevalError

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

CONLLU = ("# text = Hi you\n1-2\tHiyou\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
          "2\tyou\tyou\tPRON\tPRP\t_\t1\tobj\t_\t_\n\n")
CONLL = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n-DOCSTART- -X- O O\nPeter NNP B-NP B-PER\nsays VBZ B-VP O\n"

# reader -> (file key -> valid content, options). The first file is the one fuzzed.
VALID = {
    "pairs": ({"test": "cat\tdog\t7.5\nsun\tmoon\t3\n"}, {}),
    "google": ({"test": ": capital\nathens greece oslo norway\n: family\nboy girl man woman\n"}, {}),
    "vecto-csv": ({"test": ",type,word1,word2,word3,target\n0,JJ_JJR,good,better,rough,rougher\n1,NN,a,b,c,d\n"}, {}),
    "bats": ({"test": "cat\tcats\ndog\tdogs/doggies\nox oxen\n"}, {}),
    "analogy-4col": ({"test": ": s\nathens greece oslo norway\nboy\tgirl man woman\n"}, {"sep": "space"}),
    "msr-lines": ({"test": "good better rough JJ_JJR rougher\nyear years law NN_NNS laws\n"}, {}),
    "msr-pair": ({"msr/w.questions": "good better rough\nyear years law\n",
                  "msr/w.answers": "JJ_JJR rougher\nNN_NNS laws\n"}, {}),
    "sts": ({"test": "A man plays.\tA man is playing.\t4.5\nA cat.\tThe stock fell.\t1\n"}, {}),
    "conll": ({"train": CONLL}, {"scheme": "auto"}),
    "conllu": ({"train": CONLLU}, {}),
    "word-tag": ({"train": "The/DT cat/NN\n1/2/CD cups/NNS\n"}, {}),
    "tagged": ({"train": CONLL}, {"format": "conll", "n_columns": 4, "tag_column": 3, "scheme": "IOB2"}),
    "labeled-lines": ({"train": "pos\tgood film\nneg\tbad film\n"}, {"sep": "tab"}),
    "json-lines": ({"train": '{"label": "pos", "text": "good film"}\n{"label": "neg", "text": "bad film"}\n'},
                   {"label_key": "label", "text_key": "text"}),
    "class-files": ({"all/pos": "good film\nfine\n", "all/neg": "bad film\n"}, {}),
    "class-folders": ({"folder/a/1.txt": "Goal!\n", "folder/b/1.txt": "Chips.\n"}, {}),
    "sst": ({"train": "good film \t1\nbad \t0\n"}, {"layout": "text_tab_label", "labels": ["0", "1"]}),
    "trec": ({"train": "NUM:dist How far is it ?\nHUM:ind Who was he ?\n"}, {"fine": True}),
    "ptb-trees": ({"train": "(3 (2 a) (4 good))\n(0 (1 bad) (2 film))\n"}, {}),
    "sts-semeval": ({"sts/STS.input.x.txt": "A man plays.\tA man is playing.\nA cat.\tThe stock fell.\n",
                     "sts/STS.gs.x.txt": "4.5\n1\n"}, {}),
    "classification": ({"train": "pos\tgood film\nneg\tbad film\n"}, {"format": "labeled_lines"}),
    "pairs-semeval17": ({"st2/data/en.test.data.txt": "eagle\towl\nmagnetic field\telectric field\n",
                         "st2/keys/en.test.gold.txt": "3.42\n2.83\n"}, {}),
    "qvec-oracle": ({"oracle": 'cat\t{"noun.animal": 1.0}\nrun\t{"verb.motion": 0.75, "noun.act": 0.25}\n'}, {}),
}
SNIFF_VALID = {  # id -> (family, files); the first file is fuzzed, so in the two-file cases a fuzzed test file
    # is read with the layout sniffed on the valid train file
    "similarity": ("similarity", {"test": "w1\tw2\tscore\ncat\tdog\t7.5\nsun\tmoon\t3\n"}),
    "analogy": ("analogy", {"test": ": capital\nathens greece oslo norway\nboy girl man woman\n"}),
    "sts": ("sts", {"test": "A man plays.\tA man is playing.\t4.5\nA cat.\tThe stock fell.\t1\n"}),
    "pos": ("pos", {"train": "The DT\ncat NN\n\nsat VBD\n"}),
    "chunking": ("chunking", {"train": "The DT B-NP\ncat NN I-NP\nsat VBD B-VP\n"}),
    "ner": ("ner", {"train": CONLL}),
    "ner-test-file": ("ner", {"test": CONLL, "train": CONLL.replace("Peter", "Paul")}),
    "classification": ("classification", {"train": "pos\tgood film\nneg\tbad film\npos\tfine\nneg\tdull\n"}),
    "classification-test-file": ("classification", {"test": "pos\tgood\nneg\tbad\n",
                                                    "train": "pos\tgood film\nneg\tbad film\npos\tfine\n"}),
    "classification-trees": ("classification", {"train": "(3 (2 a) (4 good))\n(0 (1 bad) (2 film))\n(4 (4 fine))\n"}),
}
OPS = ("truncate", "swap", "drop_field", "extra_field", "bad_utf8", "empty", "junk", "blank_lines", "crlf",
       "duplicate_line")


def mutate(valid: bytes, op: str, i: int, j: int, junk: bytes) -> bytes:
    lines = valid.split(b"\n")
    k = i % len(lines)
    line = lines[k]
    sep = b"\t" if b"\t" in line else b"," if b"," in line else b" "
    fields = line.split(sep)
    if op == "truncate":
        return valid[:i % (len(valid) + 1)]
    if op == "swap" and len(fields) > 1:
        a, b = i % len(fields), j % len(fields)
        fields[a], fields[b] = fields[b], fields[a]
    elif op == "drop_field" and fields:
        del fields[j % len(fields)]
    elif op == "extra_field":
        fields.insert(j % (len(fields) + 1), junk)
    elif op == "bad_utf8":
        return valid[:i % (len(valid) + 1)] + b"\xff\xc3(" + valid[i % (len(valid) + 1):]
    elif op == "empty":
        return b""
    elif op == "junk":
        return valid[:i % (len(valid) + 1)] + junk + valid[i % (len(valid) + 1):]
    elif op == "blank_lines":
        lines.insert(k, b"\n \t")
    elif op == "crlf":
        return valid.replace(b"\n", b"\r\n")
    elif op == "duplicate_line":
        lines.insert(k, line)
    lines[k] = sep.join(fields) if op in ("swap", "drop_field", "extra_field") else lines[k]
    return b"\n".join(lines)


def contents(valid: str):
    data = valid.encode()
    return st.one_of(
        st.binary(max_size=200),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.builds(mutate, st.just(data), st.sampled_from(OPS), st.integers(0, 10 ** 6), st.integers(0, 10 ** 6),
                  st.binary(max_size=12)),
        st.lists(st.sampled_from(valid.splitlines(keepends=True) + ["\n", "x\n", "\t\t\n", "a b c d e\n", ": \n"]),
                 max_size=8).map(lambda xs: "".join(xs).encode()),
    )


def _write_all(root, files: dict, fuzzed: bytes):
    paths = {}
    for n, (key, text) in enumerate(files.items()):
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fuzzed if n == 0 else text.encode())
        paths[key] = path
    if "folder/a/1.txt" in files:
        return {"folder": root / "folder"}, [root / "folder"]
    if "msr/w.questions" in files:  # MSR's two files: the questions name the split, the answers lie beside them
        return {"test": paths["msr/w.questions"]}, list(paths.values())
    if "st2/data/en.test.data.txt" in files:  # SemEval-2017 Task 2: the data file names the split
        return {"test": paths["st2/data/en.test.data.txt"]}, list(paths.values())
    if "sts/STS.input.x.txt" in files:  # SemEval: the input names the split, its gold file lies beside it
        return {"test": paths["sts/STS.input.x.txt"]}, list(paths.values())
    return paths, list(paths.values())


def _check(run, named):
    try:
        run()
    except WordevalError as exc:
        assert any(str(p) in str(exc) for p in named), f"message does not name the file: {exc}"


@pytest.mark.parametrize("name", sorted(READERS))
def test_readers_never_raise_anything_but_a_wordeval_error_naming_the_file(name, tmp_path):
    files, options = VALID[name]
    first = next(iter(files.values()))

    @FUZZ
    @given(data=contents(first))
    def run(data):
        paths, named = _write_all(tmp_path, files, data)
        _check(lambda: reader(name)(paths, **options), named)

    run()


@pytest.mark.parametrize("case", sorted(SNIFF_VALID))
def test_sniff_then_read_never_raises_anything_but_a_wordeval_error(case, tmp_path):
    family, files = SNIFF_VALID[case]
    first = next(iter(files.values()))

    @FUZZ
    @given(data=contents(first))
    def run(data):
        paths, named = _write_all(tmp_path, files, data)

        def both():
            name, options, _ = sniff(family, paths, {})
            reader(name)(paths, **options)
        _check(both, named)

    run()


def test_every_reader_has_a_fuzz_seed():
    assert set(VALID) == set(READERS)


# --- hand-made malformed files: exact error type, file:line -------------------------------------------------

MALFORMED = [
    # (id, reader or "sniff:FAMILY", {file key: bytes}, options, error type, line)
    ("pairs-non-numeric-score", "pairs", {"test": b"cat\tdog\t7\nsun\tmoon\thigh\n"}, {}, InputFormatError, 2),
    ("pairs-infinite-score", "pairs", {"test": b"cat\tdog\tinf\n"}, {}, InputFormatError, 1),
    ("pairs-missing-column", "pairs", {"test": b"a\tb\t1\nc\td\n"}, {}, InputFormatError, 2),
    ("pairs-bad-utf8", "pairs", {"test": b"a\tb\t1\nc\td\t2\n\xe9t\xe9\tx\t3\n"}, {}, InputFormatError, 3),
    ("pairs-wrong-header", "pairs", {"test": b"love,sex,6.77\n"}, {"sep": "comma", "header": "Word 1"},
     InputFormatError, 1),
    ("sts-two-columns", "sts", {"test": b"A b.\tC d.\t1\nE f.\t2\n"}, {}, InputFormatError, 2),
    ("sts-non-numeric", "sts", {"test": b"A b.\tC d.\thigh\n"}, {}, InputFormatError, 1),
    ("google-no-section", "google", {"test": b"a b c d\n"}, {}, InputFormatError, 1),
    ("google-three-words", "google", {"test": b": s\na b c\n"}, {}, InputFormatError, 2),
    ("vecto-short-row", "vecto-csv", {"test": b",type,word1,word2,word3,target\n0,JJ,a,b,c,d\n1,JJ,a,b\n"}, {},
     InputFormatError, 3),
    ("vecto-no-target-column", "vecto-csv", {"test": b"type,word1,word2,word3\nJJ,a,b,c\n"}, {}, InputFormatError, 1),
    ("4col-five-fields", "analogy-4col", {"test": b"a\tb\tc\td\na\tb\tc\td\te\n"}, {"sep": "tab"}, InputFormatError, 2),
    ("bats-three-fields", "bats", {"test": b"cat\tcats\na b c\n"}, {}, InputFormatError, 2),
    ("conll-column-count", "conll", {"train": b"EU NNP B-ORG\nsays VBZ O\nx NN\n"}, {}, InputFormatError, 3),
    ("conll-S-in-IOB2", "conll", {"train": b"He O\nObama S-person\n"}, {"scheme": "IOB2"}, InputFormatError, 2),
    ("conll-multi-label", "conll", {"train": b"Obama\tB-corporation,B-person\nsays\tO\n"},
     {"sep": "tab", "scheme": "auto"}, InputFormatError, 1),
    ("conllu-nine-columns", "conllu", {"train": b"1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t1\tx\t_\n"}, {},
     InputFormatError, 2),
    ("conllu-bad-id", "conllu", {"train": b"one\ta\ta\tX\tX\t_\t0\troot\t_\t_\n"}, {}, InputFormatError, 1),
    ("word-tag-no-tag", "word-tag", {"train": b"The/DT cat\n"}, {}, InputFormatError, 1),
    ("labeled-no-separator", "labeled-lines", {"train": b"pos\tgood\nneg bad\n"}, {"sep": "tab"}, InputFormatError, 2),
    ("labeled-unknown-label", "labeled-lines", {"train": b"maybe\tgood\n"}, {"labels": ["pos", "neg"]},
     InputFormatError, 1),
    ("json-lines-list-label", "json-lines", {"train": b'{"label": "pos", "text": "good"}\n{"label": [1], "text": "x"}\n'},
     {"label_key": "label", "text_key": "text"}, InputFormatError, 2),
    ("trec-no-colon", "trec", {"train": b"NUM:dist How far ?\nnolabel here\n"}, {"fine": True}, InputFormatError, 2),
    ("ptb-unbalanced", "ptb-trees", {"train": b"(3 (2 a) (4 good))\n(0 (1 bad) (2 film)\n"}, {}, InputFormatError, 2),
    ("sst-label-outside-set", "sst", {"train": b"7 great film\n"},
     {"layout": "label_space_text", "labels": list("01234")}, InputFormatError, 1),
    ("class-folder-empty-doc", "class-folders", {"folder/a/1.txt": b"x\n", "folder/b/1.txt": b" \n"}, {},
     InputFormatError, 1),
    ("sniff-multiword-space-pairs", "sniff:similarity", {"test": b"sun moon 3\nstar sky 5\nNew York city 7\n"}, {},
     ConfigError, 3),
    ("sniff-not-utf8", "sniff:similarity", {"test": b"a\tb\t1\ncaf\xe9\tbar\t3\n"}, {}, ConfigError, 2),
    ("sniff-multiword-space-analogy", "sniff:analogy", {"test": b"a b c d\na b c d\nNew York USA Paris France\n"}, {},
     ConfigError, 3),
    ("sniff-two-label-columns", "sniff:classification", {"train": b"x\ta\ny\tb\nx\ta\ny\tb\n"}, {}, ConfigError, 1),
]


@pytest.mark.parametrize("case", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_fixture_exact_error_and_file_line(case, tmp_path):
    _, name, files, options, error, line = case
    paths = {}
    for key, data in files.items():
        path = tmp_path / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths[key] = path
    if "folder/a/1.txt" in files:
        paths = {"folder": tmp_path / "folder"}
    with pytest.raises(WordevalError) as err:
        if name.startswith("sniff:"):
            sniff(name.partition(":")[2], paths, options)
        else:
            reader(name)(paths, **options)
    assert type(err.value) is error
    message = str(err.value)
    bad = [p for p in tmp_path.rglob("*") if p.is_file() and f"{p}:{line}:" in message]
    assert bad, f"no file:{line} in {message!r}"
    assert "\n" not in message


def test_at_least_fifteen_malformed_fixtures_with_a_line():
    assert len(MALFORMED) >= 15 and len({c[0] for c in MALFORMED}) == len(MALFORMED)


ROLES = ("word1", "word2", "word3", "target", "section", "score", "sentence1", "sentence2", "token", "tag", "label",
         "text")
HINTS = st.fixed_dictionaries({}, optional={
    "format": st.sampled_from(sorted(READERS) + ["auto", ""]),
    "delimiter": st.sampled_from(["tab", "comma", "space", "semicolon", "pipe"]),
    "header": st.sampled_from([True, False, "yes", 3]),
    "comment": st.sampled_from(["#", ":", "", 5]),
    "columns": st.dictionaries(st.sampled_from(ROLES), st.one_of(st.integers(-6, 12), st.sampled_from(
        ["word1", "score", "upos", "xpos", "form", "label", "", "nope"])), max_size=4),
    "encoding": st.sampled_from(["utf-8", "latin-1", "utf-16", "klingon", "ascii"]),
    "scheme": st.sampled_from(["IOB1", "IOB2", "IOBES", "auto", "BIO"]),
})


@pytest.mark.parametrize("case", sorted(SNIFF_VALID))
def test_any_hints_give_a_result_or_a_wordeval_error(case, tmp_path):
    """Hints straight from a user's spec (typos, wrong types, out-of-range columns): never a traceback."""
    family, files = SNIFF_VALID[case]

    @FUZZ
    @given(hints=HINTS)
    def run(hints):
        paths, named = _write_all(tmp_path, files, next(iter(files.values())).encode())

        def both():
            name, options, _ = sniff(family, paths, hints)
            reader(name)(paths, **options)
        try:
            both()
        except WordevalError:
            pass

    run()


# --- a UTF-8 byte-order mark inside a file (`cat a.tsv b.tsv` of files saved by Notepad) ------------------------

BOM = b"\xef\xbb\xbf"
INNER_BOM = [
    # (reader, options, file bytes, the items of the test/train split as hand-read, without the mark)
    ("pairs", {"sep": "tab", "columns": [0, 1, 2], "max_columns": 3},
     b"cat\tdog\t7.5\n" + BOM + b"car\ttrain\t6\n", [("cat", "dog", 7.5), ("car", "train", 6.0)]),
    ("google", {}, b": capital\nathens greece oslo norway\n" + BOM + b": family\nboy girl man woman\n",
     [("capital", "athens"), ("family", "boy")]),
    ("conll", {"scheme": "IOB2"}, b"EU B-ORG\nsays O\n\n" + BOM + b"Peter B-PER\n", [("EU", "says"), ("Peter",)]),
    ("conllu", {}, b"1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" + BOM + b"1\tyou\tyou\tPRON\tPRP\t_\t0\troot\t_\t_\n",
     [("Hi",), ("you",)]),
]


@pytest.mark.parametrize("name, options, data, expected", INNER_BOM, ids=[c[0] for c in INNER_BOM])
def test_byte_order_mark_at_a_later_line_is_not_part_of_its_first_word(name, options, data, expected, tmp_path):
    key = "train" if name.startswith("conll") else "test"
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    items = reader(name)({key: path}, **options)[0][key]
    if name == "pairs":
        got = [(p.word1, p.word2, p.score) for p in items]
    elif name == "google":
        got = [(q.section, q.a) for q in items]
    else:
        got = [tuple(s.tokens) for s in items]
    assert got == expected


def test_sniffer_sees_a_later_lines_byte_order_mark_as_the_readers_do(tmp_path):
    from wordeval.datasets.sniff import read_sample
    path = tmp_path / "f.tsv"
    path.write_bytes(b"pos\tgood film\n" + BOM + b"neg\tbad film\n")
    assert read_sample(path, None, []).lines == [(1, "pos\tgood film"), (2, "neg\tbad film")]
