"""Similarity and analogy datasets: published counts, sha256 of every source, equal items across sources."""
from __future__ import annotations

import pytest

from wordeval.datasets import load
from wordeval.datasets.load import get_spec, locate, parse_source
from wordeval.datasets.types import AnalogyQuestion, WordPair

PUBLISHED = {"ws353": 353, "ws353-sim": 203, "ws353-rel": 252, "simlex999": 999, "simverb3500": 3500, "men": 3000,
             "rw": 2034, "mturk287": 287, "mturk771": 771, "rg65": 65, "mc30": 30, "yp130": 130,
             "google": 19544, "msr": 8000, "bats": 40 * 50 * 49}
# No package copy equals the original for these (see the comments in wordeval/tasks/builtin/similarity/*.toml); bats has none at all.
NO_PACKAGE_SOURCE = {"rg65", "mc30", "bats"}


def _sources(name, kind):
    return [s for s in get_spec(name).sources if s.kind == kind]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_counts_from_the_data_home(name, shared_data):
    ds = load(name, data_home=shared_data, allow_download=False)
    assert ds.source == f"data_home:{shared_data.resolve()}"
    assert len(ds.items("test")) == PUBLISHED[name]
    assert ds.files and all(len(h) == 64 for h in ds.files.values())


@pytest.mark.parametrize("name", sorted(set(PUBLISHED) - NO_PACKAGE_SOURCE))
def test_offline_package_source_counts_sha256_and_equal_items(name, tmp_path, shared_data):
    """Without a data home the first package source is used; its items equal the original file's."""
    ds = load(name, data_home=tmp_path, allow_download=False)
    assert ds.source.startswith("pypi:")
    assert len(ds.items("test")) == PUBLISHED[name]
    original = load(name, data_home=shared_data, allow_download=False)
    assert list(ds.items("test")) == list(original.items("test"))


@pytest.mark.parametrize("name", ["ws353", "simlex999"])
def test_every_package_copy_parses_to_the_same_items(name, shared_data):
    """WS353 from gensim's tsv and embeddix's tab file vs the original combined.csv; SimLex from gensim's
    3-column copy and embeddix's 10-column copy vs the original with its header."""
    spec = get_spec(name)
    home = _sources(name, "data_home")[0]
    reference, _, _ = parse_source(spec, home, locate(spec, home, data_home=shared_data))
    copies = _sources(name, "artifact")
    assert len(copies) == 2
    for source in copies:
        splits, _, files = parse_source(spec, source, locate(spec, source))
        assert splits["test"] == reference["test"], source.describe()


def test_ws353_spot_values_and_ws353_subsets_are_subsets(shared_data):
    ws = load("ws353", data_home=shared_data).items()
    assert ws[0] == WordPair("love", "sex", 6.77)
    assert WordPair("tiger", "tiger", 10.0) in ws
    full = set(ws)  # a set of triples: WS353 rates a few pairs twice with different scores
    for sub in ("ws353-sim", "ws353-rel"):
        assert set(load(sub, data_home=shared_data).items()) <= full


def test_simlex_reads_the_simlex999_column_not_the_association_column(shared_data):
    first = load("simlex999", data_home=shared_data).items()[0]
    assert first == WordPair("old", "new", 1.58)  # SimLex999 column; Assoc(USF) would be 7.25


def test_rw_uses_the_mean_column_of_the_original(shared_data):
    assert load("rw", data_home=shared_data).items()[0] == WordPair("squishing", "squirt", 5.88)


def test_google_semantic_and_syntactic_totals(shared_data):
    ds = load("google", data_home=shared_data)
    semantic = set(ds.metadata["semantic_sections"])
    assert list(semantic) and ds.metadata["sections"][:5] == list(ds.metadata["semantic_sections"])
    n_sem = sum(q.section in semantic for q in ds.items())
    assert (n_sem, len(ds.items()) - n_sem) == (8869, 10675)
    assert len(ds.metadata["sections"]) == 14
    assert ds.items()[0] == AnalogyQuestion("Athens", "Greece", "Baghdad", ("Iraq",), "capital-common-countries")


def test_msr_sections_are_the_type_column(shared_data):
    ds = load("msr", data_home=shared_data)
    assert ds.items()[0] == AnalogyQuestion("good", "better", "rough", ("rougher",), "JJ_JJR")
    assert len(ds.metadata["sections"]) == 16


def test_bats_questions_alternatives_and_categories(shared_data):
    ds = load("bats", data_home=shared_data)
    cats = ds.metadata["section_categories"]
    assert len(cats) == 40 and set(ds.metadata["pairs_per_section"].values()) == {50}
    assert sorted(set(cats.values())) == ["derivational", "encyclopedic", "inflectional", "lexicographic"]
    assert cats["I01 [noun - plural_reg]"] == "inflectional"
    multi = [q for q in ds.items() if len(q.answers) > 1]
    assert multi, "BATS lists alternatives a/b/c"
    by_section: dict = {}
    for q in ds.items():
        by_section.setdefault(q.section, []).append(q)
    assert {len(v) for v in by_section.values()} == {50 * 49}
    # b is always the first alternative: it never contains a slash and every b is some pair's first answer
    assert all("/" not in q.b and all("/" not in a for a in q.answers) for q in ds.items()[:5000])
