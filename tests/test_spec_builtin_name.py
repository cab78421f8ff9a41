"""A user's spec named like a built-in task (name = "ws353", family similarity, over the user's own pairs) was
legal: its records and the built-in task's were one task similarity/ws353, so in a shared store or a compare
over several stores the later record replaced the other under one row, and a row named ws353 showed the
user's 11-pair file's score. Such a spec is now refused at its name line, before any work; reading the
built-in data under a name of the user's own (dataset = "ws353") still works."""
from __future__ import annotations

import hashlib

import pytest

import wordeval
from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results.store import load_records


def _named(spec, name: str, extra: str = ""):
    text = spec.read_text(encoding="utf-8").replace('name = "mine"', f'\nname = "{name}"{extra}')
    spec.write_text(text, encoding="utf-8")
    return spec


def _refusal(spec, name: str, family: str = "similarity", data: str | None = None) -> str:
    return (f"wordeval: error: {spec}:2: expected name = one no built-in task has ({family}/{name} is built in, and "
            f"its records and this spec's would be stored, compared and reported as one task; choose another "
            f'name, with dataset = "{data or name}" to read the built-in data under it), got \'{name}\'\n')


def test_a_spec_named_like_a_built_in_task_is_refused_at_its_name_line(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    _named(spec, "ws353")
    assert main(["datasets", "check", str(spec)]) == 2
    assert capsys.readouterr().err == _refusal(spec, "ws353")
    out = tmp_path / "R"
    assert main(["-q", "run", f"v={vectors}", "--tasks", str(spec), "--out", str(out)]) == 2
    assert capsys.readouterr().err == _refusal(spec, "ws353") and not out.exists()


def test_nothing_is_added_to_a_store_holding_the_built_in_task(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "R"
    assert main(["-q", "run", f"v={vectors}", "--tasks", "similarity/ws353", "--out", str(out)]) == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    assert main(["-q", "run", f"w={vectors}", "--tasks", str(_named(spec, "ws353")), "--out", str(out)]) == 2
    assert capsys.readouterr().err == _refusal(spec, "ws353")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()} == before


def test_the_python_api_refuses_it_too(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    from wordeval.errors import WordevalError

    with pytest.raises(WordevalError, match=r":2: expected name = one no built-in task has"):
        wordeval.evaluate(str(vectors), str(_named(spec, "ws353")))


def test_only_the_family_and_name_of_a_built_in_task_are_refused(tmp_path, capsys):
    """ws353 is a similarity task: an analogy spec of that name is analogy/ws353, another row."""
    _, spec = write_small_task(tmp_path)
    (tmp_path / "q.txt").write_text("a b c d\ne f g h\n", encoding="utf-8")
    spec.write_text('name = "ws353"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    assert main(["-q", "datasets", "check", str(spec)]) == 0
    spec.write_text('name = "ws353"\nfamily = "similarity"\ndataset = "ws353"\n', encoding="utf-8")
    assert main(["-q", "datasets", "check", str(spec)]) == 2  # the built-in data under the built-in name
    assert "expected name = one no built-in task has" in capsys.readouterr().err


def test_the_built_in_data_under_the_users_own_name_still_works(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    spec.write_text('name = "myws"\nfamily = "similarity"\ndataset = "ws353"\n', encoding="utf-8")
    wordeval.run([f"v={vectors}"], [str(spec), "similarity/ws353"], out=str(tmp_path / "R"))
    records, _ = load_records(str(tmp_path / "R"))
    by_task = {r.task: r for r in records}
    assert set(by_task) == {"similarity/myws", "similarity/ws353"}
    mine, builtin = by_task["similarity/myws"], by_task["similarity/ws353"]
    assert mine.dataset_sha256 == builtin.dataset_sha256 and mine.n_total == builtin.n_total == 353
    assert mine.main_value == builtin.main_value


def _an_older_wordevals_store(tmp_path, vectors, spec, *, spec_last: bool):
    """Store R as an older wordeval left it: the built-in similarity/ws353 on v, and a spec named ws353 over the
    user's 11 pairs on w (stored before or after it)."""
    from wordeval.results.record import ResultRecord
    from wordeval.results.store import ResultStore

    wordeval.run([f"w={vectors}"], [str(spec)], out=str(tmp_path / "fresh"))
    (record,), _ = load_records(str(tmp_path / "fresh"))
    old = record.to_dict()
    old["task"], old["dataset"] = "similarity/ws353", {**old["dataset"], "name": "ws353"}
    old["run"] = {**old["run"], "time": "2099-01-01T00:00:00+00:00" if spec_last else "2000-01-01T00:00:00+00:00"}
    wordeval.run([f"v={vectors}"], ["similarity/ws353"], out=str(tmp_path / "R"))
    store = ResultStore(tmp_path / "R")
    store.put(ResultRecord.from_dict(old), request="0" * 24)
    store.close()


@pytest.mark.parametrize("spec_last", [True, False])
def test_compare_over_an_older_store_says_which_declaration_its_row_shows(tmp_path, spec_last):
    vectors, spec = write_small_task(tmp_path)
    _an_older_wordevals_store(tmp_path, vectors, spec, spec_last=spec_last)
    comp = wordeval.compare(str(tmp_path / "R"))
    assert comp.representations == ["w" if spec_last else "v"]  # the older record is left out, as before
    (note,) = [n for n in comp.notes if "named like it" in n]
    shown, left = ((f"the user's spec {spec}", "the built-in task") if spec_last
                   else ("the built-in task", f"the user's spec {spec}"))
    assert note == (f"similarity/ws353: its records are of the built-in task and of the user's spec {spec}, named "
                    f"like it (an older wordeval allowed that; a spec may no longer take a built-in task's name): "
                    f"its latest record is of {shown}, and only records on that data are compared; 1 record(s) of "
                    f"{left} are left out (counted in the note on another version of the task).")


def test_the_note_claims_no_row_where_a_later_rule_left_the_task_none(tmp_path):
    """The built-in record is the task's latest, but its label v later names another embedding (another file,
    on simlex999): v's ws353 record is left out too, and the task has no row. The note said "its row shows the
    data of the built-in task"."""
    vectors, spec = write_small_task(tmp_path)
    _an_older_wordevals_store(tmp_path, vectors, spec, spec_last=False)
    other = tmp_path / "other.txt"
    other.write_text(vectors.read_text(encoding="utf-8").replace(" ", " 1", 1), encoding="utf-8")
    wordeval.run([f"v={other}"], ["similarity/simlex999"], out=str(tmp_path / "later"))
    comp = wordeval.compare([str(tmp_path / "R"), str(tmp_path / "later")])
    assert [t["name"] for t in comp.tasks] == ["similarity/simlex999"]  # no ws353 row
    (note,) = [n for n in comp.notes if "named like it" in n]
    assert "its row" not in note and "its latest record is of the built-in task" in note
