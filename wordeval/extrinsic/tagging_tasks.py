"""Task specs of the sequence-labelling tasks (registered in catalog.py). Bump TASK_VERSION when a change
to features, learners or scoring can move a score."""
from __future__ import annotations

from wordeval.tasks import TaskSpec

# 2: window MLP dropout 0.5 -> 0.2 (chosen on CoNLL dev). 3: window MLP decodes greedily by default (viterbi now
# means scaled likelihoods; chosen on dev), torch learners stop after `patience` epochs without improvement.
TASK_VERSION = "3"


def _task(family: str, dataset: str, main_score: str, description: str) -> TaskSpec:
    return TaskSpec(name=f"{family}/{dataset}", version=TASK_VERSION, family=family, dataset=dataset,
                    main_score=main_score, direction="higher", split="test", description=description,
                    parameters={"scoring": "token accuracy" if main_score == "accuracy"
                                else "conlleval chunk F1, micro over types, per sentence"})


POS_UD_EWT = _task("pos", "ud-ewt", "accuracy", "UPOS tagging on UD English-EWT, token accuracy")
POS_PTB = _task("pos", "ptb-pos", "accuracy", "PTB POS tagging (WSJ sample), token accuracy")
CHUNKING_CONLL2000 = _task("chunking", "conll2000", "f1", "CoNLL-2000 chunking, chunk F1")
NER_CONLL2003 = _task("ner", "conll2003", "f1", "CoNLL-2003 English NER, entity F1")
NER_WNUT16 = _task("ner", "wnut16", "f1", "WNUT-16 Twitter NER, entity F1")
