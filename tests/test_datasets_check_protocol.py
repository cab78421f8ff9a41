"""`datasets check` on a classification spec showed the protocol only when the spec gave it (its task config
holds the spec's own keys), yet the protocol decides which files a run reads: "split", the default, reads no
dev file. The default is now a line of its own and the JSON's "protocol"; a spec's own value stays in its task
config; a family without a protocol has neither."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import main

ROWS = [("pos", f"good text {i}") for i in range(10)] + [("neg", f"bad text {i}") for i in range(10)]


def _spec(tmp_path, extra="", family="classification"):
    rows = ROWS if family == "classification" else [(f"w{i}", f"v{i}\t{i}") for i in range(6)]
    (tmp_path / "train.tsv").write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    test = "pos\tfresh text\nneg\tother text\n" if family == "classification" else "a\tb\t1\nc\td\t2\ne\tf\t3\n"
    (tmp_path / "test.tsv").write_text(test, encoding="utf-8")
    files = 'train = "train.tsv"\ntest = "test.tsv"\n' if family == "classification" else 'test = "test.tsv"\n'
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\n{extra}[files]\n{files}', encoding="utf-8")
    return str(tmp_path / "t.toml")


def _check(spec, capsys, *flags):
    assert main(["--quiet", "datasets", "check", spec, *flags]) == 0
    return capsys.readouterr().out


def test_the_default_protocol_is_shown(tmp_path, capsys):
    spec = _spec(tmp_path)
    assert "  protocol: split (the default)\n" in _check(spec, capsys)
    assert json.loads(_check(spec, capsys, "--json"))["protocol"] == "split"


@pytest.mark.parametrize("protocol", ["split", "cv10"])
def test_a_protocol_the_spec_gives_is_shown_once_as_its_own(tmp_path, capsys, protocol):
    spec = _spec(tmp_path, f'protocol = "{protocol}"\n')
    out = _check(spec, capsys)
    assert f"  task config: {{'protocol': '{protocol}'}}\n" in out and "(the default)" not in out
    assert json.loads(_check(spec, capsys, "--json"))["protocol"] == protocol


def test_a_family_without_a_protocol_shows_none(tmp_path, capsys):
    spec = _spec(tmp_path, family="similarity")
    assert "protocol" not in _check(spec, capsys)
    assert json.loads(_check(spec, capsys, "--json"))["protocol"] is None
