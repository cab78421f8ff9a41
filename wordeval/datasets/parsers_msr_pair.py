"""MSR's original two-file release: ``word_relationship.questions`` holds ``a b c`` per line and
``word_relationship.answers`` beside it ``TYPE d`` on the same line number (``JJ_JJR rougher``).

A spec names the questions file (``test = "word_relationship.questions"``); its answers are the sibling
with the suffix ``.answers``, read as SemEval's STS gold file is read beside its input, and recorded with
the data's digests (a corrected answers file is another dataset).
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Mapping

from wordeval.datasets.analogy_tags import reads_pos_suffix
from wordeval.datasets.textio import iter_lines, split_blanks
from wordeval.datasets.types import AnalogyQuestion
from wordeval.errors import InputFormatError, MissingFileError

JOIN_HINT = ("or join the two files line by line into MSR's five-column 'a b c TYPE d' lines "
             "(paste -d' ' word_relationship.questions word_relationship.answers > msr.txt) and name that file")


def answers_path(questions: str | os.PathLike) -> Path:
    """``word_relationship.questions`` -> ``word_relationship.answers`` (any stem: the release's names)."""
    return Path(questions).with_suffix(".answers")


def parse_msr_pair(questions: str | os.PathLike, *, encoding: str = "utf-8") -> list[AnalogyQuestion]:
    from wordeval.datasets.parsers_analogy import MSR_TYPE, target_alternatives

    answers = answers_path(questions)
    if Path(questions).suffix != ".questions" or not answers.is_file():
        raise MissingFileError(f"{answers}: the answers of {Path(questions).name} (MSR's two-file release: 'a b c' "
                               f"lines in NAME.questions, 'TYPE d' lines in NAME.answers beside it) not found; "
                               f"put it there, {JOIN_HINT}")
    out: list[AnalogyQuestion] = []
    pairs = itertools.zip_longest(iter_lines(questions, encoding=encoding), iter_lines(answers, encoding=encoding))
    for q, a in pairs:
        if q is None or a is None:
            if not (q or a)[1].strip():  # blank lines after the last line of the shorter file: a file's ending
                continue
            # the line where the two files part, as for SemEval's STS.input/STS.gs: a count alone left the
            # user to find it
            n_q = sum(1 for _ in iter_lines(questions, encoding=encoding))
            n_a = sum(1 for _ in iter_lines(answers, encoding=encoding))
            counts = f"({n_a} answer lines for {n_q} questions)"
            if a is None:
                raise InputFormatError(questions, q[0], f"an answer for this question on line {q[0]} of "
                                       f"{answers.name}", f"none {counts}")
            raise InputFormatError(answers, a[0], f"no answer line past the {n_q} questions of "
                                   f"{Path(questions).name}", f"{a[1][:60]!r} {counts}")
        (lineno, q_line), (_, a_line) = q, a
        if not q_line.strip() and not a_line.strip():
            continue
        words, answer = split_blanks(q_line), split_blanks(a_line)
        if len(words) != 3:
            raise InputFormatError(questions, lineno, "3 space-separated words a b c (MSR's .questions)",
                                   repr(q_line[:60]))
        if len(answer) != 2 or not MSR_TYPE.fullmatch(answer[0]):
            raise InputFormatError(answers, lineno, "a relation and the target, 'TYPE d' such as 'JJ_JJR rougher' "
                                   "(MSR's .answers)", repr(a_line[:60]))
        out.append(AnalogyQuestion(*words, target_alternatives(answer[1]), answer[0]))
    return out


@reads_pos_suffix
def read_msr_pair(paths: Mapping[str, os.PathLike], *, encoding: str = "utf-8") -> tuple[dict, dict]:
    from wordeval.datasets.parsers_analogy import _finish, _splits

    keyed = _splits(paths)
    splits = {split: parse_msr_pair(path, encoding=encoding) for split, path in keyed.items()}
    sections = list(dict.fromkeys(q.section for items in splits.values() for q in items))
    also_read = {f"{split}:{answers_path(path).name}": str(answers_path(path)) for split, path in keyed.items()}
    return _finish(splits, keyed, sections, {"also_read": also_read})
