"""What a transformers model folder (``bert:model=FOLDER``) cites: the paper of its architecture, read from
config.json's ``model_type``, and Sentence-BERT where the folder is a sentence-transformers model.

Every folder was cited as BERT (Devlin et al. 2019), also a RoBERTa, GPT-2 or XLM-R one. A ``model_type``
missing here cites no architecture paper: the report's notes and references.bib ask for the model's own
citation instead (``uncited_architectures``). Entries checked against the publishers' pages (ACL Anthology,
OpenReview, NeurIPS proceedings) and arXiv."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

SBERT_CITATION = """@inproceedings{reimers2019sentencebert,
  title = {Sentence-{BERT}: Sentence Embeddings using {S}iamese {BERT}-Networks},
  author = {Reimers, Nils and Gurevych, Iryna},
  booktitle = {Proceedings of EMNLP-IJCNLP},
  pages = {3982--3992},
  year = {2019}
}"""
BERT_CITATION = """@inproceedings{devlin2019bert,
  title = {{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},
  author = {Devlin, Jacob and Chang, Ming-Wei and Lee, Kenton and Toutanova, Kristina},
  booktitle = {Proceedings of NAACL-HLT},
  pages = {4171--4186},
  year = {2019}
}"""
ROBERTA_CITATION = """@misc{liu2019roberta,
  title = {{RoBERTa}: A Robustly Optimized {BERT} Pretraining Approach},
  author = {Liu, Yinhan and Ott, Myle and Goyal, Naman and Du, Jingfei and Joshi, Mandar and Chen, Danqi and Levy, Omer and Lewis, Mike and Zettlemoyer, Luke and Stoyanov, Veselin},
  howpublished = {arXiv:1907.11692},
  year = {2019}
}"""
GPT2_CITATION = """@techreport{radford2019language,
  title = {Language Models are Unsupervised Multitask Learners},
  author = {Radford, Alec and Wu, Jeffrey and Child, Rewon and Luan, David and Amodei, Dario and Sutskever, Ilya},
  institution = {OpenAI},
  year = {2019}
}"""
DISTILBERT_CITATION = """@misc{sanh2019distilbert,
  title = {{DistilBERT}, a Distilled Version of {BERT}: Smaller, Faster, Cheaper and Lighter},
  author = {Sanh, Victor and Debut, Lysandre and Chaumond, Julien and Wolf, Thomas},
  howpublished = {arXiv:1910.01108},
  year = {2019}
}"""
ELECTRA_CITATION = """@inproceedings{clark2020electra,
  title = {{ELECTRA}: Pre-training Text Encoders as Discriminators Rather Than Generators},
  author = {Clark, Kevin and Luong, Minh-Thang and Le, Quoc V. and Manning, Christopher D.},
  booktitle = {8th International Conference on Learning Representations ({ICLR} 2020)},
  year = {2020}
}"""
XLMR_CITATION = """@inproceedings{conneau2020unsupervised,
  title = {Unsupervised Cross-lingual Representation Learning at Scale},
  author = {Conneau, Alexis and Khandelwal, Kartikay and Goyal, Naman and Chaudhary, Vishrav and Wenzek, Guillaume and Guzm{\\'a}n, Francisco and Grave, Edouard and Ott, Myle and Zettlemoyer, Luke and Stoyanov, Veselin},
  booktitle = {Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics},
  pages = {8440--8451},
  year = {2020}
}"""
DEBERTA_CITATION = """@inproceedings{he2021deberta,
  title = {{DeBERTa}: Decoding-enhanced {BERT} with Disentangled Attention},
  author = {He, Pengcheng and Liu, Xiaodong and Gao, Jianfeng and Chen, Weizhu},
  booktitle = {9th International Conference on Learning Representations ({ICLR} 2021)},
  year = {2021}
}"""
MPNET_CITATION = """@inproceedings{song2020mpnet,
  title = {{MPNet}: Masked and Permuted Pre-training for Language Understanding},
  author = {Song, Kaitao and Tan, Xu and Qin, Tao and Lu, Jianfeng and Liu, Tie-Yan},
  booktitle = {Advances in Neural Information Processing Systems},
  volume = {33},
  year = {2020}
}"""
ALBERT_CITATION = """@inproceedings{lan2020albert,
  title = {{ALBERT}: A Lite {BERT} for Self-supervised Learning of Language Representations},
  author = {Lan, Zhenzhong and Chen, Mingda and Goodman, Sebastian and Gimpel, Kevin and Sharma, Piyush and Soricut, Radu},
  booktitle = {8th International Conference on Learning Representations ({ICLR} 2020)},
  year = {2020}
}"""
T5_CITATION = """@article{raffel2020exploring,
  title = {Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer},
  author = {Raffel, Colin and Shazeer, Noam and Roberts, Adam and Lee, Katherine and Narang, Sharan and Matena, Michael and Zhou, Yanqi and Li, Wei and Liu, Peter J.},
  journal = {Journal of Machine Learning Research},
  volume = {21},
  number = {140},
  pages = {1--67},
  year = {2020}
}"""
MT5_CITATION = """@inproceedings{xue2021mt5,
  title = {{mT5}: A Massively Multilingual Pre-trained Text-to-Text Transformer},
  author = {Xue, Linting and Constant, Noah and Roberts, Adam and Kale, Mihir and Al-Rfou, Rami and Siddhant, Aditya and Barua, Aditya and Raffel, Colin},
  booktitle = {Proceedings of NAACL-HLT},
  pages = {483--498},
  year = {2021}
}"""

# config.json's model_type -> the paper that introduced the architecture. "deberta-v2" is the model_type of
# DeBERTa's v2 and v3 checkpoints alike, whose architecture is the one of He et al.'s paper (a v3 checkpoint's
# training method has a paper of its own, which this cannot tell apart: the user adds it).
ARCHITECTURES = {"bert": BERT_CITATION, "roberta": ROBERTA_CITATION, "gpt2": GPT2_CITATION,
                 "distilbert": DISTILBERT_CITATION, "electra": ELECTRA_CITATION, "xlm-roberta": XLMR_CITATION,
                 "deberta": DEBERTA_CITATION, "deberta-v2": DEBERTA_CITATION, "mpnet": MPNET_CITATION,
                 "albert": ALBERT_CITATION, "t5": T5_CITATION, "mt5": MT5_CITATION}
# the encoder formats whose records name a folder's (or an in-memory SentenceTransformer's) model_type in their
# parameters
TRANSFORMER_FORMATS = ("bert-token", "bert-type", "sentence-transformer")


def is_sentence_transformers_folder(model_dir: Path) -> bool:
    """A folder saved by sentence-transformers (its modules.json lists the pipeline)."""
    return (Path(model_dir) / "modules.json").is_file()


def folder_citation(model_type: str | None, *, sentence_transformers: bool) -> str | None:
    """BibTeX of a model folder: its architecture's paper where known, and Sentence-BERT for a
    sentence-transformers folder; None when neither applies."""
    entries = [ARCHITECTURES.get(str(model_type or "")), SBERT_CITATION if sentence_transformers else None]
    return "\n\n".join(e for e in entries if e) or None


def uncited_architectures(embeddings: Iterable[tuple[str, dict]]) -> list[tuple[str, str, str]]:
    """(label, folder, model_type) of each transformer encoder among ``(label, record.embedding)`` whose
    architecture wordeval has no paper for, once each, in the order given."""
    out: dict[tuple[str, str, str], None] = {}
    for label, emb in embeddings:
        params = (emb or {}).get("parameters") or {}
        model_type = params.get("model_type")
        if emb.get("format") in TRANSFORMER_FORMATS and model_type and str(model_type) not in ARCHITECTURES:
            out[(str(label), str(emb.get("source")), str(model_type))] = None
    return list(out)


def uncited_architecture_note(label: str, folder: str, model_type: str) -> str:
    return (f"{label} ({folder}): wordeval cites no paper for its architecture (model_type {model_type!r}); "
            "add the model's own citation to references.bib.")
