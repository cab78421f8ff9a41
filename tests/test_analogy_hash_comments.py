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
    assert any("lines starting with '#' are comments unless they read as questions (first: line 1" in n for n in notes)


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


# Hand-counted: the comment line is no question (first item '#' alone); '#nyc #ny city town' is four words,
# a question of every four-word layout, and stays one beside it, as a '#nyc<TAB>city<TAB>7.5' pair does.
HASHTAG = AnalogyQuestion("#nyc", "#ny", "city", ("town",), "all")


def test_hashtag_question_beside_a_comment_line_stays_data(tmp_path):
    path = _w(tmp_path / "q.txt", "# my analogy set\n#nyc #ny city town\nking queen man woman\nman woman boy girl\n")
    name, notes, questions, _ = _read({"test": path})
    assert name == "analogy-4col" and [q.a for q in questions] == ["#nyc", "king", "man"]
    assert questions[0] == HASHTAG
    assert any("comments unless they read as questions (first: line 1" in n for n in notes)


def test_hashtag_question_kept_in_every_layout_under_the_hint(tmp_path):
    google = _w(tmp_path / "g.txt", "# my analogy set\n: places\n#nyc #ny city town\n# end\nking queen man woman\n")
    name, _, questions, extra = _read({"test": google}, {"comment": "#"})
    assert name == "google" and extra["sections"] == ["places"]
    assert [(q.a, q.section) for q in questions] == [("#nyc", "places"), ("king", "places")]
    tabs = _w(tmp_path / "t.txt", "# new york\n#nyc\t#ny\tnew york\ttown\nking\tqueen\tman\twoman\n")
    name, _, questions, _ = _read({"test": tabs}, {"comment": "#"})
    assert name == "analogy-4col" and questions[0] == AnalogyQuestion("#nyc", "#ny", "new york", ("town",), "all")
    assert len(questions) == 2
    rel = _w(tmp_path / "r" / "tags.txt", "# plurals\n#tag\t#tags\ncat\tcats\n")
    name, _, questions, _ = _read({"test": rel}, {"comment": "#"})
    assert name == "bats" and [(q.a, q.c) for q in questions] == [("#tag", "cat"), ("cat", "#tag")]
    vecto = _w(tmp_path / "v.csv", "# from vecto\nword1,word2,word3,target\n#nyc,#ny,city,town\n# done\n")
    name, _, questions, _ = _read({"test": vecto}, {"comment": "#"})
    assert name == "vecto-csv" and questions == [HASHTAG]
    msr = _w(tmp_path / "m.txt", "# MSR lines\n#good #better rough JJ_JJR rougher\ngood better big JJ_JJR bigger\n")
    name, _, questions, _ = _read({"test": msr}, {"comment": "#"})
    assert name == "msr-lines" and [q.a for q in questions] == ["#good", "good"]


def test_cli_counts_the_hashtag_question(tmp_path, capsys):
    from wordeval.cli import main

    _w(tmp_path / "q.txt", "# my analogy set\n#nyc #ny city town\nking queen man woman\nman woman boy girl\n")
    spec = _w(tmp_path / "spec.toml", 'name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n')
    assert main(["datasets", "check", str(spec)]) == 0
    assert "items: test 3 questions" in capsys.readouterr().out
