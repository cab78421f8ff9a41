"""Under LC_ALL=C with PYTHONUTF8=0 `datasets list --json` and `datasets check --json` wrote a non-ASCII path
(a data home, a spec's folder) as lone surrogates, "\\udcc3\\udca9" for "é", which no JSON reader turns back
into the path; `info --json` and `compare --json` write the character. Oracle: the path as a UTF-8 locale
spells it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests._small_task import write_small_task


def _c_locale() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "PYTHONIOENCODING")}
    return {**env, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _json(argv, env) -> object:
    res = subprocess.run([sys.executable, "-m", "wordeval", *argv], env=env, capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    return json.loads(res.stdout)


def _surrogates(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_check_json_spells_the_spec_path_as_utf8(tmp_path):
    folder = tmp_path / "données"
    folder.mkdir()
    _, spec = write_small_task(folder)
    out = _json(["datasets", "check", str(spec), "--json"], {**_c_locale(), "WORDEVAL_CACHE": str(tmp_path / "c")})
    assert out["source"] == f"spec:{spec}" and not _surrogates(json.dumps(out, ensure_ascii=False))


def test_list_json_spells_the_data_home_as_utf8(tmp_path):
    home = tmp_path / "données"
    home.mkdir()
    env = {**_c_locale(), "WORDEVAL_CACHE": str(tmp_path / "c"), "WORDEVAL_DATA": str(home),
           "WORDEVAL_OFFLINE": "1"}
    rows = _json(["datasets", "list", "--json"], env)
    rg65 = next(r for r in rows if r["name"] == "rg65")
    assert f"not in the data home: {home}/" in rg65["why_not"]
    assert not _surrogates(json.dumps(rows, ensure_ascii=False))
