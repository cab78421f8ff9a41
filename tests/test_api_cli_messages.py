"""The Python API raises the error the command line prints: the same type of WordevalError and the same
one-line message (the CLI adds only its 'wordeval: error: ' prefix), for the same bad input."""
from __future__ import annotations

import pytest

import wordeval
from wordeval.cli import main
from wordeval.errors import WordevalError

PREFIX = "wordeval: error: "


def _cli_message(argv, capsys) -> str:
    assert main(["--quiet", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(PREFIX) and "\n" not in err
    return err[len(PREFIX):]


@pytest.mark.parametrize("spec", ["missing.bin", "sub/missing.txt", "glove-6b-5d", "nosuchid:corpus=news"])
def test_an_unresolvable_embedding_reads_the_same_from_evaluate_run_and_the_cli(tmp_path, monkeypatch, capsys,
                                                                                 spec):
    monkeypatch.chdir(tmp_path)
    cli = _cli_message(["intrinsic", spec, "--tasks", "similarity/ws353", "--out", str(tmp_path / "o")], capsys)
    with pytest.raises(WordevalError) as from_evaluate:
        wordeval.evaluate(spec, "similarity/ws353")
    with pytest.raises(WordevalError) as from_run:
        wordeval.run([spec], ["similarity/ws353"], out=tmp_path / "o2")
    assert str(from_evaluate.value) == str(from_run.value) == cli
    assert type(from_evaluate.value) is type(from_run.value)
    assert not (tmp_path / "o").exists() and not (tmp_path / "o2").exists()


@pytest.mark.parametrize("fn", [wordeval.load_records, wordeval.results_frame, wordeval.compare])
@pytest.mark.parametrize("sources, got", [(None, "NoneType"), (3, "int"), ({"schema_version": 2}, "dict")])
def test_results_that_are_not_stores_records_or_lists_are_a_config_error(fn, sources, got):
    """They failed with TypeError "'int' object is not iterable"; a record's dict was read key by key."""
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match=f"^results: expected a store, a record file, a ResultRecord or a list "
                                          f"of them, got a {got}"):
        fn(sources)


def test_a_new_result_store_is_refused_where_out_would_refuse_it(tmp_path):
    """ResultStore(folder) wrote results.sqlite and a store marker into a folder of the user's files, and into
    a report's folder, whose marker it overwrote; wordeval.run(out=...) and --out refuse both."""
    from wordeval.errors import OutputError
    from wordeval.output_paths import MARKER

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("my notes", encoding="utf-8")
    report = tmp_path / "report"
    report.mkdir()
    (report / MARKER).write_text('{"kind": "report", "wordeval": "0"}', encoding="utf-8")
    (report / "report.md").write_text("# report", encoding="utf-8")
    for folder, message in ((foreign, "holds files wordeval did not write"), (report, "holds a wordeval report")):
        before = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
        with pytest.raises(OutputError, match=message):
            wordeval.ResultStore(folder)
        with pytest.raises(OutputError, match=message):
            wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=folder)
        assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == before
    with wordeval.ResultStore(tmp_path / "new") as store:  # a new folder, and then the store it holds
        assert len(store) == 0
    with wordeval.ResultStore(tmp_path / "new") as store:
        assert len(store) == 0


def test_a_vocabulary_for_a_text_file_is_refused_also_when_the_file_is_cached(tmp_path, capsys):
    """The check came after the cache lookup: refused on the first load, ignored once the file was cached."""
    from wordeval.errors import ConfigError

    vectors = tmp_path / "v.txt"
    vectors.write_text("cat 1.0 0.0\ndog 0.0 1.0\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("cat\ndog\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert wordeval.load_embedding(vectors, cache_home=cache).info.vocab_size == 2  # now cached
    for _ in range(2):
        with pytest.raises(ConfigError, match=r"v\.txt: a vocabulary file \(vocab\) is only used with format npy, "
                                              r"not glove$"):
            wordeval.load_embedding(vectors, cache_home=cache, vocab=tmp_path / "words.txt")


@pytest.mark.parametrize("name", ["", "  ", 5])
def test_an_empty_or_non_string_name_is_refused(name):
    """name="" gave the record the default label ('dict') without a word; the CLI refuses an empty LABEL=."""
    import numpy as np

    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match=r"^name: expected a non-empty label \(a str\), got "):
        wordeval.evaluate({"cat": np.ones(2), "dog": np.arange(2.0)}, "similarity/ws353", name=name)


def test_out_naming_the_folder_of_a_store_written_as_a_file_says_to_name_that_file(tmp_path):
    """`--out R/mine.sqlite` (README) writes no marker into R; `--out R/` then said R "holds files wordeval
    did not write", which was false and did not say how to resume the store."""
    from tests._records import pos_record
    from wordeval.errors import OutputError
    from wordeval.output_paths import check_output
    from wordeval.results.store import ResultStore

    with ResultStore(tmp_path / "R" / "mine.sqlite") as store:
        store.put(pos_record("A", 0))
    with pytest.raises(OutputError) as refused:
        check_output(tmp_path / "R", "store")
    store_file = tmp_path / "R" / "mine.sqlite"
    assert str(refused.value) == (f"--out {tmp_path / 'R'}: holds the store file {store_file}, not a "
                                  f"store folder (no .wordeval-output marker); name that file to resume "
                                  f"it, or a new or empty folder")
    assert check_output(tmp_path / "R" / "mine.sqlite", "store").name == "mine.sqlite"
