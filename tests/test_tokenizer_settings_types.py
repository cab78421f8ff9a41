"""A tokenizer_config.json value of a type transformers cannot build a tokenizer from is refused while the
run is planned, in one line naming the file, the line of the key, the key and the type expected (exit 2,
nothing written). It was transformers' own TypeError text ("'>' not supported between instances of 'int'
and 'str'"), naming the folder only.

Oracle: transformers itself fails on each folder (AutoTokenizer.from_pretrained), and builds the folder
whose values are of the types this check accepts."""
from __future__ import annotations

import json
import shutil

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._small_task import PAIRS, write_small_task  # noqa: E402
from tests._tiny_bert import write_tiny_bert  # noqa: E402
from wordeval.cli import main  # noqa: E402

WORDS = sorted({w for a, b, _ in PAIRS for w in (a, b)})
# key -> (the wrong value, what the message expects)
WRONG = {"model_max_length": ("abc", "model_max_length: a whole number of tokens (0: no limit), or null"),
         "do_lower_case": ("yes", "do_lower_case: true or false"),
         "padding_side": ("middle", 'padding_side: "right" or "left"'),
         "unk_token": (5, "unk_token: a token (a string, or an object with its content), or null")}
# accepted, and built by transformers: null, and a special token saved as an AddedToken object
ACCEPTED = {"model_max_length": None, "strip_accents": None,
            "unk_token": {"content": "[UNK]", "lstrip": False, "normalized": False, "rstrip": False,
                          "single_word": False, "special": True, "__type": "AddedToken"}}


def _with_settings(ok, folder, **values):
    shutil.copytree(ok, folder)
    path = folder / "tokenizer_config.json"
    settings = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**settings, **values}, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("settings")
    ok = write_tiny_bert(root / "ok", WORDS)
    out = {key: _with_settings(ok, root / key, **{key: value}) for key, (value, _) in WRONG.items()}
    out["accepted"] = _with_settings(ok, root / "accepted", **ACCEPTED)
    return out


def _key_line(folder, key):
    lines = (folder / "tokenizer_config.json").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(f'"{key}"'))


@pytest.mark.parametrize("key", sorted(WRONG))
def test_transformers_itself_fails_on_the_value(folders, key):
    with pytest.raises((TypeError, ValueError)):  # building it, or (model_max_length) truncating with it
        tokenizer = transformers.AutoTokenizer.from_pretrained(folders[key], local_files_only=True)
        tokenizer([WORDS], is_split_into_words=True, truncation=True)


def test_transformers_builds_the_accepted_values(folders):
    tokenizer = transformers.AutoTokenizer.from_pretrained(folders["accepted"], local_files_only=True)
    assert tokenizer.unk_token == "[UNK]"


@pytest.mark.parametrize("key", sorted(WRONG))
def test_refused_in_one_line_naming_the_file_line_and_key(folders, key, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folders[key]}", "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    value, expected = WRONG[key]
    want = (f"{folders[key] / 'tokenizer_config.json'}:{_key_line(folders[key], key)}: expected {expected}, "
            f"got {json.dumps(value)}\n")
    assert rc == 2, err
    assert err.endswith(want) and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_the_accepted_values_pass_the_folder_check(folders):
    from wordeval.embeddings.model_folder import check_model_folder

    check_model_folder(folders["accepted"])


def test_a_limit_of_0_is_no_limit_as_transformers_reads_it(folders, tmp_path, capsys):
    """model_max_length 0 was refused ("above 0"); transformers builds the tokenizer and truncates nothing
    with it (tokenization_utils_base: no length warning where it is 0), and below 0 truncating overflows.
    Oracle: transformers' own tokenizing, and the scores of the same folder with null (no limit)."""
    from wordeval.results.store import load_records

    zero = _with_settings(folders["accepted"], tmp_path / "zero", model_max_length=0)
    negative = _with_settings(folders["accepted"], tmp_path / "negative", model_max_length=-1)
    text = [WORDS * 4]  # 44 words: past a limit of a few tokens
    tokenizer = transformers.AutoTokenizer.from_pretrained(zero, local_files_only=True)
    untruncated = tokenizer(text, is_split_into_words=True)["input_ids"]
    assert tokenizer(text, is_split_into_words=True, truncation=True)["input_ids"] == untruncated
    with pytest.raises(OverflowError):
        transformers.AutoTokenizer.from_pretrained(negative, local_files_only=True)(
            text, is_split_into_words=True, truncation=True)

    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    scores = []
    for folder in (folders["accepted"], zero):
        out = tmp_path / f"out_{folder.name}"
        rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folder}", "--tasks", str(spec),
                   "--out", str(out)])
        assert rc == 0, capsys.readouterr().err
        records, _ = load_records(out)
        scores.append([r.scores for r in records])
    assert len(scores[0]) == 1 and scores[0] == scores[1]
