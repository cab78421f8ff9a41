"""CoNLL-2003's German files (word lemma POS chunk entity, Latin-1) write their chunks as NC/VC/PC, not as the
NP/VP/PP types that tell the chunk column from the entity column in the English files. Chunking took the last
tag column, the entities, with only a note: its F1 scored named entities. The oracle is the file's own chunk
column, read by hand."""
from __future__ import annotations

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff

DEU = """-DOCSTART- -X- -X- -X- O

Ereignis Ereignis NN I-NC O
und und KON O O
Erzählung Erzählung NN I-NC O
: : $. O O

Die die ART I-NC O
Stadt Stadt NN I-NC O
von von APPR I-PC O
Köln Köln NE I-NC I-LOC
lobte loben VVFIN I-VC O
Helmut Helmut NE I-NC I-PER
Kohl Kohl NE I-NC I-PER
. . $. O O
"""


def _lines(text):
    return [line.split() for line in text.splitlines() if line and not line.startswith("-DOCSTART-")]


def test_german_conll2003_chunking_reads_the_chunk_column_and_ner_the_entities(tmp_path):
    path = tmp_path / "deu.train"
    path.write_bytes(DEU.encode("latin-1"))
    for family, column in (("chunking", 3), ("ner", 4)):
        name, options, notes = sniff(family, {"train": path}, {"encoding": "latin-1"})
        splits, extra = reader(name)({"train": path}, **options)
        assert options["tag_column"] == column
        assert [t for s in splits["train"] for t in s.tags] == [f[column] for f in _lines(DEU)]
        assert [t for s in splits["train"] for t in s.tokens][2] == "Erzählung"
        assert extra["scheme"] == "IOB1"
    chunking_notes = sniff("chunking", {"train": path}, {"encoding": "latin-1"})[2]
    assert any("using column 3, the one with the fewest O tags (column 3: 25%, column 4: 75%)" in n
               for n in chunking_notes), chunking_notes
