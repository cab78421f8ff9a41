"""Keys a config derives (tagging's linear_version, oov_rows, kmeans; similarity's and STS's cosine_version)
are recorded, never chosen: --set's hint listed them among the options a run takes, inviting a user to set
how this wordeval computes. Oracle: the families' DEFAULT_CONFIG keys (the options) by hand."""
from __future__ import annotations

import pytest

from wordeval.cli.common import check_settings_apply
from wordeval.errors import ConfigError
from wordeval.tasks.task import get_task


@pytest.mark.parametrize("task, derived", [("similarity/ws353", {"cosine_version"}),
                                           ("sts/sts12", {"cosine_version"}),
                                           ("pos/ptb-pos", {"linear_version", "oov_rows", "kmeans"})])
def test_derived_keys_are_not_options(task, derived):
    t = get_task(task)
    assert not derived & t.known_options()
    assert "oov" in t.known_options()  # an option of all three
    for key in derived:
        with pytest.raises(ConfigError) as info:
            check_settings_apply({key: 1}, [task])
        assert f"--set {key}: no task of this run takes that option" in str(info.value)
        assert not any(d in str(info.value).split("they take:")[1] for d in derived)


def test_a_validated_config_still_validates_to_itself():
    # the derived keys stay readable where a stored config is validated again (a resumed run, a worker)
    for task in ("similarity/ws353", "sts/sts12"):
        t = get_task(task)
        cfg = t.validate_config({})
        assert cfg["cosine_version"] == 2 and t.validate_config(cfg) == cfg
