"""BibTeX entries of the methods, learners and libraries a report can cite, with full author lists (checked
against the publishers' pages and the projects' own CITATION files). ``kind`` says where references.bib
lists an entry: "method" or "software". An entry whose key is also a dataset's (the CoNLL-2000 paper that
defines conlleval's chunk F1, the MSR analogy paper that defines 3CosAdd) has the same text as the task
declaration, so there is one key per work (tests/test_report_outputs.py checks it)."""
from __future__ import annotations

import re
from typing import Iterable


class Entry(str):
    kind: str = "method"


def _entry(text: str, kind: str = "method") -> Entry:
    e = Entry(text.strip())
    e.kind = kind
    return e


def wordeval_entry(computed_with: Iterable[str] = ()) -> Entry:
    """wordeval itself (mirrors CITATION.cff at the repository root): the version writing the file, and the
    versions that computed the records (``run.wordeval_version``) where they are others."""
    import wordeval

    note = f"Python package, version {wordeval.__version__}"
    # a version read from a record file is text anyone can edit: only version characters reach the .bib
    versions = sorted({v for v in computed_with if re.fullmatch(r"[0-9A-Za-z.+!-]+", v)})
    if set(versions) - {wordeval.__version__}:
        note += f"; results computed with version{'s' * (len(versions) > 1)} {', '.join(versions)}"
    return _entry(f"""@misc{{wordeval,
  title = {{wordeval: Intrinsic and Extrinsic Evaluation of Word and Sentence Representations}},
  author = {{{{wordeval developers}}}},
  year = {{2026}},
  note = {{{note}}}
}}""", "software")


METHODS: dict[str, Entry] = {
    "kendall": _entry("""@article{kendall1938tau,
  title = {A New Measure of Rank Correlation},
  author = {Kendall, Maurice G.},
  journal = {Biometrika},
  volume = {30},
  number = {1/2},
  pages = {81--93},
  year = {1938}
}"""),
    # the τ wordeval reports is τ-b (scipy's default): the 1938 paper defines τ without ties, this one τ-b
    "kendall_tau_b": _entry("""@article{kendall1945treatment,
  title = {The Treatment of Ties in Ranking Problems},
  author = {Kendall, Maurice G.},
  journal = {Biometrika},
  volume = {33},
  number = {3},
  pages = {239--251},
  year = {1945}
}"""),
    "bootstrap": _entry("""@book{efron1993bootstrap,
  title = {An Introduction to the Bootstrap},
  author = {Efron, Bradley and Tibshirani, Robert J.},
  publisher = {Chapman and Hall/CRC},
  year = {1993}
}"""),
    "paired_bootstrap": _entry("""@inproceedings{koehn2004significance,
  title = {Statistical Significance Tests for Machine Translation Evaluation},
  author = {Koehn, Philipp},
  booktitle = {Proceedings of the 2004 Conference on Empirical Methods in Natural Language Processing},
  pages = {388--395},
  year = {2004}
}"""),
    "hall_wilson": _entry("""@article{hall1991two,
  title = {Two Guidelines for Bootstrap Hypothesis Testing},
  author = {Hall, Peter and Wilson, Susan R.},
  journal = {Biometrics},
  volume = {47},
  number = {2},
  pages = {757--762},
  year = {1991}
}"""),
    "williams": _entry("""@article{williams1959comparison,
  title = {The Comparison of Regression Variables},
  author = {Williams, Evan J.},
  journal = {Journal of the Royal Statistical Society. Series B (Methodological)},
  volume = {21},
  number = {2},
  pages = {396--399},
  year = {1959}
}"""),
    "steiger": _entry("""@article{steiger1980tests,
  title = {Tests for Comparing Elements of a Correlation Matrix},
  author = {Steiger, James H.},
  journal = {Psychological Bulletin},
  volume = {87},
  number = {2},
  pages = {245--251},
  year = {1980}
}"""),
    "mcnemar": _entry("""@article{mcnemar1947note,
  title = {Note on the Sampling Error of the Difference Between Correlated Proportions or Percentages},
  author = {McNemar, Quinn},
  journal = {Psychometrika},
  volume = {12},
  number = {2},
  pages = {153--157},
  year = {1947}
}"""),
    "holm": _entry("""@article{holm1979simple,
  title = {A Simple Sequentially Rejective Multiple Test Procedure},
  author = {Holm, Sture},
  journal = {Scandinavian Journal of Statistics},
  volume = {6},
  number = {2},
  pages = {65--70},
  year = {1979}
}"""),
    "bh": _entry("""@article{benjamini1995controlling,
  title = {Controlling the False Discovery Rate: A Practical and Powerful Approach to Multiple Testing},
  author = {Benjamini, Yoav and Hochberg, Yosef},
  journal = {Journal of the Royal Statistical Society. Series B (Methodological)},
  volume = {57},
  number = {1},
  pages = {289--300},
  year = {1995}
}"""),
    "chiu": _entry("""@inproceedings{chiu2016intrinsic,
  title = {Intrinsic Evaluation of Word Vectors Fails to Predict Extrinsic Performance},
  author = {Chiu, Billy and Korhonen, Anna and Pyysalo, Sampo},
  booktitle = {Proceedings of the 1st Workshop on Evaluating Vector-Space Representations for NLP},
  pages = {1--6},
  year = {2016}
}"""),
    "mikolov_analogy": _entry("""@inproceedings{mikolov2013linguistic,
  author = {Mikolov, Tomas and Yih, Wen-tau and Zweig, Geoffrey},
  title = {Linguistic Regularities in Continuous Space Word Representations},
  booktitle = {Proceedings of the 2013 Conference of the North {A}merican Chapter of the Association for Computational Linguistics: Human Language Technologies},
  pages = {746--751},
  year = {2013}
}"""),
    "levy_analogy": _entry("""@inproceedings{levy2014linguistic,
  title = {Linguistic Regularities in Sparse and Explicit Word Representations},
  author = {Levy, Omer and Goldberg, Yoav},
  booktitle = {Proceedings of the Eighteenth Conference on Computational Natural Language Learning},
  pages = {171--180},
  year = {2014}
}"""),
    "qvec": _entry("""@inproceedings{tsvetkov2015evaluation,
  author = {Tsvetkov, Yulia and Faruqui, Manaal and Ling, Wang and Lample, Guillaume and Dyer, Chris},
  title = {Evaluation of Word Vector Representations by Subspace Alignment},
  booktitle = {Proceedings of the 2015 Conference on Empirical Methods in Natural Language Processing},
  pages = {2049--2054},
  year = {2015}
}"""),
    "qvec_cca": _entry("""@inproceedings{tsvetkov2016correlation,
  author = {Tsvetkov, Yulia and Faruqui, Manaal and Dyer, Chris},
  title = {Correlation-based Intrinsic Evaluation of Word Vector Representations},
  booktitle = {Proceedings of the 1st Workshop on Evaluating Vector-Space Representations for NLP},
  pages = {111--115},
  year = {2016}
}"""),
    "conlleval": _entry("""@inproceedings{tjongkimsang2000conll,
  author = {Tjong Kim Sang, Erik F. and Buchholz, Sabine},
  title = {Introduction to the {CoNLL}-2000 Shared Task: Chunking},
  booktitle = {Fourth Conference on Computational Natural Language Learning and the Second Learning Language in Logic Workshop},
  pages = {127--132},
  year = {2000}
}"""),
    "lafferty": _entry("""@inproceedings{lafferty2001conditional,
  title = {Conditional Random Fields: Probabilistic Models for Segmenting and Labeling Sequence Data},
  author = {Lafferty, John and McCallum, Andrew and Pereira, Fernando C. N.},
  booktitle = {Proceedings of the Eighteenth International Conference on Machine Learning},
  pages = {282--289},
  year = {2001}
}"""),
    "collins_perceptron": _entry("""@inproceedings{collins2002discriminative,
  title = {Discriminative Training Methods for Hidden {M}arkov Models: Theory and Experiments with Perceptron Algorithms},
  author = {Collins, Michael},
  booktitle = {Proceedings of the 2002 Conference on Empirical Methods in Natural Language Processing},
  pages = {1--8},
  year = {2002}
}"""),
    "collobert": _entry("""@article{collobert2011natural,
  title = {Natural Language Processing (Almost) from Scratch},
  author = {Collobert, Ronan and Weston, Jason and Bottou, L{\\'e}on and Karlen, Michael and Kavukcuoglu, Koray and Kuksa, Pavel},
  journal = {Journal of Machine Learning Research},
  volume = {12},
  pages = {2493--2537},
  year = {2011}
}"""),
    "huang_bilstm": _entry("""@misc{huang2015bidirectional,
  title = {Bidirectional {LSTM-CRF} Models for Sequence Tagging},
  author = {Huang, Zhiheng and Xu, Wei and Yu, Kai},
  howpublished = {arXiv:1508.01991},
  year = {2015}
}"""),
    "lample": _entry("""@inproceedings{lample2016neural,
  title = {Neural Architectures for Named Entity Recognition},
  author = {Lample, Guillaume and Ballesteros, Miguel and Subramanian, Sandeep and Kawakami, Kazuya and Dyer, Chris},
  booktitle = {Proceedings of the 2016 Conference of the North {A}merican Chapter of the Association for Computational Linguistics: Human Language Technologies},
  pages = {260--270},
  year = {2016}
}"""),
    "turian_clusters": _entry("""@inproceedings{turian2010word,
  title = {Word Representations: A Simple and General Method for Semi-Supervised Learning},
  author = {Turian, Joseph and Ratinov, Lev-Arie and Bengio, Yoshua},
  booktitle = {Proceedings of the 48th Annual Meeting of the Association for Computational Linguistics},
  pages = {384--394},
  year = {2010}
}"""),
    "sif": _entry("""@inproceedings{arora2017simple,
  title = {A Simple but Tough-to-Beat Baseline for Sentence Embeddings},
  author = {Arora, Sanjeev and Liang, Yingyu and Ma, Tengyu},
  booktitle = {5th International Conference on Learning Representations ({ICLR} 2017)},
  year = {2017}
}"""),
    "fasttext_subwords": _entry("""@article{bojanowski2017enriching,
  title = {Enriching Word Vectors with Subword Information},
  author = {Bojanowski, Piotr and Grave, Edouard and Joulin, Armand and Mikolov, Tomas},
  journal = {Transactions of the Association for Computational Linguistics},
  volume = {5},
  pages = {135--146},
  year = {2017}
}"""),
    "hybrid_decoding": _entry("""@book{bourlard1994connectionist,
  title = {Connectionist Speech Recognition: A Hybrid Approach},
  author = {Bourlard, Herv{\\'e} and Morgan, Nelson},
  publisher = {Kluwer Academic Publishers},
  year = {1994}
}"""),
    "scipy": _entry("""@article{virtanen2020scipy,
  title = {{SciPy} 1.0: Fundamental Algorithms for Scientific Computing in {P}ython},
  author = {Virtanen, Pauli and Gommers, Ralf and Oliphant, Travis E. and Haberland, Matt and Reddy, Tyler and Cournapeau, David and Burovski, Evgeni and Peterson, Pearu and Weckesser, Warren and Bright, Jonathan and {van der Walt}, St{\\'e}fan J. and Brett, Matthew and Wilson, Joshua and Millman, K. Jarrod and Mayorov, Nikolay and Nelson, Andrew R. J. and Jones, Eric and Kern, Robert and Larson, Eric and Carey, C J and Polat, {\\.I}lhan and Feng, Yu and Moore, Eric W. and {VanderPlas}, Jake and Laxalde, Denis and Perktold, Josef and Cimrman, Robert and Henriksen, Ian and Quintero, E. A. and Harris, Charles R. and Archibald, Anne M. and Ribeiro, Ant{\\^o}nio H. and Pedregosa, Fabian and {van Mulbregt}, Paul and {SciPy 1.0 Contributors}},
  journal = {Nature Methods},
  volume = {17},
  pages = {261--272},
  year = {2020}
}""", "software"),
    "sklearn": _entry("""@article{pedregosa2011scikit,
  title = {Scikit-learn: Machine Learning in {P}ython},
  author = {Pedregosa, Fabian and Varoquaux, Ga{\\"e}l and Gramfort, Alexandre and Michel, Vincent and Thirion, Bertrand and Grisel, Olivier and Blondel, Mathieu and Prettenhofer, Peter and Weiss, Ron and Dubourg, Vincent and Vanderplas, Jake and Passos, Alexandre and Cournapeau, David and Brucher, Matthieu and Perrot, Matthieu and Duchesnay, {\\'E}douard},
  journal = {Journal of Machine Learning Research},
  volume = {12},
  pages = {2825--2830},
  year = {2011}
}""", "software"),
    "crfsuite": _entry("""@misc{okazaki2007crfsuite,
  title = {{CRFsuite}: A Fast Implementation of Conditional Random Fields ({CRFs})},
  author = {Okazaki, Naoaki},
  howpublished = {http://www.chokkan.org/software/crfsuite/},
  year = {2007}
}""", "software"),
    "torch": _entry("""@inproceedings{paszke2019pytorch,
  title = {{PyTorch}: An Imperative Style, High-Performance Deep Learning Library},
  author = {Paszke, Adam and Gross, Sam and Massa, Francisco and Lerer, Adam and Bradbury, James and Chanan, Gregory and Killeen, Trevor and Lin, Zeming and Gimelshein, Natalia and Antiga, Luca and Desmaison, Alban and K{\\"o}pf, Andreas and Yang, Edward and DeVito, Zachary and Raison, Martin and Tejani, Alykhan and Chilamkurthy, Sasank and Steiner, Benoit and Fang, Lu and Bai, Junjie and Chintala, Soumith},
  booktitle = {Advances in Neural Information Processing Systems 32},
  pages = {8024--8035},
  year = {2019}
}""", "software"),
    "transformers": _entry("""@inproceedings{wolf2020transformers,
  title = {Transformers: State-of-the-Art Natural Language Processing},
  author = {Wolf, Thomas and Debut, Lysandre and Sanh, Victor and Chaumond, Julien and Delangue, Clement and Moi, Anthony and Cistac, Pierric and Rault, Tim and Louf, R{\\'e}mi and Funtowicz, Morgan and Davison, Joe and Shleifer, Sam and von Platen, Patrick and Ma, Clara and Jernite, Yacine and Plu, Julien and Xu, Canwen and Le Scao, Teven and Gugger, Sylvain and Drame, Mariama and Lhoest, Quentin and Rush, Alexander M.},
  booktitle = {Proceedings of the 2020 Conference on Empirical Methods in Natural Language Processing: System Demonstrations},
  pages = {38--45},
  year = {2020}
}""", "software"),
    "gensim": _entry("""@inproceedings{rehurek2010software,
  title = {Software Framework for Topic Modelling with Large Corpora},
  author = {{\\v{R}}eh{\\r{u}}{\\v{r}}ek, Radim and Sojka, Petr},
  booktitle = {Proceedings of the {LREC} 2010 Workshop on New Challenges for {NLP} Frameworks},
  pages = {45--50},
  year = {2010}
}""", "software"),
}
