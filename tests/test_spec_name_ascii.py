"""A task spec's name is ASCII (it becomes a file name and a LaTeX label); a Turkish or Greek name was refused
with "expected name = letters, digits ...", which 'türkçe' is, so the line did not say what was wrong."""
from __future__ import annotations

from wordeval.cli import main


def test_a_non_ascii_name_is_told_the_letters_are_ascii(tmp_path, capsys):
    (tmp_path / "pairs.txt").write_text("".join(f"w{i}\tv{i}\t{i}\n" for i in range(12)), encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "türkçe"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {spec}:1: expected name = ASCII letters (A-Z, a-z), digits and . _ + -, "
                   f"starting with a letter or digit (no spaces or slashes), got 'türkçe'\n")


def test_a_name_ending_in_a_newline_is_refused(tmp_path, capsys):
    """The check's '$' matched before a final newline: name = "mine\n" was accepted, and the run's lines (the
    'stored' line, status) named the task 'similarity/mine' with a line break after it."""
    (tmp_path / "pairs.txt").write_text("".join(f"w{i}\tv{i}\t{i}\n" for i in range(12)), encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "mine\\n"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:1: expected name = ASCII letters") and err.endswith(
        "got 'mine\\n'\n")
