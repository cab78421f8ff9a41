"""Registry entries of the intrinsic family (see wordeval.registry). Only names and 'module:attr' targets here."""


def register(registry) -> None:
    pass
