"""A user's folder (SemEval STS files, a BATS folder) was recorded under a digest of every file in it: a README
edited beside the data made the records other data (scored again, earlier records left out of comparisons).
The digest now covers the files read, in the same form (sorted 'relative/path<TAB>sha256' lines), so a folder
holding only those files keeps the digest it had."""
from __future__ import annotations

import hashlib

import pytest

import wordeval
from wordeval.errors import ChecksumError


def _oracle(folder, names):
    lines = sorted(f"{n}\t{hashlib.sha256((folder / n).read_bytes()).hexdigest()}" for n in names)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _sts(tmp_path, pin=None):
    data = tmp_path / "d"
    data.mkdir(parents=True)
    (data / "STS.input.news.txt").write_text("A cat.\tA dog.\nRain.\tSun.\nX y.\tZ w.\n", encoding="utf-8")
    (data / "STS.gs.news.txt").write_text("4\n1\n2.5\n", encoding="utf-8")
    (data / "STS.input.web.txt").write_text("B c.\tD e.\nF g.\tH i.\n", encoding="utf-8")
    (data / "STS.gs.web.txt").write_text("3\n0.5\n", encoding="utf-8")
    spec = tmp_path / "se.toml"
    spec.write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "d"\n'
                    + (f'[sha256]\ntest = "{pin}"\n' if pin else ""))
    return data, spec


READ = ["STS.gs.news.txt", "STS.gs.web.txt", "STS.input.news.txt", "STS.input.web.txt"]


def test_semeval_folder_digest_covers_the_files_read(tmp_path):
    data, spec = _sts(tmp_path)
    want = _oracle(data, READ)
    assert wordeval.get_task(str(spec)).load_dataset().files == {"test": want}
    (data / "README.txt").write_text("notes on the data\n", encoding="utf-8")
    (data / "scores.xlsx").write_bytes(b"PK\x03\x04 not read")
    assert wordeval.get_task(str(spec)).load_dataset().files == {"test": want}
    (data / "STS.gs.web.txt").write_text("3\n0.75\n", encoding="utf-8")
    changed = wordeval.get_task(str(spec)).load_dataset().files["test"]
    assert changed == _oracle(data, READ) != want


def test_a_pinned_folder_digest_is_still_checked(tmp_path):
    data, spec = _sts(tmp_path, pin="0" * 64)
    with pytest.raises(ChecksumError, match=r"se\.toml:\d+: .*folder digest .* differs from the pinned 0{64}"):
        wordeval.get_task(str(spec)).load_dataset()
    _, spec = _sts(tmp_path / "ok", pin=_oracle(data, READ))
    (tmp_path / "ok" / "d" / "README.txt").write_text("notes\n", encoding="utf-8")
    assert wordeval.get_task(str(spec)).load_dataset().files == {"test": _oracle(data, READ)}


def test_bats_folder_digest_leaves_out_its_readme(tmp_path):
    data = tmp_path / "rel"
    data.mkdir()
    (data / "plural.txt").write_text("cat\tcats\ndog\tdogs\n", encoding="utf-8")
    (data / "past.txt").write_text("go\twent\nsee\tsaw\n", encoding="utf-8")
    spec = tmp_path / "b.toml"
    spec.write_text('name = "b"\nfamily = "analogy"\n[files]\ntest = "rel"\n')
    want = _oracle(data, ["past.txt", "plural.txt"])
    assert wordeval.get_task(str(spec)).load_dataset().files == {"test": want}
    (data / "README.txt").write_text("my relations\n", encoding="utf-8")
    assert wordeval.get_task(str(spec)).load_dataset().files == {"test": want}
