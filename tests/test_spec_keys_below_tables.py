"""Three spec mistakes that were answered wrongly or not at all: a top-level key written below [files] or
[classes] (TOML reads it into that table; it was called an unknown file key, or a class whose file is
missing), dataset = a built-in dataset's name beside the spec's own files (the name was silently given to
the user's file, and the built-in data README's dataset = NAME reads was not read), and a data path written
relative to the working directory instead of the spec's folder. Each is one line naming the spec's line and
what is expected, exit 2, nothing written in --out."""
from __future__ import annotations

from pathlib import Path

import pytest

from wordeval.cli import main

PAIRS = "".join(f"w{i}\tv{i}\t{(i * 7) % 10}.5\n" for i in range(12))


def _write(folder: Path, body: str) -> Path:
    (folder / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(body, encoding="utf-8")
    return spec


def _check(spec: Path, capsys) -> tuple[int, str]:
    rc = main(["--quiet", "datasets", "check", str(spec)])
    return rc, capsys.readouterr().err.strip()


@pytest.mark.parametrize("line", ["score_scale = [0, 10]", 'delimiter = "tab"', 'description = "mine"'])
def test_a_top_level_key_below_files_is_named_as_misplaced(tmp_path, capsys, line):
    key = line.split(" ")[0]
    spec = _write(tmp_path, f'name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n{line}\n')
    rc, err = _check(spec, capsys)
    assert rc == 2 and err.count("\n") == 0, err
    assert err == (f"wordeval: error: {spec}:5: expected file keys train, dev, test (or all), got {key!r} "
                   f"({key} is a top-level key, and TOML reads every key below [files] as part of that "
                   f"table: write {key} above [files])")
    out = tmp_path / "out"
    assert main(["-q", "intrinsic", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)]) == 2
    assert f"{spec}:5: " in capsys.readouterr().err and not out.exists()


def test_a_top_level_key_below_classes_is_not_read_as_a_class(tmp_path, capsys):
    (tmp_path / "p.txt").write_text("good\n", encoding="utf-8")
    (tmp_path / "n.txt").write_text("bad\n", encoding="utf-8")
    spec = _write(tmp_path, 'name = "t"\nfamily = "classification"\n[classes]\npos = "p.txt"\nneg = "n.txt"\n'
                            'protocol = "cv10"\n')
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:6: expected [classes] label = file, got "
                               "protocol = 'cv10' (protocol is a top-level key, and TOML reads every key "
                               "below [classes] as part of that table: write protocol above [classes])")

    # the hint is for a value that names no file: a class 'description' with its file stays a class
    (tmp_path / "p.txt").write_text("".join(f"good {i}\n" for i in range(12)), encoding="utf-8")
    (tmp_path / "d.txt").write_text("".join(f"plain {i}\n" for i in range(12)), encoding="utf-8")
    spec.write_text('name = "t"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\npos = "p.txt"\n'
                    'description = "d.txt"\n', encoding="utf-8")
    assert _check(spec, capsys)[0] == 0

def test_a_built_in_dataset_name_beside_own_files_is_an_error(tmp_path, capsys):
    spec = _write(tmp_path, 'name = "t"\nfamily = "similarity"\ndataset = "simlex999"\n[files]\n'
                            'test = "pairs.txt"\n')
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:3: expected dataset = a name no built-in dataset "
                               "has where the spec names its own files (without [files] or [classes] the "
                               "task reads the built-in 'simlex999'), got 'simlex999'")
    out = tmp_path / "out"
    assert main(["-q", "intrinsic", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)]) == 2
    assert f"{spec}:3: " in capsys.readouterr().err and not out.exists()

    # a name of the user's own beside the files names them, as before
    import wordeval
    spec.write_text(spec.read_text().replace('"simlex999"', '"mine"'), encoding="utf-8")
    assert _check(spec, capsys)[0] == 0
    assert wordeval.get_task(str(spec)).load_dataset().name == "mine"

def test_a_path_relative_to_the_working_directory_is_named_so(tmp_path, capsys, monkeypatch):
    sub = tmp_path / "specs"
    sub.mkdir()
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = sub / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == (f"wordeval: error: {spec}:4: files.test: file not found "
                               f"({sub / 'pairs.txt'}); a path in a spec is read from the spec file's "
                               f"folder, {sub}, not from the working directory, where pairs.txt is: write it "
                               "relative to the spec, or absolute")
    monkeypatch.chdir(sub)  # nothing there either: the plain message, as before
    rc, err = _check(spec, capsys)
    assert rc == 2 and err == f"wordeval: error: {spec}:4: files.test: file not found ({sub / 'pairs.txt'})"
