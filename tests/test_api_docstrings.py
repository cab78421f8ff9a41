"""Every public name of ``wordeval`` says what it does in its own docstring (``help(wordeval.Task)`` showed
nothing; ``ResultRecord``'s was the dataclass's generated signature)."""
from __future__ import annotations

import pytest

import wordeval


@pytest.mark.parametrize("name", [n for n in wordeval.__all__ if n != "__version__"])
def test_each_public_name_has_a_docstring_of_its_own(name):
    obj = getattr(wordeval, name)
    doc = (obj.__dict__.get("__doc__") if isinstance(obj, type) else obj.__doc__) or ""
    assert doc.strip() and not doc.startswith(f"{name}("), name
