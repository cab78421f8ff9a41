"""Structured averaged perceptron (Collins 2002) on the same features as the CRF (crfsuite's ``ap``)."""
from __future__ import annotations

from wordeval.extrinsic.learners.crf import CRFTagger


class PerceptronTagger(CRFTagger):
    name = "perceptron"
    algorithm = "ap"

    def __init__(self, *, epochs: int = 10, **kwargs):
        super().__init__(epochs=epochs, **kwargs)
        del self.c1, self.c2  # the CRF's regularisation, which the perceptron's trainer never reads

    def _params(self) -> dict:
        return {"max_iterations": self.epochs}
