"""Under LC_ALL=C with PYTHONUTF8=0 Python spells a path's non-ASCII bytes as lone surrogates
('/tmp/x_ü' is '/tmp/x_\\udcc3\\udcbc'). Such a path used as a representation was a UnicodeEncodeError
traceback where the store key was built, then where the record was stored, then in the report. The test
spells the path as that locale does (the same bytes on disk) and runs in-process under the test's locale."""
from __future__ import annotations

import json
import os

from tests._small_task import write_small_task


def _c_locale_spelling(path) -> str:
    return os.fsencode(str(path)).decode("ascii", "surrogateescape")


def test_a_non_ascii_path_spelled_by_the_c_locale_is_stored_under_its_utf8_key(tmp_path, monkeypatch):
    import wordeval

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "vecs_ü"
    folder.mkdir()
    vectors, spec = write_small_task(folder)
    c_spelling = _c_locale_spelling(vectors)
    assert c_spelling != str(vectors) and os.path.exists(c_spelling)

    first = wordeval.run([c_spelling], [str(spec)], out=tmp_path / "R", progress=False)
    assert len(first.computed) == 1 and not first.failed
    # the same file named as a UTF-8 locale names it is the same request: nothing is computed again
    again = wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R", progress=False)
    assert again.computed == [] and len(again.cached) == 1

    record = wordeval.results_frame(tmp_path / "R")
    assert set(record["representation"]) == {str(vectors)}


def test_the_report_of_such_a_store_is_written(tmp_path, monkeypatch):
    import wordeval
    from wordeval.report.writer import write_report

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "vecs_ü"
    folder.mkdir()
    vectors, spec = write_small_task(folder)
    wordeval.run([_c_locale_spelling(vectors)], [str(spec)], out=tmp_path / "R", progress=False)
    out = write_report(wordeval.compare(tmp_path / "R"), tmp_path / "rep", argv=["wordeval", "report"],
                       figures=False)
    assert str(vectors) in (out / "report.md").read_text(encoding="utf-8")
    assert str(vectors) in json.dumps(json.loads((out / "results.json").read_text(encoding="utf-8")),
                                      ensure_ascii=False)


def test_the_vector_cache_serves_the_file_under_either_spelling(tmp_path):
    from wordeval.embeddings.load import load_embedding

    folder = tmp_path / "vecs_ü"
    folder.mkdir()
    vectors, _ = write_small_task(folder)
    first = load_embedding(str(vectors), cache_home=tmp_path / "cache")
    again = load_embedding(_c_locale_spelling(vectors), cache_home=tmp_path / "cache")
    assert getattr(again, "cache_path", None) and again.info.fingerprint == first.info.fingerprint
