"""--force on a predictions folder that holds what wordeval wrote there: files and their sidecars."""
from __future__ import annotations

from wordeval.output_paths import check_output, write_marker


def test_a_predictions_folders_own_sidecars_do_not_stop_force(tmp_path):
    """Every predictions file has a .json sidecar (wordeval.results.predictions.sidecar); --force took the
    sidecars for files wordeval did not write and refused to replace the folder."""
    folder = tmp_path / "pred"
    folder.mkdir()
    write_marker(folder, "predictions")
    (folder / "pos__mine__seed0__cfg0123abcd.tsv").write_text("a\tDET\tDET\n", encoding="utf-8")
    (folder / "pos__mine__seed0__cfg0123abcd.tsv.json").write_text("{}\n", encoding="utf-8")
    assert check_output(folder, "report", force=True) == folder.resolve()
