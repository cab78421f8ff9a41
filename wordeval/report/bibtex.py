"""references.bib for a result set: every dataset (from its DatasetSpec), every model (EmbeddingInfo.citation)
and every method the numbers rest on. Entries are de-duplicated by BibTeX key."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from wordeval.results.record import ResultRecord

_KEY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")

METHODS: dict[str, str] = {
    "kendall": """@article{kendall1938tau,
  title = {A New Measure of Rank Correlation},
  author = {Kendall, Maurice G.},
  journal = {Biometrika},
  volume = {30},
  number = {1/2},
  pages = {81--93},
  year = {1938}
}""",
    "bootstrap": """@book{efron1993bootstrap,
  title = {An Introduction to the Bootstrap},
  author = {Efron, Bradley and Tibshirani, Robert J.},
  publisher = {Chapman and Hall/CRC},
  year = {1993}
}""",
    "paired_bootstrap": """@inproceedings{koehn2004significance,
  title = {Statistical Significance Tests for Machine Translation Evaluation},
  author = {Koehn, Philipp},
  booktitle = {Proceedings of EMNLP},
  pages = {388--395},
  year = {2004}
}""",
    "chiu": """@inproceedings{chiu2016intrinsic,
  title = {Intrinsic Evaluation of Word Vectors Fails to Predict Extrinsic Performance},
  author = {Chiu, Billy and Korhonen, Anna and Pyysalo, Sampo},
  booktitle = {Proceedings of the 1st Workshop on Evaluating Vector-Space Representations for NLP},
  pages = {1--6},
  year = {2016}
}""",
    "scipy": """@article{virtanen2020scipy,
  title = {{SciPy} 1.0: Fundamental Algorithms for Scientific Computing in {Python}},
  author = {Virtanen, Pauli and others},
  journal = {Nature Methods},
  volume = {17},
  pages = {261--272},
  year = {2020}
}""",
    "analogy": """@inproceedings{levy2014linguistic,
  title = {Linguistic Regularities in Sparse and Explicit Word Representations},
  author = {Levy, Omer and Goldberg, Yoav},
  booktitle = {Proceedings of CoNLL},
  pages = {171--180},
  year = {2014}
}""",
    "sklearn": """@article{pedregosa2011scikit,
  title = {Scikit-learn: Machine Learning in {Python}},
  author = {Pedregosa, Fabian and others},
  journal = {Journal of Machine Learning Research},
  volume = {12},
  pages = {2825--2830},
  year = {2011}
}""",
    "crfsuite": """@misc{okazaki2007crfsuite,
  title = {{CRFsuite}: a fast implementation of Conditional Random Fields},
  author = {Okazaki, Naoaki},
  howpublished = {\\url{http://www.chokkan.org/software/crfsuite/}},
  year = {2007}
}""",
    "conlleval": """@inproceedings{tjong2003conll,
  title = {Introduction to the {CoNLL}-2003 Shared Task: Language-Independent Named Entity Recognition},
  author = {Tjong Kim Sang, Erik F. and De Meulder, Fien},
  booktitle = {Proceedings of CoNLL},
  pages = {142--147},
  year = {2003}
}""",
}

# Methods every comparison report rests on, then those a task family adds.
BASE_METHODS = ("kendall", "bootstrap", "paired_bootstrap", "chiu", "scipy")
FAMILY_METHODS = {"analogy": ("analogy",), "classification": ("sklearn",), "pos": ("crfsuite", "sklearn"),
                  "chunking": ("crfsuite", "conlleval"), "ner": ("crfsuite", "conlleval")}


def bibtex_key(entry: str) -> str | None:
    m = _KEY.search(entry)
    return m.group(1) if m else None


def _dataset_citation(rec: ResultRecord) -> str | None:
    from wordeval.errors import WordevalError
    from wordeval.registry import REGISTRY

    if rec.dataset.get("citation"):
        return str(rec.dataset["citation"])
    name = rec.dataset.get("name")  # version-1 records did not carry the citation: ask the declaration
    if not name:
        return None
    try:
        spec = REGISTRY.resolve("dataset", str(name))
    except (WordevalError, ImportError, AttributeError):
        return None
    return getattr(spec, "citation", None) or None


def collect_entries(records: Sequence[ResultRecord]) -> dict[str, list[str]]:
    """{"datasets": [...], "models": [...], "methods": [...]} BibTeX entries, each key once."""
    seen: set[str] = set()
    out: dict[str, list[str]] = {"datasets": [], "models": [], "methods": []}

    def add(group: str, entries: Iterable[str | None]) -> None:
        for entry in entries:
            if not entry:
                continue
            for one in _split_entries(entry):
                key = bibtex_key(one) or one
                if key not in seen:
                    seen.add(key)
                    out[group].append(one.strip())

    add("datasets", (_dataset_citation(r) for r in records))
    add("models", (r.embedding.get("citation") for r in records))
    families = list(dict.fromkeys(r.family for r in records))
    add("methods", (METHODS[m] for m in BASE_METHODS))
    add("methods", (METHODS[m] for f in families for m in FAMILY_METHODS.get(f, ())))
    return out


def _split_entries(text: str) -> list[str]:
    """A citation field may hold several entries (a model and its training method)."""
    starts = [m.start() for m in re.finditer(r"(?m)^\s*@\w+\s*\{", text)]
    if len(starts) <= 1:
        return [text]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def references_bib(records: Sequence[ResultRecord]) -> str:
    groups = collect_entries(records)
    parts = []
    for title, entries in (("Datasets", groups["datasets"]), ("Models and representations", groups["models"]),
                           ("Methods", groups["methods"])):
        if entries:
            parts.append(f"% ---- {title} ----")
            parts.extend(entries)
    return "\n\n".join(parts) + "\n"
