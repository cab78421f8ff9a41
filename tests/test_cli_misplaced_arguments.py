"""An argument given where another kind goes gets a one-line error (exit 2, nothing written) that says what
it is and where it goes: a task as EMBEDDING, a representation after --tasks or among dataset names, a task
spec as a vector file, a task of the other command, a representation or task where results go. Each message
used to say only what the argument was not. The tests named test_pin_ are regression pins: right arguments
read as before."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _error(capsys, argv, tmp_path, *, out: bool = True) -> str:
    store = tmp_path / "R"
    assert main(["--quiet", *argv, *(["--out", str(store)] if out else [])]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert not store.exists()
    return err


@pytest.mark.parametrize("command, task, runs", [("intrinsic", "similarity/ws353", "wordeval intrinsic"),
                                                 ("run", "similarity/ws353", "wordeval intrinsic"),
                                                 ("extrinsic", "ner/wnut16", "wordeval extrinsic")])
def test_a_task_as_embedding_says_tasks_go_after_tasks(command, task, runs, capsys, tmp_path):
    err = _error(capsys, [command, task, "--tasks", task], tmp_path)
    # the start other pins read stays; the list of embedding ids, which did not name the mistake, goes
    assert f"{task}: no such embedding file, and not a registered embedding id: {task} is a" in err
    assert "known: bert" not in err
    assert f"tasks go after --tasks ({runs} EMBEDDING... --tasks {task}" in err


def test_a_family_as_embedding_says_it_is_a_family(capsys, tmp_path):
    err = _error(capsys, ["intrinsic", "similarity", "--tasks", "similarity"], tmp_path)
    assert err.endswith("unknown embedding 'similarity': similarity is a task family, and tasks go after "
                        "--tasks (wordeval intrinsic EMBEDDING... --tasks similarity; wordeval run takes it "
                        "too)"), err


def test_info_of_a_task_says_info_reads_a_representation(capsys, tmp_path):
    err = _error(capsys, ["info", "similarity/ws353"], tmp_path, out=False)
    assert "similarity/ws353 is a similarity task, and wordeval info reads one representation" in err
    assert "wordeval intrinsic EMBEDDING... --tasks similarity/ws353" in err
    assert "after --tasks" not in err  # info takes no --tasks


@pytest.mark.parametrize("command, given", [("intrinsic", "glove-6b-50d"),
                                            ("run", "w2v=word2vec:corpus=news"), ("extrinsic", "minilm")])
def test_a_representation_after_tasks_says_it_is_one(command, given, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", given], tmp_path)
    assert err == (f"wordeval: error: unknown task '{given}': {given} is a representation, not a task: a "
                   f"representation is given before the options, as EMBEDDING (wordeval {command} {given} "
                   "--tasks TASK...)")


@pytest.mark.parametrize("command, text, kind", [
    ("intrinsic", "cat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n", "glove"),
    ("extrinsic", "2 3\ncat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n", "word2vec"),
    ("run", "cat 0.1 0.2 0.3\n", "glove")])
def test_a_vector_file_after_tasks_says_it_is_one(command, text, kind, capsys, tmp_path):
    """It was told "a data file, not a task: describe it in a task spec", which does not fit vectors."""
    vectors = tmp_path / "vecs.txt"
    vectors.write_text(text, encoding="utf-8")
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", str(vectors)], tmp_path)
    assert err == (f"wordeval: error: {vectors}: a vector file (its first lines read as --format {kind}), "
                   "not a task: a representation is given before the options, as EMBEDDING "
                   f"(wordeval {command} {vectors} --tasks TASK...)")


def test_a_vector_file_given_to_the_python_api_as_a_task_says_it_is_one(tmp_path):
    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    vectors = tmp_path / "vecs.vec"
    vectors.write_text("2 3\ncat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"vecs\.vec: a vector file \(its first lines read as --format "
                                          r"fasttext-vec\), not a task"):
        get_task(vectors)


@pytest.mark.parametrize("text", ["cat\tdog\t7.5\nbook\tpaper\t7.46\n",  # a similarity set's pairs
                                  "the 123\nof 99\n",  # a word and a count: one number is no vector here
                                  "a 1 2\nb 1 2 3\n"])  # lines of two widths
def test_pin_a_data_file_after_tasks_is_still_told_to_describe_it(text, capsys, tmp_path):
    data = tmp_path / "data.txt"
    data.write_text(text, encoding="utf-8")
    err = _error(capsys, ["intrinsic", "glove-6b-50d", "--tasks", str(data)], tmp_path)
    assert f"{data}: a data file, not a task: describe it in a task spec" in err and "vector" not in err


def test_pin_random_bytes_named_bin_after_tasks_are_no_vector_file(capsys, tmp_path):
    """Review: any .bin that is not text was called 'a vector file (its first lines read as --format
    fasttext-bin)', detect_format's fallback for fastText files from before the magic number; only a file with
    the magic number is named one."""
    import struct

    import numpy as np

    from wordeval.embeddings.detect import FASTTEXT_MAGIC

    data = tmp_path / "weights.bin"
    data.write_bytes(np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    err = _error(capsys, ["intrinsic", "glove-6b-50d", "--tasks", str(data)], tmp_path)
    assert "a vector file" not in err
    fasttext = tmp_path / "model.bin"
    fasttext.write_bytes(struct.pack("<ii", FASTTEXT_MAGIC, 12) + bytes(64))
    err = _error(capsys, ["intrinsic", "glove-6b-50d", "--tasks", str(fasttext)], tmp_path)
    assert f"{fasttext}: a vector file (its first lines read as --format fasttext-bin)" in err


def test_datasets_check_of_a_representation_says_it_is_one(capsys, tmp_path):
    err = _error(capsys, ["datasets", "check", "glove-6b-50d"], tmp_path, out=False)
    assert "glove-6b-50d is a representation, not a task" in err and "known: analogy" not in err


SPEC = 'name = "myws"\nfamily = "similarity"\ndataset = "ws353"\n'
BUILTIN_LIKE = ('# a comment first\nname = "ws"\nfamily = "similarity"\n[citation]\n'
                'bibtex = """\n  @x{y}\n"""\n')


@pytest.mark.parametrize("text", [SPEC, BUILTIN_LIKE])
@pytest.mark.parametrize("command", ["info", "intrinsic"])
def test_a_task_spec_as_embedding_says_it_is_a_task_spec(text, command, capsys, tmp_path):
    spec = tmp_path / "my.toml"
    spec.write_text(text, encoding="utf-8")
    argv = [command, str(spec)] + (["--tasks", "similarity/ws353"] if command == "intrinsic" else [])
    err = _error(capsys, argv, tmp_path, out=command != "info")
    assert f"{spec}: a task spec (name = " in err and "family = 'similarity'), not an embedding file" in err
    assert f"tasks go after --tasks (wordeval intrinsic EMBEDDING... --tasks {spec})" in err


def test_pin_a_broken_toml_vector_file_keeps_the_reader_error(capsys, tmp_path):
    """Not a task spec (no name and family): the vector reader's own line stands."""
    path = tmp_path / "v.toml"
    path.write_text("[files]\ntest = \"x.tsv\"\n", encoding="utf-8")
    err = _error(capsys, ["info", str(path)], tmp_path, out=False)
    assert err == f"wordeval: error: {path}:1: expected a word followed by numbers, got '[files]'"


def test_pin_a_vector_file_named_toml_still_loads(capsys, tmp_path):
    path = tmp_path / "v.toml"
    path.write_text("king 0.1 0.2\nqueen 0.2 0.1\n", encoding="utf-8")
    assert main(["--quiet", "info", str(path), "--no-cache", "--json"]) == 0
    assert '"vocab_size": 2' in capsys.readouterr().out


@pytest.mark.parametrize("command, task, runs", [("extrinsic", "similarity/ws353", "wordeval intrinsic"),
                                                 ("intrinsic", "ner/wnut16", "wordeval extrinsic")])
def test_a_task_of_the_other_command_names_the_command(command, task, runs, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", task], tmp_path)
    assert f"not an {command} task: {runs} runs it (wordeval run runs both kinds)" in err


@pytest.mark.parametrize("command, family, runs", [("intrinsic", "ner", "extrinsic"),
                                                   ("extrinsic", "sts", "intrinsic")])
def test_a_family_of_the_other_command_names_the_command(command, family, runs, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", family], tmp_path)
    assert err.endswith(f"(wordeval run takes every family; wordeval {runs} runs {family})"), err


def test_an_embedding_after_tasks_says_tasks_took_it(capsys, tmp_path):
    err = _error(capsys, ["intrinsic", "--tasks", "similarity/ws353", "glove-6b-50d"], tmp_path)
    assert "the following arguments are required: EMBEDDING" in err
    assert err.endswith("; --tasks takes every word after it (it took 'glove-6b-50d'): give EMBEDDING... before "
                        "--tasks"), err


def test_tasks_alone_after_tasks_get_no_misplacement_hint(capsys, tmp_path):
    # every word after --tasks is a task: EMBEDDING was left out, nothing was misplaced (review of 1ec8987)
    err = _error(capsys, ["run", "--tasks", "similarity/ws353", "similarity/men"], tmp_path)
    assert err.endswith("required: EMBEDDING (see: wordeval run --help)"), err


def test_pin_no_embedding_at_all_gets_no_hint(capsys, tmp_path):
    err = _error(capsys, ["intrinsic", "--tasks", "similarity/ws353"], tmp_path)
    assert err.endswith("required: EMBEDDING (see: wordeval intrinsic --help)"), err


@pytest.mark.parametrize("action", ["fetch", "verify", "cite"])
def test_datasets_given_a_task_name_its_dataset(action, capsys, tmp_path):
    err = _error(capsys, ["datasets", action, "qvec/supersenses"], tmp_path, out=False)
    assert err == ("wordeval: error: unknown dataset 'qvec/supersenses': it is a task, whose dataset is "
                   f"'qvec-supersenses' (wordeval datasets {action} qvec-supersenses)")


@pytest.mark.parametrize("action, names, given", [
    ("fetch", ["glove-6b-50d"], "glove-6b-50d"), ("verify", ["glove-6b-50d"], "glove-6b-50d"),
    ("cite", ["mine=lsa:corpus=news"], "mine=lsa:corpus=news"),
    ("verify", ["ws353", "mine=lsa:corpus=news"], "mine=lsa:corpus=news")])
def test_datasets_given_a_representation_say_it_is_one(action, names, given, capsys, tmp_path):
    """It was only "unknown dataset 'glove-6b-50d'; known: <32 dataset names>"."""
    err = _error(capsys, ["datasets", action, *names], tmp_path, out=False)
    assert err == (f"wordeval: error: unknown dataset '{given}': {given} is a representation, not a dataset "
                   f"(wordeval info {given} describes it; wordeval run {given} --tasks TASK... scores it)")


def test_pin_datasets_given_an_unknown_name_list_the_datasets(capsys, tmp_path):
    err = _error(capsys, ["datasets", "verify", "ws353", "nosuch"], tmp_path, out=False)
    assert err.startswith("wordeval: error: unknown dataset 'nosuch'; known: bats, bbc,") and "ws353" in err


@pytest.mark.parametrize("names, command", [
    (["ws353", "qvec/supersenses"], "ws353 qvec-supersenses"),
    (["qvec/supersenses", "ws353", "similarity/simlex999"], "qvec-supersenses ws353 simlex999"),
    (["ws353", "qvec-supersenses", "qvec/supersenses"], "ws353 qvec-supersenses")])
def test_datasets_verify_given_a_task_among_datasets_keeps_the_others(names, command, capsys, tmp_path):
    """The suggested command named the task's dataset alone: `verify ws353 qvec/supersenses` was answered
    `wordeval datasets verify qvec-supersenses`, ws353 dropped. Each task is now replaced by its dataset where
    it stood (similarity/simlex999 reads simlex999), the other names kept, a name given twice once."""
    err = _error(capsys, ["datasets", "verify", *names], tmp_path, out=False)
    assert err == ("wordeval: error: unknown dataset 'qvec/supersenses': it is a task, whose dataset is "
                   f"'qvec-supersenses' (wordeval datasets verify {command})")


@pytest.mark.parametrize("command", ["compare", "report", "cite", "status"])
def test_results_commands_given_a_representation_say_to_run_it_first(command, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d"], tmp_path, out=command == "report")
    assert "glove-6b-50d: no such folder or file (" in err
    assert err.endswith(f"glove-6b-50d is a representation; score it into a store first (wordeval run "
                        f"glove-6b-50d --out STORE), then wordeval {command} STORE"), err


@pytest.mark.parametrize("command", ["compare", "status"])
def test_results_commands_given_a_task_or_spec_say_what_it_is(command, capsys, tmp_path):
    err = _error(capsys, [command, "similarity/ws353"], tmp_path, out=False)
    assert ("similarity/ws353 is a similarity task; wordeval " + command + " reads the store a run writes "
            "(wordeval run EMBEDDING... --tasks similarity/ws353 --out STORE)") in err
    spec = tmp_path / "my.toml"
    spec.write_text(SPEC, encoding="utf-8")
    err = _error(capsys, [command, str(spec)], tmp_path, out=False)
    assert err.startswith(f"wordeval: error: {spec}: a task spec, not results: wordeval {command} reads"), err


def tiny_embedding(name: str = "tiny"):
    """A registered embedding's loader for the test below: three words, dim 2."""
    import numpy as np

    from wordeval.embeddings.base import StaticEmbedding
    emb = StaticEmbedding(["a", "b", "c"], np.arange(6, dtype=np.float32).reshape(3, 2))
    return emb.renamed(name)


@pytest.mark.parametrize("name", ["similarity/ws353", "similarity"])
def test_info_of_an_embedding_registered_under_a_task_name_reads_it(name, monkeypatch, capsys):
    """Review: info gave the "is a task" hint before looking the name up, so an embedding registered (Python
    API) under a task's or family's name could not be read by info. Oracle: the registered loader's vectors
    (3 words, dim 2), which info reports."""
    import json

    from wordeval.registry import REGISTRY, Entry

    REGISTRY.names("embedding")  # load the catalogs before adding a test entry
    monkeypatch.setitem(REGISTRY._entries["embedding"], name,
                        Entry("embedding", name, "tests.test_cli_misplaced_arguments:tiny_embedding"))
    assert main(["--quiet", "info", name, "--json"]) == 0, capsys.readouterr().err
    facts = json.loads(capsys.readouterr().out)
    assert (facts["vocab_size"], facts["dim"], facts["norms"]["rows"]) == (3, 2, 3)
