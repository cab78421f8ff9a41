"""Registry entries of the extrinsic family (see wordeval.registry). Only names and 'module:attr' targets here."""

_TAGGING = {
    "pos/ud-ewt": "POS_UD_EWT",
    "pos/ptb-pos": "POS_PTB",
    "chunking/conll2000": "CHUNKING_CONLL2000",
    "ner/conll2003": "NER_CONLL2003",
    "ner/wnut16": "NER_WNUT16",
}
_CLASSIFICATION = {"bbc": "TASK_BBC", "mr": "TASK_MR", "cr": "TASK_CR", "sst2": "TASK_SST2", "sst5": "TASK_SST5",
                   "trec6": "TASK_TREC6", "trec50": "TASK_TREC50"}


def register(registry) -> None:
    for name, attr in _TAGGING.items():
        registry.add("task", name, f"wordeval.extrinsic.tagging_tasks:{attr}")
    for dataset, attr in _CLASSIFICATION.items():
        registry.add("task", f"classification/{dataset}", f"wordeval.extrinsic.classification:{attr}")
