"""Registry entries of the extrinsic family (see wordeval.registry). Only names and 'module:attr' targets here."""


def register(registry) -> None:
    for name in ("bbc", "mr", "cr", "sst2", "sst5", "trec6", "trec50"):  # engineer F2
        registry.add("task", f"classification/{name}", f"wordeval.extrinsic.classification:TASK_{name.upper()}")
