"""``python -m wordeval.cli.fetch_artifacts``: every artifact of ``wordeval.artifact_table`` into the cache.

A command, so it lives with the commands: in wordeval/artifact_table.py it took the command line's signal
handling and one-line messages from wordeval.cli, and the library reached up into the CLI."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Fetch every artifact into the cache (or find it installed); one line each, exit 2 on the first error.

    ``make fetch`` (and so ``make test`` and ``make demo``) runs this: a Ctrl-C there was a KeyboardInterrupt
    traceback, and a SIGTERM ended the process before its temporary folder was removed. Both are now the
    wordeval command's line and exit code (130, 143); what was fetched before stays in the cache."""
    from wordeval.artifact_table import ARTIFACTS
    from wordeval.artifacts import artifact_root
    from wordeval.cli import _handle_sigterm, _said, interrupted
    from wordeval.errors import WordevalError

    del argv
    _handle_sigterm()
    try:
        for artifact in ARTIFACTS:
            print(f"{artifact}: {artifact_root(artifact)}", flush=True)
    except WordevalError as exc:
        return _said(exc)
    except KeyboardInterrupt as exc:
        return interrupted(exc, resumable=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
