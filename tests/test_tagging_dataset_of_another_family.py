"""`dataset = "conll2000"` in a POS spec was refused as 'chunking data' alone, though CoNLL-2000 holds POS tags
in its second column: the user was told neither why (a dataset name stands for the column its own task scores)
nor what reads the POS (its files under [files], whose column a POS task finds). The refusal now says both."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file


def test_pos_on_conll2000_says_why_and_how_to_read_its_pos_column(tmp_path, capsys):
    spec = tmp_path / "t.toml"
    spec.write_text('name = "c2k-pos"\nfamily = "pos"\ndataset = "conll2000"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {spec}:3: expected dataset = the name of pos data") and "\n" not in err
    assert "'conll2000', chunking data, whose tags are its chunking column" in err, err
    assert 'name them under [files] (train = "seq/conll2000/train.txt", test = "seq/conll2000/test.txt"' in err, err


def test_an_artifacts_data_is_not_advised_by_member_paths(tmp_path, capsys):
    spec = tmp_path / "t.toml"
    spec.write_text('name = "x"\nfamily = "ner"\ndataset = "ptb-pos"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("got 'ptb-pos', pos data, whose tags are its pos column"), err


def test_the_advice_reads_conll2000s_pos(tmp_path, shared_data):
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "c2k-pos"\nfamily = "pos"\n[files]\ntrain = "{shared_data}/seq/conll2000/train.txt"\n'
                    f'test = "{shared_data}/seq/conll2000/test.txt"\n', encoding="utf-8")
    ds = load(load_spec_file(spec)[1])
    first = ds.splits["test"][0]
    # test.txt opens "Rockwell NNP B-NP / International NNP I-NP / Corp. NNP I-NP / 's POS B-NP"
    assert list(first.tokens[:4]) == ["Rockwell", "International", "Corp.", "'s"]
    assert list(first.tags[:4]) == ["NNP", "NNP", "NNP", "POS"]
    assert len(ds.splits["test"]) == 2012
