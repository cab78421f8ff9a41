"""A byte-level BPE folder without tokenizer.json is built from its vocab.json and merges.txt: one that is not
JSON or not UTF-8, or a merges.txt line that is not a pair, was a bare Exception from the tokenizers library
(a traceback, exit 1). Refused while the run is planned, in one line naming the file and its line (exit 2,
nothing written).

Oracles: transformers itself fails on each folder; json.loads gives the line of the JSON error; the line of
the broken merge is counted here in the file written (the tokenizers library's own count is one short, its
#version line left out)."""
from __future__ import annotations

import json
import shutil

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402

TEXT = ["tiger cat book paper computer keyboard plane car train money cash ."] * 5


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    from tokenizers import ByteLevelBPETokenizer

    root = tmp_path_factory.mktemp("bpe")
    ok = root / "ok"
    ok.mkdir()
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(TEXT, vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(ok))
    transformers.AutoTokenizer.from_pretrained(ok, tokenizer_type="roberta").save_pretrained(ok)
    torch.manual_seed(0)
    transformers.RobertaModel(transformers.RobertaConfig(
        vocab_size=bpe.get_vocab_size(), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=34, pad_token_id=1, bos_token_id=0,
        eos_token_id=2)).save_pretrained(ok)
    tokenizer_json = (ok / "tokenizer.json").read_text(encoding="utf-8")
    (ok / "tokenizer.json").unlink()  # the vocabulary files are what the tokenizer is built from
    out = {"ok": ok}

    def broken(name):
        out[name] = root / name
        shutil.copytree(ok, out[name])
        return out[name]

    vocab = json.loads((ok / "vocab.json").read_text(encoding="utf-8"))
    one_a_line = "{\n" + ",\n".join(f"{json.dumps(k)}: {v}" for k, v in vocab.items()) + "\n}\n"
    (broken("vocab_not_json") / "vocab.json").write_text(one_a_line.replace('"<mask>"', "<mask>"))
    (broken("vocab_not_utf8") / "vocab.json").write_bytes(one_a_line.replace('"<mask>"', '"<mask\udcff>"')
                                                          .encode("utf-8", "surrogateescape"))
    (broken("vocab_a_list") / "vocab.json").write_text(json.dumps(list(vocab)))
    assert vocab["<mask>"] == 4
    for name, value in BAD_IDS.items():
        (broken(name) / "vocab.json").write_text(one_a_line.replace('"<mask>": 4', f'"<mask>": {value}'))
    merges = (ok / "merges.txt").read_text(encoding="utf-8")
    (broken("merges_not_utf8") / "merges.txt").write_bytes(merges.encode() + b"c\xff at\n")
    (broken("merges_not_a_pair") / "merges.txt").write_text(merges + "abc\n")
    # a pair of pieces the vocabulary lacks: the tokenizers library's own Exception, told in one line
    (broken("merges_unknown_piece") / "merges.txt").write_text(merges + "\u00e9\u00e9 zq\n")
    # the tokenizers library reads CRLF lines as the lines they end
    (broken("merges_crlf") / "merges.txt").write_bytes(merges.replace("\n", "\r\n").encode())
    # transformers builds the tokenizer from tokenizer.json where there is one, reading no vocab.json
    (broken("tokenizer_json_beside") / "tokenizer.json").write_text(tokenizer_json, encoding="utf-8")
    (out["tokenizer_json_beside"] / "vocab.json").write_text("{bad")
    return out


# an id the tokenizers library cannot read (a float or below 0: "Bad vocabulary json file"), or reads as
# another (a special token's string or null: the last id; 2**32 wraps to 0)
BAD_IDS = {"id_float": "4.0", "id_negative": "-4", "id_string": '"4"', "id_null": "null", "id_too_big": 2**32}
READ_AS_ANOTHER = ("id_string", "id_null", "id_too_big")


def _line_of(folder, name, text):
    lines = (folder / name).read_bytes().splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _expected(folders):
    merges_lines = len((folders["ok"] / "merges.txt").read_bytes().splitlines())
    not_json = _line_of(folders["vocab_not_json"], "vocab.json", b"<mask>")
    not_utf8 = _line_of(folders["vocab_not_utf8"], "vocab.json", b"<mask")
    return {
        "vocab_not_json": f"vocab.json:{not_json}: expected a vocabulary of tokens to ids (a JSON object), "
                          "got not JSON",
        "vocab_not_utf8": f"vocab.json:{not_utf8}: expected a vocabulary of tokens to ids in UTF-8, got byte "
                          "0xff at column 7",
        "vocab_a_list": "vocab.json: expected a vocabulary of tokens to ids (a JSON object), got a JSON list",
        "merges_not_utf8": f"merges.txt:{merges_lines + 1}: expected the BPE merges (two pieces a line) in "
                           "UTF-8, got byte 0xff at column 2",
        "merges_not_a_pair": f"merges.txt:{merges_lines + 1}: expected the BPE merges (two pieces a line, "
                             "one space between), got 1 piece",
        "merges_unknown_piece": "merges_unknown_piece: expected a tokenizer transformers can build from the "
                                "folder, got Error while initializing BPE: Token `\u00e9\u00e9` out of "
                                "vocabulary",
        **{name: f"vocab.json:{_line_of(folders[name], 'vocab.json', b'<mask>')}: expected a vocabulary of "
                 f'tokens to ids (each id a whole number from 0 to 4294967295), got "<mask>": {value}'
           for name, value in BAD_IDS.items()}}


def _run(folder, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folder}", "--tasks", str(spec),
               "--out", str(out)])
    return rc, capsys.readouterr().err, out


NAMES = ["vocab_not_json", "vocab_not_utf8", "vocab_a_list", "merges_not_utf8", "merges_not_a_pair",
         "merges_unknown_piece", *BAD_IDS]


@pytest.mark.parametrize("name", [n for n in NAMES if n not in READ_AS_ANOTHER])
def test_transformers_itself_fails_on_each_folder(folders, name):
    with pytest.raises(Exception):  # noqa: B017 - the tokenizers library raises Exception itself
        transformers.AutoTokenizer.from_pretrained(folders[name], local_files_only=True)


@pytest.mark.parametrize("name", READ_AS_ANOTHER)
def test_transformers_gives_the_token_another_id(folders, name):
    ok = transformers.AutoTokenizer.from_pretrained(folders["ok"], local_files_only=True)
    tokenizer = transformers.AutoTokenizer.from_pretrained(folders[name], local_files_only=True)
    assert ok.convert_tokens_to_ids("<mask>") == 4 != tokenizer.convert_tokens_to_ids("<mask>")


def test_the_json_error_line_is_jsons_own(folders):
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads((folders["vocab_not_json"] / "vocab.json").read_text(encoding="utf-8"))
    assert f"vocab.json:{caught.value.lineno}:" in _expected(folders)["vocab_not_json"]


@pytest.mark.parametrize("name", NAMES)
def test_refused_in_one_line_naming_the_file_and_line(folders, name, tmp_path, capsys):
    rc, err, out = _run(folders[name], tmp_path, capsys)
    assert rc == 2, err
    assert _expected(folders)[name] in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["ok", "merges_crlf", "tokenizer_json_beside"])
def test_a_folder_transformers_reads_is_not_refused(folders, name, tmp_path, capsys):
    transformers.AutoTokenizer.from_pretrained(folders[name], local_files_only=True)
    rc, err, _ = _run(folders[name], tmp_path, capsys)
    assert rc == 0, err
