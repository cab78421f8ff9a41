"""Options and variants written into a registered id's spec (``glove-6b-50d:foo=1``) are checked while the run
is planned: one error line, exit code 2, and no store folder created."""
from __future__ import annotations

import pytest

from wordeval.cli import main


# each line names the whole spec first (874a9bd: a run of several representations says which one was wrong)
@pytest.mark.parametrize("spec, expected", [
    ("glove-6b-50d:foo=1", "glove-6b-50d:foo=1: unknown option(s) foo"),
    ("glove-6b-50d:xyz", "glove-6b-50d:xyz: takes no variant, got 'xyz'"),
    ("spacy-md:foo=1", "spacy-md:foo=1: unknown option(s) foo"),
    ("spacy-md:xyz", "spacy-md:xyz: takes no variant, got 'xyz'"),
    ("minilm:foo=1", "minilm:foo=1: unknown option(s) foo"),
    # a typo of a known option was refused with the known ones to search by eye
    ("minilm:layr=1", "unknown option(s) layr; expected some of subword, layer, stride, max_length, batch_size, "
                      "threads, device, cpu_linear; did you mean 'layer'?"),
    ("minilm:type-level,max_context=3", "unknown option(s) max_context; expected some of subword, layer, stride, "
                                        "max_length, batch_size, threads, device, cpu_linear, contexts, "
                                        "max_contexts, cache; did you mean 'max_contexts'?"),
    ("lsa:corpus=news,window", "lsa:corpus=news,window: option 'window' without a value: expected window=VALUE"),
    ("glove:corpus=news,sg", "glove:corpus=news,sg: unknown variant 'sg'"),
    # found out only once the model had loaded, with the store created
    ("minilm:type-level,contexts=bogus", "corpus 'bogus' of minilm:type-level: not a named corpus"),
    ("minilm:type-level,contexts=/no/such.txt", "corpus '/no/such.txt' of minilm:type-level"),
    ("lsa:corpus=bogus", "corpus 'bogus' of lsa:corpus=bogus: not a named corpus"),
    # torch's traceback once the model had loaded ("Expected one of cpu, cuda, ... device type")
    ("minilm:device=tpu", "device='tpu': expected auto, cpu, cuda or cuda:N"),
    ("bert:model=/no/such/model,device=tpu", "device='tpu': expected auto, cpu, cuda or cuda:N"),
])
def test_a_bad_spec_option_is_refused_before_the_store_exists(tmp_path, capsys, spec, expected):
    out = tmp_path / "store"
    assert main(["--quiet", "intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert expected in err
    assert not out.exists()


def test_an_encoder_on_cuda_without_cuda_is_refused_before_the_store_exists(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    out = tmp_path / "store"  # was torch's "AssertionError: Torch not compiled with CUDA enabled", exit 1
    argv = ["--quiet", "intrinsic", "minilm:device=cuda", "--tasks", "similarity/mc30", "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: minilm:device=cuda: device='cuda': no CUDA device") and "\n" not in err, err
    assert not out.exists()


def test_the_api_refuses_an_unknown_option_of_a_pretrained_id():
    from wordeval.embeddings.load import load_embedding
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match="glove-6b-50d:foo=1: unknown option"):
        load_embedding("glove-6b-50d:foo=1")


def test_an_option_typo_of_a_plugin_loader_says_the_option_meant():
    """A registered loader's options are its keyword-only arguments (name and cache_home aside)."""
    from wordeval.embeddings.load import check_spec_arguments
    from wordeval.errors import ConfigError

    def load_mine(*, name=None, cache_home=None, max_words=None, lowercase=False):
        raise AssertionError("not loaded while checking")

    with pytest.raises(ConfigError) as refused:
        check_spec_arguments("mine:max_word=5", load_mine, None, {"max_word": "5"})
    assert str(refused.value) == ("mine:max_word=5: unknown option(s) max_word; known: max_words, lowercase; "
                                  "did you mean 'max_words'?")
    with pytest.raises(ConfigError) as refused:
        check_spec_arguments("mine:bogus=5", load_mine, None, {"bogus": "5"})
    assert str(refused.value) == "mine:bogus=5: unknown option(s) bogus; known: max_words, lowercase"


def test_a_known_variant_still_plans():
    from wordeval.runner import check_embedding_spec

    for spec in ("word2vec:cbow,corpus=news", "lsa:tfidf,corpus=news", "minilm:type-level,contexts=news"):
        check_embedding_spec(spec)


@pytest.mark.parametrize("spec", ["a=b=glove-6b-50d", "a=glove-6b-50d|c=minilm"])
def test_a_second_label_is_refused_not_dropped(tmp_path, capsys, spec):
    out = tmp_path / "store"
    assert main(["--quiet", "intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "holds a second LABEL=" in err and "\n" not in err
    assert not out.exists()


def test_a_file_whose_name_holds_equals_still_takes_a_label(tmp_path, monkeypatch):
    from wordeval.evaluation import Representation

    monkeypatch.chdir(tmp_path)
    (tmp_path / "b=v.txt").write_text("x 1.0 2.0\n", encoding="utf-8")
    rep = Representation.parse("a=b=v.txt")
    assert (rep.label, rep.intrinsic) == ("a", "b=v.txt")


# `info` loads the builder, a run checks the spec while planning: both said "bert: ..." or "unknown option(s)
# model" for a minilm spec, naming a builder the user never wrote or hiding that bert:model= is the way
@pytest.mark.parametrize("spec, expected", [
    ("minilm:layr=1", "minilm:layr=1: unknown option(s) layr; expected some of subword, layer, stride, max_length, "
                      "batch_size, threads, device, cpu_linear; did you mean 'layer'?"),
    ("minilm:bogus", "minilm:bogus: minilm variant 'bogus': expected 'token' (default) or 'type-level'"),
    ("minilm:model=bert-base-uncased",
     "minilm:model=bert-base-uncased: the model is fixed; use bert:model=... for another one"),
    ("minilm:type-level,model=x", "minilm:type-level,model=x: the model is fixed; use bert:model=... for another one"),
])
def test_a_minilm_refusal_is_one_line_in_its_own_name_at_info_and_at_planning(tmp_path, capsys, spec, expected):
    out = tmp_path / "store"
    for argv in (["info", spec], ["intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]):
        assert main(["--quiet", *argv]) == 2
        assert capsys.readouterr().err.strip() == f"wordeval: error: {expected}", argv
    assert not out.exists()


def test_the_minilm_builder_names_itself_when_called_directly():
    from wordeval.embeddings.bert_types import minilm
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError) as refused:
        minilm(layr=1)
    assert str(refused.value).startswith("minilm: unknown option(s) layr;")
    with pytest.raises(ConfigError, match="^minilm: the model is fixed"):
        minilm(model="x")
