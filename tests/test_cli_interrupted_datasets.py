"""An interrupted `datasets` command said "what was stored so far is kept; run the same command again to
resume" for every action, though only `fetch` keeps anything (list, verify, cite and check only read)."""
from __future__ import annotations

import pytest

from wordeval.cli import main

RESUME = "wordeval: interrupted (what was stored so far is kept; run the same command again to resume)"
NOTHING = "wordeval: interrupted (nothing was written; an earlier output is as it was)"


@pytest.mark.parametrize("argv, said", [(["datasets", "list"], NOTHING), (["datasets", "verify", "mc30"], NOTHING),
                                        (["datasets", "cite", "mc30"], NOTHING),
                                        (["datasets", "check", "x.toml"], NOTHING),
                                        (["datasets", "fetch", "mc30"], RESUME)])
def test_only_fetch_says_resume(monkeypatch, capsys, argv, said):
    import wordeval.cli.datasets as datasets_cli

    def interrupted(args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(datasets_cli, "run", interrupted)
    assert main(["--quiet", *argv]) == 130
    assert capsys.readouterr().err.strip() == said


def test_a_run_still_says_resume(monkeypatch, capsys):
    import wordeval.cli.run as run_cli

    monkeypatch.setattr(run_cli, "run", lambda args, **kwargs: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert main(["--quiet", "run", "x.txt"]) == 130
    assert capsys.readouterr().err.strip() == RESUME
