"""--save-predictions named its files after the representation's label and the task's name as written:
'GloVe' and 'glove', or tasks 'Mine' and 'mine', gave names that differ only by case, which macOS (APFS) and
Windows (NTFS) take for one file: the second run's predictions silently replaced the first's. A name part with
a capital letter now carries a digest, so the names differ on a file system that ignores case too (the
oracle: the names' casefolded spellings, as such a file system compares them)."""
from __future__ import annotations

from types import SimpleNamespace

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results.predictions import file_name


def test_labels_and_task_names_that_differ_only_by_case_get_names_that_differ_by_more():
    names = [file_name(SimpleNamespace(name=f"ner/{task}"), label, "conll", seed=0)
             for task in ("NER", "ner", "Ner") for label in ("GloVe", "glove", "GLOVE")]
    assert len({n.casefold() for n in names}) == len(names) == 9
    kept_as_is = file_name(SimpleNamespace(name="ner/ner"), "glove", "conll")
    assert kept_as_is == "ner__ner__glove.conll"


def test_saved_predictions_of_such_labels_and_tasks_are_distinct_where_case_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    vectors, _ = write_small_task(tmp_path)
    specs = []
    for name in ("Mine", "mine"):
        specs.append(tmp_path / f"{name}_spec.toml")
        specs[-1].write_text(f'name = "{name}"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                             encoding="utf-8")
    assert main(["--quiet", "intrinsic", f"GloVe={vectors}", f"glove={vectors}", "--tasks", *map(str, specs),
                 "--out", str(tmp_path / "R"), "--save-predictions", str(tmp_path / "P")]) == 0
    tables = [p.name for p in (tmp_path / "P").glob("*.tsv")]
    assert len(tables) == 4 and len({n.casefold() for n in tables}) == 4
