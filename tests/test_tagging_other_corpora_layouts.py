"""Tagging corpora other than the built-in ones, in their layouts as distributed, declared as a user's task:
UD CoNLL-U of other languages (multiword tokens, empty nodes, newdoc/newpar/sent_id/text comments,
SpaceAfter=No), CoNLL-2002 Spanish (esp.*: 'word TAG', no -DOCSTART-) and Dutch (ned.*: '-DOCSTART- -DOCSTART- O'
then 'word POS TAG'), WNUT-17 (tab-separated, tweets separated by a lone tab), CoNLL-2000 (word POS chunk) and
PTB word/TAG lines; each as written and with CRLF and a byte-order mark, without a final newline, with several
blank lines and with trailing spaces. Oracles: a plain reading of each format's columns written below (CoNLL-U
by its documented rules: '#' lines are comments, IDs with '-' or '.' are no syntactic words), and seqeval's
default mode (conlleval's reading) for chunk F1."""
from __future__ import annotations

import pytest
from seqeval.metrics import f1_score

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.extrinsic.spans import span_scores


def _row(*cells):
    return "\t".join(cells)


UD_TRAIN = "\n".join([
    "# newdoc id = 3LB-CAST-111_C-2", "# sent_id = 3LB-CAST-111_C-2-s1", "# text = La sede del banco está en Madrid.",
    _row("1", "La", "el", "DET", "da0fs0", "Definite=Def|Gender=Fem|Number=Sing|PronType=Art", "2", "det", "2:det", "_"),
    _row("2", "sede", "sede", "NOUN", "ncfs000", "Gender=Fem|Number=Sing", "6", "nsubj", "6:nsubj", "_"),
    _row("3-4", "del", "_", "_", "_", "_", "_", "_", "_", "_"),
    _row("3", "de", "de", "ADP", "sps00", "_", "5", "case", "5:case", "_"),
    _row("4", "el", "el", "DET", "da0ms0", "_", "5", "det", "5:det", "_"),
    _row("5", "banco", "banco", "NOUN", "ncms000", "_", "2", "nmod", "2:nmod", "_"),
    _row("6", "está", "estar", "AUX", "vaip3s0", "_", "0", "root", "0:root", "_"),
    _row("7", "en", "en", "ADP", "sps00", "_", "8", "case", "8:case", "_"),
    _row("8", "Madrid", "Madrid", "PROPN", "np00000", "_", "6", "obl", "6:obl", "SpaceAfter=No"),
    _row("9", ".", ".", "PUNCT", "fp", "PunctType=Peri", "6", "punct", "6:punct", "_"),
    "", "# newpar", "# sent_id = 3LB-CAST-111_C-2-s2", "# text = Juan come y María también.",
    _row("1", "Juan", "Juan", "PROPN", "np00000", "_", "2", "nsubj", "2:nsubj", "_"),
    _row("2", "come", "comer", "VERB", "vmip3s0", "_", "0", "root", "0:root", "_"),
    _row("3", "y", "y", "CCONJ", "cc", "_", "4", "cc", "4:cc|4.1:cc", "_"),
    _row("4", "María", "María", "PROPN", "np00000", "_", "2", "conj", "4.1:nsubj", "_"),
    _row("4.1", "come", "comer", "VERB", "_", "_", "_", "_", "2:conj", "CopyOf=2"),
    _row("5", "también", "también", "ADV", "rg", "_", "4", "advmod", "4.1:advmod", "SpaceAfter=No"),
    _row("6", ".", ".", "PUNCT", "fp", "_", "2", "punct", "2:punct", "_"), "", ""])
UD_TEST = "\n".join([
    "# sent_id = t-s1", "# text = Dámelo ya.",
    _row("1-3", "Dámelo", "_", "_", "_", "_", "_", "_", "_", "_"),
    _row("1", "Da", "dar", "VERB", "vmm02s0", "_", "0", "root", "0:root", "_"),
    _row("2", "me", "yo", "PRON", "pp1cs000", "_", "1", "iobj", "1:iobj", "_"),
    _row("3", "lo", "él", "PRON", "pp3msa00", "_", "1", "obj", "1:obj", "_"),
    _row("4", "ya", "ya", "ADV", "rg", "_", "1", "advmod", "1:advmod", "SpaceAfter=No"),
    _row("5", ".", ".", "PUNCT", "fp", "_", "1", "punct", "1:punct", "_"), "", ""])
ESP_TRAIN = ("Melbourne B-LOC\n( O\nAustralia B-LOC\n) O\n, O\n25 O\nmay O\n( O\nEFE B-ORG\n) O\n. O\n\n- O\n\n"
             "El O\nAbogado B-PER\nGeneral I-PER\ndel I-PER\nEstado I-PER\n, O\nDaryl B-PER\nWilliams I-PER\n"
             ", O\nsubrayó O\n. O\n\n")
ESP_TEST = "La B-LOC\nCoruña I-LOC\n, O\n23 O\nmay O\n( O\nEFECOM B-ORG\n) O\n. O\n\nJuan B-PER\nllegó O\n. O\n\n"
NED_TRAIN = ("-DOCSTART- -DOCSTART- O\nDe Art O\ntekst N O\nvan Prep O\nJustitie N B-ORG\n. Punc O\n\nHet Art O\n"
             "hof N O\nin Prep O\nAntwerpen N B-LOC\nsprak V O\n. Punc O\n\n-DOCSTART- -DOCSTART- O\nGuy N B-PER\n"
             "Verhofstadt N I-PER\nzei V O\nniets Pron O\n. Punc O\n\n")
NED_TEST = "-DOCSTART- -DOCSTART- O\nJan N B-PER\nwoont V O\nin Prep O\nGent N B-LOC\n. Punc O\n\n"
WNUT_TRAIN = ("@paulwalk\tO\nIt\tO\n's\tO\nthe\tO\nview\tO\nfrom\tO\nEmpire\tB-location\nState\tI-location\n"
              "Building\tI-location\n=\tO\nESB\tB-location\n.\tO\n\nAHFA\tB-group\nextends\tO\ndeadline\tO\n"
              "#nyc\tB-location\n\n")
WNUT_TEST = ("&\tO\ngt\tO\n;\tO\nThe\tO\nSoldier\tB-group\nKing\tI-group\n\t\nHarry\tB-location\nPotter\tI-location\n"
             "rocks\tO\n\t\n")
C2K_TRAIN = ("Confidence NN B-NP\nin IN B-PP\nthe DT B-NP\npound NN I-NP\nis VBZ B-VP\nwidely RB I-VP\n"
             "expected VBN I-VP\n. . O\n\nChancellor NNP O\nof IN B-PP\nthe DT B-NP\nExchequer NNP I-NP\n. . O\n\n")
C2K_TEST = "Rockwell NNP B-NP\nInternational NNP I-NP\nCorp. NNP I-NP\nsaid VBD B-VP\nit PRP B-NP\n. . O\n\n"
PTB_TRAIN = ("Pierre/NNP Vinken/NNP ,/, 61/CD years/NNS old/JJ ,/, will/MD join/VB the/DT board/NN ./.\n"
             "Shares/NNS rose/VBD 3\\/4/CD to/TO $/$ 1\\/2/CD ``/`` sharply/RB ''/'' ./.\n")
PTB_TEST = "A/DT form/NN of/IN asbestos/NN -LRB-/-LRB- once/RB -RRB-/-RRB- rose/VBD ./.\n"


def _conllu_by_its_rules(text):
    sentences, words = [], []
    for line in text.splitlines() + [""]:
        if not line.strip():
            if words:
                sentences.append((tuple(w for w, _ in words), tuple(t for _, t in words)))
            words = []
        elif not line.startswith("#"):
            cells = line.split("\t")
            if "-" not in cells[0] and "." not in cells[0]:
                words.append((cells[1], cells[3]))
    return sentences


def _columns_by_hand(token, tag, sep=None):
    def read(text):
        sentences, words = [], []
        for line in text.splitlines() + [""]:
            cells = line.split(sep)
            if not line.strip() or cells[0] == "-DOCSTART-":
                if words:
                    sentences.append((tuple(w for w, _ in words), tuple(t for _, t in words)))
                words = []
            else:
                words.append((cells[token], cells[tag]))
        return sentences
    return read


def _word_tag_by_hand(text):
    return [(tuple(i.rpartition("/")[0] for i in line.split()), tuple(i.rpartition("/")[2] for i in line.split()))
            for line in text.splitlines() if line.strip()]


LAYOUTS = {  # name: (family, suffix, train, test, oracle, expected reader, encoding)
    "ud-spanish": ("pos", ".conllu", UD_TRAIN, UD_TEST, _conllu_by_its_rules, "conllu", "utf-8"),
    "conll2002-esp": ("ner", ".esp", ESP_TRAIN, ESP_TEST, _columns_by_hand(0, 1), "conll", "latin-1"),
    "conll2002-ned": ("ner", ".ned", NED_TRAIN, NED_TEST, _columns_by_hand(0, 2), "conll", "latin-1"),
    "conll2002-ned-pos": ("pos", ".ned", NED_TRAIN, NED_TEST, _columns_by_hand(0, 1), "conll", "latin-1"),
    "wnut17": ("ner", ".conll", WNUT_TRAIN, WNUT_TEST, _columns_by_hand(0, 1, "\t"), "conll", "utf-8"),
    "conll2000": ("chunking", ".txt", C2K_TRAIN, C2K_TEST, _columns_by_hand(0, 2), "conll", "utf-8"),
    "ptb-word-tag": ("pos", ".pos", PTB_TRAIN, PTB_TEST, _word_tag_by_hand, "word-tag", "utf-8"),
}
LINE_ENDS = {
    "as distributed": lambda t: t,
    "crlf and bom": lambda t: "\ufeff" + t.replace("\n", "\r\n"),
    "no final newline": lambda t: t.rstrip("\n"),
    "several blank lines": lambda t: t.replace("\n\n", "\n\n\n\n") + "\n\n",
    "trailing spaces": lambda t: "\n".join(line + "  " if line.strip() else line for line in t.split("\n")),
}


@pytest.mark.parametrize("ends", list(LINE_ENDS))
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_corpus_layout_reads_the_tokens_and_tags_of_its_columns(tmp_path, layout, ends):
    family, suffix, train, test, oracle, want, encoding = LAYOUTS[layout]
    files = {}
    for key, text in (("train", train), ("test", test)):
        files[key] = tmp_path / f"{key}{suffix}"
        # the BOM is UTF-8's: a Latin-1 file (CoNLL-2002's) gets none
        written = LINE_ENDS[ends](text)
        files[key].write_bytes(written.lstrip("\ufeff").encode(encoding) if encoding != "utf-8" else written.encode())
    hints = {"encoding": encoding} if encoding != "utf-8" else {}
    name, options, _ = sniff(family, files, hints)
    assert name == want
    splits, extra = reader(name)(files, **options)
    assert [(s.tokens, s.tags) for s in splits["train"]] == oracle(train)
    assert [(s.tokens, s.tags) for s in splits["test"]] == oracle(test)
    if family in ("ner", "chunking"):
        assert extra["scheme"] == "IOB2"


@pytest.mark.parametrize("layout", ["conll2002-esp", "conll2002-ned", "wnut17", "conll2000"])
def test_chunk_f1_on_a_corpus_layout_is_seqevals(tmp_path, layout):
    """A tagger's output that tags O the last chunk tag of the last sentence (a chunk lost or cut short): F1 as
    seqeval reads the file's own columns."""
    family, suffix, train, test, oracle, _, encoding = LAYOUTS[layout]
    files = {}
    for key, text in (("train", train), ("test", test)):
        files[key] = tmp_path / f"{key}{suffix}"
        files[key].write_bytes(text.encode(encoding))
    name, options, _ = sniff(family, files, {"encoding": encoding} if encoding != "utf-8" else {})
    splits, extra = reader(name)(files, **options)
    gold = [list(tags) for _, tags in oracle(test)]
    pred = [list(g) for g in gold]
    last = max(i for i, t in enumerate(pred[-1]) if t != "O")
    pred[-1][last] = "O"
    ours = span_scores([list(s.tags) for s in splits["test"]], pred, scheme=extra["scheme"])["f1"]
    assert ours == pytest.approx(f1_score(gold, pred), abs=1e-12)
    assert 0 < ours < 1
