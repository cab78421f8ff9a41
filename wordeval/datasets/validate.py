"""Checks every reader runs on what it read, so that a broken dataset fails at load with the file named
instead of as NaN or a scikit-learn traceback at scoring time.

Errors (InputFormatError): an empty split; the same file given for two splits or two classes (train ==
test would leak); a similarity/STS split whose gold scores are all equal (Spearman is undefined); a
classification or tagging dataset with a single label.

Not errors, recorded in ``extra["warnings"]`` (each names the items): duplicated items. The standard sets
have them — WS353 lists money/cash twice with 9.15 and 9.08, Google repeats 171 questions, SST-2's train
holds 5 phrases under both labels, TREC's train and test share 8 questions — and the published numbers
were computed with them, so refusing them would refuse the benchmarks themselves. Labels or tags seen
in dev/test but never in train are recorded too (a classifier cannot predict them), and so are dev/test
texts that train holds too (a leak a score cannot show).
"""
from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from wordeval.counted_nouns import counted
from wordeval.errors import InputFormatError, NotAvailableError

_MAX_SHOWN = 3


def first_path(paths: Mapping[str, os.PathLike], split: str | None = None) -> os.PathLike:
    """The file that best names a split in a message (its own file, else the first of its class files)."""
    if split is not None:
        if split in paths:
            return paths[split]
        for key in sorted(paths):
            if key.partition("/")[0] == split:
                return paths[key]
    return paths[sorted(paths)[0]] if paths else "<input>"


def subfolders(root: os.PathLike) -> list[Path]:
    """The folders in ``root``, sorted; an unreadable folder is a one-line error naming it."""
    try:
        return sorted(p for p in Path(root).iterdir() if p.is_dir())
    except OSError as exc:
        raise NotAvailableError(f"{os.fspath(root)}: cannot list the folder: {exc.strerror or exc}") from None


def _digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_distinct_files(paths: Mapping[str, os.PathLike]) -> None:
    """Two keys naming the same file (or byte-identical copies): a test set equal to the training set, or
    one class file listed under two labels. Sizes are compared first so only same-size files are hashed."""
    by_size: dict[int, list[tuple[str, Path]]] = {}
    for key in sorted(paths):
        p = Path(paths[key])
        if p.is_file():
            by_size.setdefault(p.stat().st_size, []).append((key, p))
    for group in by_size.values():
        if len(group) < 2:
            continue
        seen: dict[str, str] = {}
        for key, p in group:
            digest = _digest(p)
            if digest in seen:
                raise InputFormatError(p, None, f"a different file for {key!r} than for {seen[digest]!r}",
                                       "the same content (a split or class given twice?)")
            seen[digest] = key


def check_nonempty(splits: Mapping[str, Sequence], paths: Mapping[str, os.PathLike]) -> None:
    if not splits:
        raise InputFormatError(first_path(paths), None, "at least one item", "no items (empty files?)")
    for split, items in splits.items():
        if not len(items):
            raise InputFormatError(first_path(paths, split), None, f"at least one item in split {split!r}",
                                   "none (an empty file, or only blank/comment lines)")


def check_scores_vary(splits: Mapping[str, Sequence], paths: Mapping[str, os.PathLike], what: str,
                      deduplicated: Mapping | None = None) -> None:
    """A constant gold column makes Spearman undefined: refuse it here rather than report NaN later. So does a
    split of one item, which was read and scored as a correlation of one pair (NaN, stored as n/a), as the
    SemEval subsets of one scored pair were before b942ad9. ``deduplicated``: the record of the copies
    dropped before, whose scores were what varied: then the file's score column is not at fault."""
    before = (deduplicated or {}).get("n_before") or {}
    for split, items in splits.items():
        values = {it.score for it in items}
        if len(values) == 1:
            lost = before.get(split, len(items)) - len(items)
            after = f", after deduplicate = true dropped {lost} of its {before[split]}" if lost else ""
            raise InputFormatError(first_path(paths, split), None, f"{what} that vary across the items of {split!r}",
                                   f"a constant {next(iter(values))!r} on all {len(items)} items"
                                   + (after or " (wrong score column?)") if len(items) > 1 else
                                   f"one item ({next(iter(values))!r}){after}: a correlation needs at least "
                                   "two")


def duplicate_warning(items: Iterable, key: Callable[[Any], Any], what: str, split: str, *,
                      lines: Sequence | None = None) -> str | None:
    """``lines``: each item's line (a number, or (file, number)) where items carry a gold ``score``: a repeat
    whose score differs is a contradiction in the file, not a copy, and is named by its lines and scores."""
    items = list(items)
    counts = Counter(key(it) for it in items)
    dups = [(k, n) for k, n in counts.items() if n > 1]
    if not dups:
        return None
    shown = ", ".join(f"{_short(repr(k))} x{n}" for k, n in dups[:_MAX_SHOWN]) + (", ..." if len(dups) > _MAX_SHOWN
                                                                                   else "")
    copies = counted(sum(n - 1 for _, n in dups), "duplicated " + _one(what))
    said = f"{split}: {copies} ({shown}); kept as in the file"
    return said + _differing_scores(items, key, what, lines) if lines is not None else said


def _one(what: str) -> str:
    """The singular of a warning's plural noun ("sentence pairs", "texts")."""
    return what.removesuffix("s")


def _differing_scores(items: list, key: Callable[[Any], Any], what: str, lines: Sequence) -> str:
    first: dict[Any, int] = {}
    clash: dict[Any, tuple[int, int]] = {}  # key -> (its first item, the first item scoring it otherwise)
    for i, it in enumerate(items):
        j = first.setdefault(key(it), i)
        if it.score != items[j].score:
            clash.setdefault(key(it), (j, i))
    if not clash:
        return ""
    k, (a, b) = next(iter(clash.items()))
    placed = [f"{items[i].score!r} on {_place(lines, i, len(items))}" for i in (a, b)]
    return (f"; {counted(len(clash), _one(what))} repeated with different scores (the first, "
            f"{_short(repr(k))}: {placed[0]}, {placed[1]})")


def _place(lines: Sequence, i: int, n_items: int) -> str:
    if len(lines) != n_items:  # a reader that could not say where each item is
        return f"item {i + 1}"
    at = lines[i]
    return f"{Path(at[0]).name}:{at[1]}" if isinstance(at, tuple) else f"line {at}"


def case_duplicate_warning(items: Sequence, key: Callable[[Any], tuple], what: str, split: str) -> str | None:
    """Items that repeat another but for case (('Tiger', 'cat') beside ('tiger', 'cat')): distinct as written,
    so ``duplicate_warning`` passed them, yet one item wherever the case policy lowercases a word (``lower``;
    ``exact-then-lower`` for a word the embedding lacks as written). Both spellings are named, since the
    reader does not know the policy; the items are kept and scored as before."""
    spellings: dict[tuple, dict[tuple, tuple]] = {}  # lowered -> exact (either order) -> as first written
    for it in items:
        k = key(it)
        spellings.setdefault(tuple(sorted(w.lower() for w in k)), {}).setdefault(tuple(sorted(k)), k)
    groups = [list(forms.values()) for forms in spellings.values() if len(forms) > 1]
    if not groups:
        return None
    shown = ", ".join(" / ".join(_short(repr(f)) for f in forms) for forms in groups[:_MAX_SHOWN]) + (
        ", ..." if len(groups) > _MAX_SHOWN else "")
    variants = counted(sum(len(g) - 1 for g in groups), _one(what))
    return (f"{split}: {variants} differing from another only in case ({shown}): one {_one(what)} under "
            f"case = lower (and exact-then-lower where the embedding lacks a spelling); kept as in the file")


def _other_form_note(unseen: Sequence[str], train: set, what: str) -> str:
    """Labels are compared as written, so 'négatif' in NFD (macOS folder names) is not train's NFC 'négatif',
    nor 'ﬁction' (the U+FB01 ligature of a PDF export) train's 'fiction'; both print alike, so the warning says
    which unseen labels are train's in another Unicode form, and which form makes them one. Nor is TREC's
    'DESC:Manner' train's 'DESC:manner': a label that is one of train's but for case is named with what makes
    them one ([label_map] for labels; tags have none). Nor is '1.0' train's '1' (pandas writes an integer
    column that held a missing value as floats): a label that is train's written as another number is too."""
    import unicodedata

    # NFKC folds what NFC does and the compatibility forms besides: NFC was checked alone, and a ligature or
    # full-width label went unexplained
    nfkc = {unicodedata.normalize("NFKC", t): t for t in train if isinstance(t, str)}
    twins = [u for u in unseen if isinstance(u, str) and unicodedata.normalize("NFKC", u) in nfkc]
    notes = []
    if twins:
        def labelled(text: str) -> str:  # train's plain 'fiction' has none to show
            shown = " ".join(f"U+{ord(c):04X}" for c in text if ord(c) > 127)
            return f"{text!r} ({shown})" if shown else repr(text)

        pairs = [(u, nfkc[unicodedata.normalize("NFKC", u)]) for u in twins]
        norm = unicodedata.normalize
        form = "NFC" if all(norm("NFC", u) == norm("NFC", t) for u, t in pairs) else "NFKC"
        shown = ", ".join(f"{labelled(u)} is train's {labelled(t)} in another Unicode form"
                          for u, t in pairs[:_MAX_SHOWN])
        notes.append(f"; {shown}: write the files in one form ({form}) for them to be one {what}")
    folded: dict[str, list] = {}
    for key, t in nfkc.items():
        folded.setdefault(key.casefold(), []).append(t)
    # a label two of train's fold to ('pos' beside train's 'Pos' and 'POS') is left unexplained: no one rename
    cased = [(u, folded[k][0]) for u in unseen if isinstance(u, str) and u not in twins
             and len(folded.get(k := unicodedata.normalize("NFKC", u).casefold(), ())) == 1]
    if cased:
        shown = ", ".join(f"{u!r} is train's {t!r} but for case" for u, t in cased[:_MAX_SHOWN])
        notes.append(f"; {shown} ({what}s are compared as written): {_joined(cased, what, 'case')}")
    # '1' and '01' are one number too: a label two of train's are ('1' and '1.0') is left, as for case
    numbers: dict[float, list] = {}
    for t in train:
        if (value := _number(t)) is not None:
            numbers.setdefault(value, []).append(t)
    explained = set(twins) | {u for u, _ in cased}
    valued = [(u, numbers[v][0]) for u in unseen if u not in explained and (v := _number(u)) is not None
              and len(numbers.get(v, ())) == 1]
    if valued:
        shown = ", ".join(f"{u!r} is train's {t!r} written as another number" for u, t in valued[:_MAX_SHOWN])
        notes.append(f"; {shown} ({what}s are compared as written, and a float column writes 1 as 1.0): "
                     f"{_joined(valued, what, 'form')}")
    return "".join(notes)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _number(label: Any) -> float | None:
    """The value of a label written as a decimal number ('1', '1.0', '01'), None for any other; float()'s
    other spellings ('nan', 'inf', '1_0', ' 1') are not a column's numbers."""
    if not isinstance(label, str) or not _NUMBER.fullmatch(label):
        return None
    value = float(label)
    return value if math.isfinite(value) else None


def _joined(pairs: Sequence[tuple[str, str]], what: str, way: str) -> str:
    """What makes each (unseen, train's) pair one: the [label_map] lines for labels; tags have none."""
    if what != "label":
        return f"write them in one {way} in the files for them to be one {what}"
    return "[label_map] renames them (" + ", ".join(f"{_toml_key(u)} = {_toml_key(t)}"
                                                    for u, t in pairs[:_MAX_SHOWN]) + ")"


def _toml_key(text: str) -> str:
    """``text`` as a TOML basic string, which a [label_map] line takes as its key and value."""
    import json

    return json.dumps(text, ensure_ascii=False)


def overlap_warning(splits: Mapping[str, Sequence], key: Callable[[Any], Any], what: str) -> list[str]:
    """Items of a scored split that also occur in train: a score on them measures recall of seen items, not
    generalisation. A warning, not an error: TREC's train and test share questions in the published split.
    dev is left out: classification does not use it (C is chosen by cross-validation on train)."""
    seen = {key(it) for it in splits.get("train", ())}
    warnings = []
    for split, items in splits.items():
        shared = list(dict.fromkeys(k for k in map(key, items) if k in seen)) if split not in ("train", "dev") else []
        if shared:
            n = sum(1 for it in items if key(it) in seen)
            shown = ", ".join(_short(repr(k)) for k in shared[:_MAX_SHOWN]) + (", ..." if len(shared) > _MAX_SHOWN
                                                                                  else "")
            warnings.append(f"{split}: {n} of its {len(items)} {what} also in train ({shown}); kept as in the "
                            f"files, so the {split} score partly measures documents the learner was trained on")
    return warnings


def _shown(values: Sequence) -> str:
    return ", ".join(map(repr, values[:_MAX_SHOWN])) + (", ..." if len(values) > _MAX_SHOWN else "")


def _short(text: str, limit: int = 60) -> str:
    """An item as shown in a warning: a duplicated BBC document was quoted whole (thousands of characters)."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def check_shared_labels(splits: Mapping[str, Iterable[str]], paths: Mapping[str, os.PathLike], what: str,
                        lost: str = "") -> None:
    """Refuse a split none of whose labels (or tags) train has: every item of it is an error for any learner, so
    its score is 0 whatever is compared (train's 0/1 beside test's neg/pos, two releases' conventions), as a
    test split without a chunk scores F1 0. ``splits``: split -> its labels as written; ``lost``: what the
    split loses, where not every item (``{split}`` stands for its name)."""
    train = set(splits.get("train", ()))
    for split, values in splits.items():
        values = set(values)
        if train and split != "train" and values and not values & train:
            fix = "; [label_map] renames labels" if what == "label" else ""
            lost_here = lost.format(split=split) or f"every {split} item is an error for any learner"
            raise InputFormatError(first_path(paths, split), None, f"{what}s in {split!r} that train has too",
                                   f"none: {split} has {_shown(sorted(values))}, "
                                   f"train {_shown(sorted(train))} "
                                   f"({lost_here}; the files name them differently?{fix})"
                                   + _other_form_note(sorted(values), train, what))


def check_labels(splits: Mapping[str, Sequence[str]], paths: Mapping[str, os.PathLike], what: str) -> tuple[list, list]:
    """``splits`` maps split -> the labels (or tags) of its items. Returns (sorted labels, warnings)."""
    every = set()
    for values in splits.values():
        every.update(values)
    if len(every) < 2:
        raise InputFormatError(first_path(paths), None, f"at least two distinct {what}s",
                               f"one {what} only, {sorted(every)!r} (a single class cannot be learned or scored)")
    warnings = []
    train = set(splits.get("train", ()))
    if len(train) == 1:
        raise InputFormatError(first_path(paths, "train"), None, f"at least two distinct {what}s in train",
                               f"one {what} only, {sorted(train)!r}")
    if train:
        for split, values in splits.items():
            unseen = sorted(set(values) - train)
            if split != "train" and unseen:
                warnings.append(f"{split}: {len(unseen)} {what}(s) never seen in train ({_shown(unseen)}); no learner "
                                "trained here can predict them, so their items count as errors"
                                + _other_form_note(unseen, train, what))
    return sorted(every), warnings
