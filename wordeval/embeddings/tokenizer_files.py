"""A model folder's tokenizer files, checked while the run is planned, before transformers reads them.

transformers takes a tokenizer_config.json value of the wrong type as it comes and fails on it later with
its own words ("'>' not supported between instances of 'int' and 'str'", "'str' object is not an instance of
'bool'"), which named neither the file nor the key; and a byte-level BPE vocabulary (vocab.json, merges.txt)
that is not JSON or not UTF-8 was a bare Exception from the tokenizers library, a traceback (exit 1).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from wordeval.embeddings.model_folder import check_utf8_lines, read_json_object
from wordeval.errors import InputFormatError

_SIDES = ("right", "left")
# transformers' names for the special tokens: each a string, or an AddedToken saved as an object
SPECIAL_TOKEN_KEYS = ("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token",
                      "mask_token")


def _token_limit(value) -> bool:
    # bool is an int to Python: transformers took true as a limit of 1 token. 0 is no limit to transformers
    # (it truncates nothing and warns of no length, tokenization_utils_base); below 0, truncating overflows
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _boolean(value) -> bool:
    return isinstance(value, bool)


def _token_or_null(value) -> bool:
    return value is None or isinstance(value, str) or (isinstance(value, dict)
                                                        and isinstance(value.get("content"), str))


# key -> (the test of its value, what the message says it expects): the keys transformers refuses or
# misreads in another type (each tried on transformers 5: TypeError, ValueError, OverflowError or
# AttributeError when the tokenizer is built); keys it ignores in another type are not checked
SETTING_TYPES = {
    "model_max_length": (_token_limit, "a whole number of tokens (0: no limit), or null"),
    "do_lower_case": (_boolean, "true or false"),
    "tokenize_chinese_chars": (_boolean, "true or false"),
    "strip_accents": (lambda v: v is None or isinstance(v, bool), "true, false or null"),
    "padding_side": (lambda v: v in _SIDES, '"right" or "left"'),
    "truncation_side": (lambda v: v in _SIDES, '"right" or "left"'),
    "tokenizer_class": (lambda v: v is None or isinstance(v, str), "a class name (a string), or null"),
    "added_tokens_decoder": (lambda v: isinstance(v, dict), "a JSON object of tokens by id"),
    "extra_special_tokens": (lambda v: isinstance(v, (list, dict)), "a JSON list or object of tokens"),
    **{key: (_token_or_null, "a token (a string, or an object with its content), or null")
       for key in SPECIAL_TOKEN_KEYS},
}


def check_tokenizer_settings(path: Path, settings: dict) -> None:
    """The first value of ``settings`` (tokenizer_config.json's, read) of a type transformers cannot build a
    tokenizer from, refused in one line naming the file, the line of its key and the type expected."""
    for key, (fits, expected) in SETTING_TYPES.items():
        if key in settings and not fits(settings[key]):
            raise InputFormatError(path, key_line(path, key), f"{key}: {expected}",
                                   json.dumps(settings[key], ensure_ascii=False)[:60])


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def key_line(path: Path, key: str) -> int | None:
    """The line of the object's own ``key`` (its last, the one JSON keeps), not of a key of that name in a
    value inside it ("text_config", "task_specific_params"); ``path`` a JSON object file already read."""
    text = path.read_text(encoding="utf-8")  # read as JSON already: UTF-8
    # walked key by key, each value skipped whole by json's own decoder: a search for the key's spelling
    # found a nested key of the same name written below it (or a token that quotes it, in a vocabulary)
    decoder, found = json.JSONDecoder(), None
    at = _JSON_SPACE.match(text).end()
    if not text.startswith("{", at):
        return None
    at += 1
    try:
        while text.startswith('"', at := _JSON_SPACE.match(text, at).end()):
            start = at
            name, at = json.decoder.scanstring(text, at + 1)
            at = _JSON_SPACE.match(text, at).end()
            if not text.startswith(":", at):
                break
            _, at = decoder.raw_decode(text, _JSON_SPACE.match(text, at + 1).end())
            if name == key:
                found = text.count("\n", 0, start) + 1
            at = _JSON_SPACE.match(text, at).end()
            if not text.startswith(",", at):
                break
            at += 1
    except ValueError:  # not JSON after all (rewritten since it was read): the lines found so far
        pass
    return found


def check_bpe_files(model_dir: Path) -> None:
    """vocab.json and merges.txt, which a tokenizer is built from where the folder has no tokenizer.json:
    UTF-8 (the line of the first other byte), vocab.json a JSON object of ids, and a merges.txt in the
    tokenizers library's layout (its ``#version`` line first) one pair of pieces a line."""
    vocab = model_dir / "vocab.json"
    if vocab.is_file():
        check_utf8_lines(vocab, "a vocabulary of tokens to ids")
        _check_ids(vocab, read_json_object(vocab, "a vocabulary of tokens to ids"))
    merges = model_dir / "merges.txt"
    if merges.is_file():
        check_utf8_lines(merges, "the BPE merges (two pieces a line)")
        _check_merge_pairs(merges)


_MAX_ID = 2**32 - 1  # the tokenizers library's ids are u32


def _check_ids(path: Path, vocab: dict) -> None:
    # the tokenizers library refuses a float or negative id as "Bad vocabulary json file", naming no token;
    # a string or null id made it panic (PyO3's PanicException, not an Exception: a traceback) or, where a
    # special token's, gave the token the last id, another token's; 2**32 it read as 0
    for token, value in vocab.items():
        if not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_ID):
            said = f"{json.dumps(token, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)[:40]}"
            raise InputFormatError(path, key_line(path, token), "a vocabulary of tokens to ids (each id a "
                                   f"whole number from 0 to {_MAX_ID})", said)


def _check_merge_pairs(path: Path) -> None:
    # the tokenizers library's rule (BPE::read_file): a line that does not split on one space into two pieces
    # is refused, with a line number one short of the file's where the #version line heads it. Other
    # layouts (XLM's, a count after each pair) have no #version line, and are left to their tokenizer.
    with open(path, encoding="utf-8") as f:
        first = f.readline()
        if not first.startswith("#version"):
            return
        for number, line in enumerate(f, 2):
            line = line.rstrip("\n").removesuffix("\r")
            if line.startswith("#version"):
                continue
            if len(line.split(" ")) != 2:
                raise InputFormatError(path, number, "the BPE merges (two pieces a line, one space between)",
                                       _pieces(len(line.split(" "))) if line else "an empty line")


def _pieces(count: int) -> str:
    return "1 piece" if count == 1 else f"{count} pieces"
