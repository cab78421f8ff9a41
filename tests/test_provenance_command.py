"""Under a locale that is not UTF-8 (LC_ALL=C, PYTHONUTF8=0) a path argument such as 'out dir ø' reaches
sys.argv with its bytes as lone surrogates; writing the report's provenance ('command: ...') then failed with
a UnicodeEncodeError traceback after all the figures were drawn."""
from __future__ import annotations

import os

from wordeval.provenance import run_provenance


def test_the_command_is_recorded_as_utf8_text():
    as_the_c_locale_decodes_it = os.fsencode("/data/ré sults").decode("ascii", "surrogateescape")
    bad_bytes = b"/data/latin1-\xe9".decode("ascii", "surrogateescape")  # a file name that is not UTF-8
    command = run_provenance(argv=["wordeval", "report", as_the_c_locale_decodes_it, bad_bytes])["command"]
    assert command == ["wordeval", "report", "/data/ré sults", "/data/latin1-\\xe9"]
    "\n".join(command).encode("utf-8")
