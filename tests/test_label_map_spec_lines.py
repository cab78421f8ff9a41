"""A classification spec's label_map with a bad entry named the [label_map] table's line (a bad value) or only a
data file (a key no file has), where every other spec error names SPEC:LINE of the key at fault. Both now name
the spec file and the entry's own line, with the key."""
from __future__ import annotations

import pytest

from wordeval.cli import main

HEAD = 'name = "c"\nfamily = "classification"\n\n'
FILES = '[files]\ntrain = "train.tsv"\ntest = "test.tsv"\n'


def _write(tmp_path, body: str):
    (tmp_path / "train.tsv").write_text("".join(f"{i % 2}\ttext number {i}\n" for i in range(12)), encoding="utf-8")
    (tmp_path / "test.tsv").write_text("".join(f"{i % 2}\tother text {i}\n" for i in range(6)), encoding="utf-8")
    spec = tmp_path / "c.toml"
    spec.write_text(HEAD + body + FILES, encoding="utf-8")
    return spec


@pytest.mark.parametrize("body, line, what", [
    ('[label_map]\n"0" = "neg"\n"1" = 3\n', 6, "label_map.1=3: expected a label (a non-empty string) or false "
                                               "(drop its items)"),
    ('label_map.0 = "neg"\nlabel_map.1 = ""\n', 5, "label_map.1='': expected a label (a non-empty string) or false "
                                                   "(drop its items)"),
    ('[label_map]\n"0" = "neg"\n"7" = "pos"\n', 6, "label_map: expected keys among the labels read from test.tsv, "
                                                   "train.tsv ('0', '1'), got '7'"),
])
def test_a_bad_label_map_entry_is_named_at_its_own_spec_line(tmp_path, capsys, body, line, what):
    spec = _write(tmp_path, body)
    assert main(["datasets", "check", str(spec)]) == 2
    assert capsys.readouterr().err == f"wordeval: error: {spec}:{line}: {what}\n"


def test_a_label_map_key_no_file_has_is_named_at_its_line_by_a_run(tmp_path, capsys):
    from tests._small_task import write_small_task

    vectors, _ = write_small_task(tmp_path)
    spec = _write(tmp_path, '[label_map]\n"7" = "pos"\n')
    out = tmp_path / "out"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {spec}:5: label_map: expected keys among the labels read "
                                       f"from test.tsv, train.tsv ('0', '1'), got '7'\n")
    assert not out.exists()
