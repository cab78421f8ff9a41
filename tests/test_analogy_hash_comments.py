"""'#' comment lines in a user's analogy file, without a ``comment`` hint. Read as data, '# my analogy set'
was a question of four OOV words ('#', 'my', 'analogy', 'set': coverage silently lower), '# plurals' in a
BATS relation file a word pair ('#' -> 'plurals') making questions, and '# analogies for my paper' an error
about multiword items. A hashtag word that reads as a question stays data."""
from __future__ import annotations

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import AnalogyQuestion


def _read(files, hints=None):
    name, options, notes = sniff("analogy", files, hints or {})
    splits, extra = reader(name)(files, **options)
    return name, notes, splits["test"], extra


def _w(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FAMILY = [AnalogyQuestion("king", "queen", "man", ("woman",), "family"),
          AnalogyQuestion("man", "woman", "boy", ("girl",), "family")]


def test_google_file_with_a_comment_of_four_words(tmp_path):
    path = _w(tmp_path / "q.txt", "# my analogy set\n: family\nking queen man woman\nman woman boy girl\n")
    name, notes, questions, extra = _read({"test": path})
    assert name == "google" and questions == FAMILY and extra["sections"] == ["family"]
    assert any("lines starting with '#' are comments (first: line 1" in n for n in notes)


def test_comment_of_other_lengths_is_no_error(tmp_path):
    path = _w(tmp_path / "q.txt", "# analogies for my paper\n: family\nking queen man woman\n"
                                  "# --\nman woman boy girl\n")
    assert _read({"test": path})[2] == FAMILY
    plain = _w(tmp_path / "p.txt", "# comment\nking queen man woman\nman woman boy girl\n")
    assert [q.a for q in _read({"test": plain})[2]] == ["king", "man"]


def test_bats_relation_file_and_folder(tmp_path):
    rel = _w(tmp_path / "one" / "plural.txt", "# plurals\ncat\tcats\ndog\tdogs\n")
    want = [AnalogyQuestion("cat", "cats", "dog", ("dogs",), "plural"),
            AnalogyQuestion("dog", "dogs", "cat", ("cats",), "plural")]
    assert _read({"test": rel})[2] == want
    _w(tmp_path / "folder" / "plural.txt", "cat\tcats\n# plurals of animals\ndog\tdogs\n")
    assert _read({"test": tmp_path / "folder"})[2] == want


def test_hashtag_questions_stay_data(tmp_path):
    path = _w(tmp_path / "q.txt", "#nyc #ny city town\nking queen man woman\n")
    name, notes, questions, _ = _read({"test": path})
    assert [q.a for q in questions] == ["#nyc", "king"]
    assert not any("comment" in n for n in notes)
