"""Reader options of SemEval's own STS files (STS.input.NAME.txt with STS.gs.NAME.txt): their one layout takes
no layout hints; encoding and the decimal comma of the gold scores are checked and sniffed here."""
from __future__ import annotations

from wordeval.datasets.sniff import is_number, read_sample
from wordeval.datasets.textio import DECIMAL_COMMA, with_decimal_point
from wordeval.errors import HintError


def semeval_options(found, hints, notes) -> dict:
    """Each file's head is checked as every other data file's is: a UTF-16 or Latin-1 one was "expected
    utf-8-sig text, got undecodable byte 0xff", without the way out. Gold scores written "3,5" are read with a
    decimal comma (the hint, else sniffed: a gold line holds its score alone, so "3,5" can be nothing else)."""
    for key in ("delimiter", "header", "comment", "columns", "subset"):  # read by nothing here: said so
        if key in hints:
            raise HintError(key, f"{found[0][0]}: SemEval STS files have one layout (STS.input: two tab-separated "
                                 f"sentences; STS.gs: one score a line; the subset is NAME); {key} does not apply")
    golds = []
    for input_path, gold_path, _ in found:
        read_sample(input_path, hints.get("encoding"), [])
        if gold_path.is_file():  # a missing one is the reader's error, naming its input
            golds.append(read_sample(gold_path, hints.get("encoding"), []))
    options = {"encoding": hints["encoding"]} if hints.get("encoding") else {}
    decimal = hints.get("decimal")
    if decimal is None:
        cells = [line.strip() for sample in golds for _, line in sample.content()]
        comma = any(DECIMAL_COMMA.fullmatch(c) for c in cells)
        decimal = "," if comma and all(is_number(with_decimal_point(c, ",")) for c in cells) else "."
        if decimal == ",":
            notes.append("STS.gs: scores written with a decimal comma ('3,5' is 3.5; set decimal = \".\" to change)")
    if decimal == ",":
        options["decimal"] = decimal
    return options
