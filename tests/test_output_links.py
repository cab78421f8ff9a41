"""The marker rule (replace only a previous wordeval output) with symbolic links: a marker that is a link to
another output's marker does not make a user's folder a wordeval output (its report.md was replaced), while
an --out that is a link to a real report still replaces that report, and one to a user's folder is refused."""
from __future__ import annotations

import os

import pytest

from tests._records import small_store
from wordeval.cli import main
from wordeval.output_paths import MARKER

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@pytest.fixture
def store_and_report(tmp_path):
    store = small_store(tmp_path / "R")
    report = tmp_path / "rep"
    assert main(["--quiet", "report", str(store), "--out", str(report), "--n-boot", "20"]) == 0
    return store, report


def test_a_linked_marker_does_not_make_a_users_folder_replaceable(store_and_report, tmp_path, capsys):
    store, report = store_and_report
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md").write_text("my own notes\n")
    (mine / MARKER).symlink_to(report / MARKER)
    assert main(["--quiet", "report", str(store), "--out", str(mine), "--n-boot", "20"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: --out {mine}: exists and holds files wordeval did not write")
    assert (mine / "report.md").read_text() == "my own notes\n" and (mine / MARKER).is_symlink()


def test_out_as_a_link_replaces_the_report_it_points_to_and_refuses_a_users_folder(store_and_report, tmp_path):
    store, report = store_and_report
    link = tmp_path / "latest"
    link.symlink_to(report)
    assert main(["--quiet", "report", str(store), "--out", str(link), "--n-boot", "20"]) == 0
    assert link.is_symlink() and (report / "report.md").is_file()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("x")
    other = tmp_path / "other"
    other.symlink_to(mine)
    assert main(["--quiet", "report", str(store), "--out", str(other), "--n-boot", "20"]) == 2
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("where", ["the path", "a folder above it"])
def test_an_output_through_a_dangling_link_is_refused_before_any_work(store_and_report, tmp_path, capsys,
                                                                      monkeypatch, where):
    """resolve() follows a link whose target is gone: the report (or the store) was written through it,
    creating the target and the folders above it wherever the link pointed, and its check for a dangling
    link, made on the resolved path, could never refuse it."""
    import wordeval.cli.compare

    store, _ = store_and_report
    target = tmp_path / "gone" / "deeper"
    link = tmp_path / "latest"
    link.symlink_to(target)
    out = link if where == "the path" else link / "new"
    named = "" if where == "the path" else f"{link} in it is "

    def no_work(*args, **kwargs):
        raise AssertionError("the comparison ran before --out was refused")

    monkeypatch.setattr(wordeval.cli.compare, "build", no_work)
    capsys.readouterr()
    assert main(["--quiet", "report", str(store), "--out", str(out), "--n-boot", "20"]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: --out {out}: {named}a dangling symbolic link (to {target}, "
                                       f"which does not exist); create its target, or name another path\n")
    assert main(["--quiet", "run", "x.txt", "--tasks", "similarity/ws353", "--out", str(out / "mine.sqlite")]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: --out {out / 'mine.sqlite'}: {link} in it is a dangling "
                                       f"symbolic link (to {target}, which does not exist); create its target, or "
                                       f"name another path\n")
    assert not (tmp_path / "gone").exists() and link.is_symlink()


@pytest.mark.parametrize("marker", ["", "not json", '{"kind": "cache"}', "link"])
def test_a_forged_marker_is_named_as_such(store_and_report, tmp_path, capsys, marker):
    """A folder whose marker wordeval did not write is refused as a user's folder; the line said 'no
    .wordeval-output marker' while `ls -a` showed one."""
    store, report = store_and_report
    mine = tmp_path / "mine"
    mine.mkdir()
    if marker == "link":
        (mine / MARKER).symlink_to(report / MARKER)
    else:
        (mine / MARKER).write_text(marker)
    capsys.readouterr()
    assert main(["--quiet", "report", str(store), "--out", str(mine), "--n-boot", "20"]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: --out {mine}: exists and holds files wordeval did not "
                                       f"write (its {MARKER} is not one wordeval wrote); name a new or empty "
                                       f"folder\n")
    assert os.listdir(mine) == [MARKER]
