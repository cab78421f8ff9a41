"""Reader hints a reader does not read, refused at their spec line (exit 2, one line) instead of accepted and
ignored: delimiter and comment over CoNLL-U (tab-separated, '#' comments by definition) and over word/TAG
lines (split at whitespace), columns over word/TAG lines, delimiter and header = false over BATS, header =
false over MSR's files. ``[label_map]`` under ``format = "sst"`` was a TypeError traceback (exit 1); it
now renames and drops labels as under every other classification reader. The table's last rows are hints
that act, checked against what they must do."""
from __future__ import annotations

import pytest

import wordeval
from wordeval.cli import main


def _conllu(rows):
    line = "{}\t{w}\t{w}\t{t}\t{t2}\t_\t0\troot\t_\t_\n"
    return "".join("".join(line.format(i + 1, w=w, t=t, t2=t[:2]) for i, (w, t) in enumerate(s)) + "\n"
                   for s in rows)


def _tagging(folder, ext, write):
    train = [[("EU", "NOUN"), ("rejects", "VERB")], [("Peter", "NOUN"), ("said", "VERB")]]
    for split, rows in (("train", train), ("dev", [[("Mary", "NOUN"), ("sat", "VERB")]]),
                        ("test", [[("John", "NOUN"), ("ran", "VERB")]])):
        (folder / f"{split}.{ext}").write_text(write(rows), encoding="utf-8")
    return "".join(f'{s} = "{s}.{ext}"\n' for s in ("train", "dev", "test"))


def _word_tag(rows):
    return "".join(" ".join(f"{w}/{t}" for w, t in s) + "\n" for s in rows)


def _bats(folder):
    (folder / "B").mkdir()
    (folder / "B" / "1_capital.txt").write_text("athens\tgreece\nrome\titaly\nparis\tfrance\n", encoding="utf-8")
    (folder / "B" / "2_plural.txt").write_text("cat\tcats\ndog\tdogs\n", encoding="utf-8")
    return 'test = "B"\n'


def _msr_lines(folder):
    (folder / "q.txt").write_text("".join(f"good{i} better{i} rough{i} JJ_JJR rougher{i}\n" for i in range(4)),
                                  encoding="utf-8")
    return 'test = "q.txt"\n'


def _msr_pair(folder):
    (folder / "word_relationship.questions").write_text("".join(f"a{i} b{i} c{i}\n" for i in range(4)),
                                                        encoding="utf-8")
    (folder / "word_relationship.answers").write_text("".join(f"JJ_JJR d{i}\n" for i in range(4)),
                                                      encoding="utf-8")
    return 'test = "word_relationship.questions"\n'


LAYOUTS = {"conllu": ("pos", lambda d: _tagging(d, "conllu", _conllu)),
           "word-tag": ("pos", lambda d: _tagging(d, "txt", _word_tag)),
           "bats": ("analogy", _bats), "msr-lines": ("analogy", _msr_lines), "msr-pair": ("analogy", _msr_pair)}

REFUSED = [("conllu", 'delimiter = "tab"', "delimiter does not apply to CoNLL-U files"),
           ("conllu", 'delimiter = "space"', "delimiter does not apply to CoNLL-U files"),
           ("conllu", 'comment = "%"', "comment does not apply to CoNLL-U files"),
           ("word-tag", 'delimiter = "tab"', "delimiter does not apply to word/TAG lines"),
           ("word-tag", 'comment = "#"', "comment does not apply to word/TAG lines"),
           ("word-tag", 'format = "word-tag"\ncolumns = {token = 0, tag = 1}',
            "columns does not apply to word/TAG lines"),
           ("bats", 'delimiter = "space"', "BATS relation files are read as word<TAB>target1/target2... lines"),
           ("bats", "header = false", "header = false: "),
           ("msr-lines", "header = false", "MSR's five-column lines (a b c TYPE d) have no header"),
           ("msr-pair", "header = false", "MSR's .questions/.answers files are paired line by line")]


def _spec(folder, layout, hint):
    family, write = LAYOUTS[layout]
    files = write(folder)
    spec = folder / "s.toml"
    spec.write_text(f'name = "s"\nfamily = "{family}"\n{hint}\n[files]\n{files}', encoding="utf-8")
    return spec


@pytest.mark.parametrize("layout, hint, message", REFUSED)
def test_a_hint_the_reader_does_not_read_is_refused_at_its_line(tmp_path, capsys, layout, hint, message):
    spec = _spec(tmp_path, layout, hint)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    key = hint.splitlines()[-1].partition(" ")[0]
    line = 3 + len(hint.splitlines()) - 1
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{spec}:{line}: " in err and message in err and key in err, err


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_files_without_the_hint_are_read(tmp_path, layout):
    # the refusals above are the hint's, not the fixture's
    assert main(["datasets", "check", str(_spec(tmp_path, layout, ""))]) == 0


def test_label_map_under_format_sst_renames_and_drops_labels(tmp_path, capsys):
    # by hand: 30 lines labelled 0..2 in turn; "2" = false drops 10, "0" -> negative and "1" -> positive
    (tmp_path / "a.tsv").write_text("".join(f"film number {i}\t{i % 3}\n" for i in range(30)), encoding="utf-8")
    spec = tmp_path / "s.toml"
    spec.write_text('name = "s"\nfamily = "classification"\nprotocol = "cv10"\nformat = "sst"\n[files]\n'
                    'all = "a.tsv"\n[label_map]\n"0" = "negative"\n"1" = "positive"\n"2" = false\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 0, capsys.readouterr().err
    items = wordeval.get_task(str(spec)).load_dataset().splits["all"]
    want = [("negative" if i % 3 == 0 else "positive", f"film number {i}") for i in range(30) if i % 3 != 2]
    assert [(it.label, it.text) for it in items] == want


@pytest.mark.parametrize("layout, hint", [("conllu", 'columns = {tag = "xpos"}'), ("bats", 'encoding = "latin-1"'),
                                          ("word-tag", 'encoding = "latin-1"')])
def test_hints_those_readers_read_still_pass(tmp_path, layout, hint):
    assert main(["datasets", "check", str(_spec(tmp_path, layout, hint))]) == 0
