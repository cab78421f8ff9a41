"""The GMB/Kaggle NER file ('Sentence #,Word,POS,Tag', one token per CSV record) was refused as 'no column holds
entity tags ... (1 columns); set columns.tag (and scheme, or delimiter)', and delimiter = "comma" was then refused
in its turn: no setting reads it. It is refused as the comma-separated file it is, at its first line, with what
reads (oracle: the layout written); a CoNLL file whose tokens are commas still reads."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

GMB = ('Sentence #,Word,POS,Tag\nSentence: 1,Thousands,NNS,O\n,of,IN,O\n,demonstrators,NNS,O\n,have,VBP,O\n'
       ',marched,VBN,O\n,through,IN,O\n,London,NNP,B-geo\n,",",",",O\nSentence: 2,Families,NNS,O\n,of,IN,O\n'
       ',soldiers,NNS,O\n,in,IN,O\n,Iraq,NNP,B-geo\n,.,.,O\n')
CONLL = "Paris NNP B-NP B-LOC\n, , O O\nLondon NNP B-NP B-LOC\n, , O O\nand CC O O\nRome NNP B-NP B-LOC\n\n" * 10


def _spec(folder, train, test):
    (folder / "train.csv").write_text(train, encoding="utf-8")
    (folder / "test.csv").write_text(test, encoding="utf-8")
    spec = folder / "ner.toml"
    spec.write_text('name = "mine"\nfamily = "ner"\n[files]\ntrain = "train.csv"\ntest = "test.csv"\n', encoding="utf-8")
    return spec


def test_gmb_csv_is_refused_as_comma_separated(tmp_path, capsys):
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, GMB, GMB.replace("Iraq", "Iran")))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert (f"{tmp_path / 'train.csv'}:1: expected CoNLL columns (tab- or space-separated, a blank line between "
            "sentences), got 4 comma-separated columns (the GMB/Kaggle NER CSV") in err, err


def test_conll_tokens_that_are_commas_still_read(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, CONLL, CONLL.replace("Rome", "Oslo")))[1])
    assert [s.tags for s in ds.splits["test"]] == [("B-LOC", "O", "B-LOC", "O", "O", "B-LOC")] * 10


def test_conll_columns_holding_commas_still_read(tmp_path):
    """Space-separated columns with a feature column of comma-joined values on every line ('Sg,Nom') were
    refused as 'got 2 comma-separated columns' since the GMB refusal: they are CoNLL columns, and read so."""
    sentence = "The DT Def,Sg O\n{} NNP Sg,Nom B-LOC\nsat VBD Past,3 O\n\n"
    train = "".join(sentence.format(name) for name in ("Paris", "London", "Rome", "Oslo", "Bern") * 4)
    ds = load(load_spec_file(_spec(tmp_path, train, sentence.format("Lima") * 3))[1])
    assert ([(s.tokens, s.tags) for s in ds.splits["test"]]
            == [(("The", "Lima", "sat"), ("O", "B-LOC", "O"))] * 3)
