"""A random one-layer BERT model folder (hidden size 16) with a WordPiece vocabulary of the special tokens and a
test's words: built in a second, yet a folder transformers loads as it loads any released BERT."""
from __future__ import annotations

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def write_tiny_bert(folder, words, *, seed: int = 0):
    """Its vocab.txt, fast tokenizer files, config.json and model.safetensors written into ``folder`` (made);
    the weights drawn by torch from ``seed``. Returns ``folder``."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    (folder / "vocab.txt").write_text("\n".join([*SPECIALS, *words]) + "\n")
    BertTokenizerFast.from_pretrained(folder).save_pretrained(folder)
    BertModel(BertConfig(vocab_size=len(SPECIALS) + len(words), hidden_size=16, num_hidden_layers=1,
                         num_attention_heads=2, intermediate_size=32, max_position_embeddings=32)
              ).save_pretrained(folder)
    return folder
