"""A sentence-transformers folder in the older layout: the transformer in ``0_Transformer/`` (its config.json,
weights, tokenizer and sentence_bert_config.json), ``1_Pooling/`` and ``2_Normalize/`` beside it, and a
top-level modules.json naming them. ``bert:model=FOLDER`` was refused with a hint to give
``FOLDER/0_Transformer``, which read the transformer alone: its parent's CLS pooling and Normalize were
skipped without a word.

Oracle: ``SentenceTransformer(folder).encode`` on a tiny random model (hidden 32, 2 layers, a WordPiece
tokenizer trained with ``tokenizers``), saved by sentence-transformers in its own layout and moved into the
older one by hand (sentence-transformers 6 no longer writes it).
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
st = pytest.importorskip("sentence_transformers")

from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.embeddings.bert import BertEncoder  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402

TEXTS = ["The Cat sat on the mat", "a dog ran in the park at dawn", "Quick brown fox", "birds"]
# sentence-transformers 2.x spelled the module types so; 6 still loads them
OLD_TYPES = {"0_Transformer": "sentence_transformers.models.Transformer",
             "1_Pooling": "sentence_transformers.models.Pooling",
             "2_Normalize": "sentence_transformers.models.Normalize"}


def _tiny_transformer(folder):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    corpus = [t.lower() for t in TEXTS] + ["the quick brown fox jumps over the lazy dog", "query: passage:"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=False)  # cased: do_lower_case must matter
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(corpus * 5, trainers.WordPieceTrainer(vocab_size=150, special_tokens=specials))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[(s, tok.token_to_id(s)) for s in ("[CLS]", "[SEP]")])
    PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                            sep_token="[SEP]", mask_token="[MASK]").save_pretrained(folder)
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                         num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
              ).save_pretrained(folder)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as stm

    root = tmp_path_factory.mktemp("stlayout")
    _tiny_transformer(root / "hf")
    model = SentenceTransformer(modules=[stm.Transformer(str(root / "hf")),
                                         stm.Pooling(32, pooling_mode="cls"), stm.Normalize()],
                                device="cpu", prompts={"query": "query: "}, default_prompt_name="query")
    model.save(str(root / "new"))
    # the Transformer module's settings as sentence-transformers 2 wrote them (6 writes neither key here)
    (root / "new" / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 12,
                                                                        "do_lower_case": True}))
    old = root / "old"
    shutil.copytree(root / "new", old)
    modules = json.loads((old / "modules.json").read_text())
    (old / "0_Transformer").mkdir()
    for path in list(old.iterdir()):  # the transformer's own files move into its subfolder
        if path.is_file() and path.name not in ("modules.json", "config_sentence_transformers.json",
                                                "README.md"):
            shutil.move(str(path), old / "0_Transformer" / path.name)
    for m in modules:
        m["path"] = m["path"] or "0_Transformer"
        m["type"] = OLD_TYPES[m["path"]]
    (old / "modules.json").write_text(json.dumps(modules, indent=2))
    assert not (old / "config.json").exists()
    assert (old / "0_Transformer" / "sentence_bert_config.json").is_file()
    return root / "new", old


def test_an_older_layout_folder_gives_sentence_transformers_own_vectors(folders):
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    _, old = folders
    own = SentenceTransformer(str(old), device="cpu").encode(TEXTS)
    assert np.allclose(np.linalg.norm(own, axis=1), 1, atol=1e-6)  # the oracle ran its Normalize
    # and lowercased the text (do_lower_case), which the cased tokenizer alone does not
    oracle = SentenceTransformer(str(old), device="cpu")
    assert np.array_equal(own, oracle.encode([t.lower() for t in TEXTS]))
    cased = AutoTokenizer.from_pretrained(old / "0_Transformer")
    assert cased("The Cat")["input_ids"] != cased("the cat")["input_ids"]
    enc = BertEncoder(str(old), device="cpu")
    assert np.abs(enc.encode_sentences(TEXTS) - own).max() < 1e-5
    assert enc.sentence_max_length == 12 and enc.lowercases_input  # 0_Transformer's sentence_bert_config.json
    applied = ["Prompt('query: ')", "Pooling(cls)", "Normalize"]
    assert enc.parameters("sentence")["sentence_pipeline"] == applied
    assert enc.info.name == "old" and enc.info.source == str(old.resolve())
    assert "reimers2019sentencebert" in enc.info.citation and "devlin" in enc.info.citation.lower()


def test_both_layouts_of_one_model_share_its_fingerprint(folders):
    """The same files in the same roles give the same vectors: one identity whichever layout holds them."""
    new, old = folders
    a, b = BertEncoder(str(new), device="cpu"), BertEncoder(str(old), device="cpu")
    assert np.array_equal(a.encode_sentences(TEXTS), b.encode_sentences(TEXTS))
    assert a.info.fingerprint == b.info.fingerprint
    assert a.fingerprint_for("sentence") == b.fingerprint_for("sentence")


def test_the_transformer_subfolder_alone_is_refused_naming_the_folder_to_give(folders, tmp_path, capsys):
    _, old = folders
    with pytest.raises(ConfigError, match=rf"give model={old.resolve()}$"):
        BertEncoder(str(old / "0_Transformer"), device="cpu")
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"bert:model={old / '0_Transformer'}", "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and f"give model={old.resolve()}" in err, err
    assert not out.exists()


def test_a_hub_model_in_the_older_layout_is_read_from_the_local_cache(folders, tmp_path, monkeypatch):
    """Many hub models keep this layout: a cached one was a FileNotFoundError traceback on its snapshot's
    config.json."""
    import huggingface_hub.constants
    from sentence_transformers import SentenceTransformer

    _, old = folders
    repo = tmp_path / "hub" / "models--org--old-sbert"
    shutil.copytree(old, repo / "snapshots" / "0123abcd")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    enc = BertEncoder("org/old-sbert", device="cpu")
    own = SentenceTransformer(str(repo / "snapshots" / "0123abcd"), device="cpu").encode(TEXTS)
    assert np.abs(enc.encode_sentences(TEXTS) - own).max() < 1e-5
    assert enc.info.source == "hf:org/old-sbert"
    assert enc.info.fingerprint == BertEncoder(str(old), device="cpu").info.fingerprint


@pytest.fixture(scope="module")
def folders_0x(tmp_path_factory):
    """The same model in sentence-transformers 6's layout and in 0.x's: the transformer in 0_BERT/ (module
    type sentence_transformers.models.BERT), a 1_Pooling/ config of 0.x's flags, no Normalize, no prompts."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as stm

    root = tmp_path_factory.mktemp("stlayout0x")
    _tiny_transformer(root / "hf")
    SentenceTransformer(modules=[stm.Transformer(str(root / "hf")), stm.Pooling(32, pooling_mode="max")],
                        device="cpu").save(str(root / "new"))
    (root / "new" / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 12,
                                                                        "do_lower_case": True}))
    old = root / "old0x"
    shutil.copytree(root / "new", old)
    (old / "config_sentence_transformers.json").unlink(missing_ok=True)  # 0.x wrote none
    (old / "0_BERT").mkdir()
    for path in list(old.iterdir()):
        if path.is_file() and path.name not in ("modules.json", "README.md"):
            shutil.move(str(path), old / "0_BERT" / path.name)
    (old / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "0_BERT", "type": "sentence_transformers.models.BERT"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    (old / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 32, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": False,
        "pooling_mode_max_tokens": True, "pooling_mode_mean_sqrt_len_tokens": False}))
    return root / "new", old


def test_a_0x_folder_with_its_transformer_in_0_BERT_gives_the_models_own_vectors(folders_0x):
    """0_BERT/ was not taken for the transformer: the folder was refused with a hint to give FOLDER/0_BERT,
    which skipped its parent's Pooling (mean pooling for max). Oracle: the same files in the new layout."""
    from sentence_transformers import SentenceTransformer

    new, old = folders_0x
    own = SentenceTransformer(str(new), device="cpu").encode(TEXTS)
    enc = BertEncoder(str(old), device="cpu")
    assert np.abs(enc.encode_sentences(TEXTS) - own).max() < 1e-5
    assert enc.parameters("sentence")["sentence_pipeline"] == ["Pooling(max)"]
    assert enc.sentence_max_length == 12 and enc.lowercases_input  # 0_BERT's sentence_bert_config.json
    assert enc.info.name == "old0x" and enc.info.source == str(old.resolve())
    assert enc.fingerprint_for("sentence") == BertEncoder(str(new), device="cpu").fingerprint_for("sentence")


def test_the_0_BERT_subfolder_alone_is_refused_naming_the_folder_to_give(folders_0x):
    _, old = folders_0x
    with pytest.raises(ConfigError, match=rf"give model={old.resolve()}$"):
        BertEncoder(str(old / "0_BERT"), device="cpu")


def test_a_hub_model_is_named_after_its_id_not_its_snapshot(folders, tmp_path, monkeypatch):
    """A cached hub model was named after the snapshot folder read, its commit hash ("0123abcd"), in records
    and report labels. The name is not in the fingerprint: the folder's own stays."""
    import huggingface_hub.constants

    new, old = folders
    for repo, folder in (("models--org--old-sbert", old), ("models--plain-sbert", new)):
        shutil.copytree(folder, tmp_path / "hub" / repo / "snapshots" / "0123abcd")
        (tmp_path / "hub" / repo / "refs").mkdir()
        (tmp_path / "hub" / repo / "refs" / "main").write_text("0123abcd")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    enc = BertEncoder("org/old-sbert", device="cpu")
    assert enc.info.name == "org/old-sbert"
    assert enc.info.fingerprint == BertEncoder(str(old), device="cpu").info.fingerprint
    plain = BertEncoder("plain-sbert", device="cpu")
    assert plain.info.name == "plain-sbert"
    assert plain.info.fingerprint == BertEncoder(str(new), device="cpu").info.fingerprint
    assert BertEncoder("org/old-sbert", device="cpu", name="mine").info.name == "mine"
