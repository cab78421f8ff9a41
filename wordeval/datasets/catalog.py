"""Registry entries of the datasets family (see wordeval.registry). Only names and 'module:attr' targets here."""

# name -> module holding the spec (attribute = upper-cased name with '-' -> '_').
_SPEC_MODULES = {
    "wordeval.datasets.specs_similarity": ("ws353", "ws353-sim", "ws353-rel", "simlex999", "simverb3500", "men",
                                           "rw", "mturk287", "mturk771", "rg65", "mc30", "yp130"),
    "wordeval.datasets.specs_analogy": ("google", "msr", "bats"),
    "wordeval.datasets.specs_sts": ("sts12", "sts14-onwn", "sts14-headlines"),
    "wordeval.datasets.specs_sequence": ("ud-ewt", "ptb-pos", "conll2000", "conll2003", "wnut16"),
    "wordeval.datasets.specs_classification": ("bbc", "mr", "cr", "sst2", "sst5", "trec6", "trec50"),
}


def register(registry) -> None:
    for module, names in _SPEC_MODULES.items():
        for name in names:
            registry.add("dataset", name, f"{module}:{name.upper().replace('-', '_')}")
