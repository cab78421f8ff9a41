"""`wordeval demo --only` with a label the demo does not have (`glove-6b-50d`: the spec, not the label
`GloVe-6B-50d`) planned nothing, ran for seconds, then ended in 'nothing to compare'; it is now refused
before anything runs or is written, naming the labels."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.cli.demo import DEMO_REPRESENTATIONS


def test_an_unknown_demo_label_is_refused_before_anything_is_written(tmp_path, capsys):
    out, store = tmp_path / "report", tmp_path / "store"
    code = main(["demo", "--only", "glove-6b-50d", "--out", str(out), "--store", str(store)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("wordeval: error: argument --only: invalid choice: 'glove-6b-50d'")
    assert all(label in err[0] for label, _, _ in DEMO_REPRESENTATIONS)
    assert not out.exists() and not store.exists()
