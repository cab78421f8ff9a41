"""Registry entries of the intrinsic family (see wordeval.registry). Only names and 'module:attr' targets here."""

_FAMILIES = (
    ("similarity", ("ws353", "ws353-sim", "ws353-rel", "simlex999", "simverb3500", "men", "rw", "mturk287",
                    "mturk771", "rg65", "mc30", "yp130")),
    ("analogy", ("google", "msr", "bats")),
    ("sts", ("sts12", "sts14-onwn", "sts14-headlines")),
)


def register(registry) -> None:
    for family, datasets in _FAMILIES:
        for ds in datasets:
            attr = f"{family}_{ds}".replace("-", "_").upper()
            registry.add("task", f"{family}/{ds}", f"wordeval.intrinsic.specs:{attr}", family=family)
