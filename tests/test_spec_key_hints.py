"""A typo'd key of a user spec: the message listed some thirty known keys on one line and left the user to
spot the one meant; now it says which ('descripton' -> 'description', '[file]' -> 'files', 'tset' -> 'test').
A built-in's ``[[sources]]`` in a user spec was called an unknown key, at no line."""
from __future__ import annotations

import pytest

from wordeval.cli import main

PAIRS = "".join(f"w{i}\tv{i}\t{i % 7}.5\n" for i in range(12))
HEAD = 'name = "t"\nfamily = "similarity"\n'


def _check(tmp_path, capsys, text):
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(text, encoding="utf-8")
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1, err
    return spec, err


@pytest.mark.parametrize("text, line, said", [
    (HEAD + 'descripton = "x"\n[files]\ntest = "pairs.txt"\n', 3,
     "got unknown key 'descripton' (did you mean 'description'?)"),
    (HEAD + '[file]\ntest = "pairs.txt"\n', 3, "got unknown key 'file' (did you mean 'files'?)"),
    (HEAD + '[files]\ntset = "pairs.txt"\n', 4, "got 'tset' (did you mean 'test'?)"),
    # the family was refused with the nine known ones listed, as sniff() and `datasets list --family` did not
    ('name = "t"\nfamily = "similarty"\n[files]\ntest = "pairs.txt"\n', 2,
     "expected family = one of similarity, analogy, sts, pos, chunking, ner, classification, qvec, qvec-cca, "
     "got 'similarty' (did you mean 'similarity'?)"),
])
def test_a_typod_key_is_named_with_the_key_meant(tmp_path, capsys, text, line, said):
    spec, err = _check(tmp_path, capsys, text)
    assert err.startswith(f"wordeval: error: {spec}:{line}: expected ") and err.endswith(said), err


def test_a_key_like_no_other_gets_no_guess(tmp_path, capsys):
    _, err = _check(tmp_path, capsys, HEAD + 'zzqx = 1\n[files]\ntest = "pairs.txt"\n')
    assert err.endswith("got unknown key 'zzqx'"), err


def test_builtin_sources_in_a_user_spec_are_named_at_their_line(tmp_path, capsys):
    spec, err = _check(tmp_path, capsys, HEAD + '[[sources]]\nkind = "local"\n')
    assert err.startswith(f"wordeval: error: {spec}:3: expected [files]") and "[[sources]]" in err, err


@pytest.mark.parametrize("text, line, said", [
    # a [config] option: the known options were listed without a guess
    (HEAD + '[files]\ntest = "pairs.txt"\n[config]\nooov = "skip"\n', 6, "; did you mean 'oov'?"),
    # a reader named in capitals: difflib's case-sensitive match found none
    (HEAD + 'format = "PAIR"\n[files]\ntest = "pairs.txt"\n', 3,
     "unknown reader 'PAIR' (did you mean 'pairs'?); known: pairs, pairs-semeval17"),
    (HEAD + '[files]\ntest = "pairs.txt"\n[columns]\nWORD1 = 0\n', 5,
     "columns.WORD1 is not a column role here (did you mean 'word1'?); roles: word1, word2, score"),
    (HEAD + '[files]\ntest = "pairs.txt"\n[counts]\ntset = 12\n', 6, "got 'tset' (did you mean 'test'?)"),
])
def test_a_refused_option_reader_role_or_split_says_the_name_meant(tmp_path, capsys, text, line, said):
    spec, err = _check(tmp_path, capsys, text)
    assert err.startswith(f"wordeval: error: {spec}:{line}: ") and err.endswith(said), err


def test_a_builtin_datasets_split_typo_says_the_split_meant(tmp_path, capsys):
    # the split is checked against the dataset's declaration, before its files are looked for
    spec, err = _check(tmp_path, capsys, HEAD + 'dataset = "men"\nsplit = "tset"\n')
    assert err == (f"wordeval: error: {spec}:4: expected split = one of 'test' (the splits of dataset = 'men'), "
                   f"got 'tset' (did you mean 'test'?)"), err
