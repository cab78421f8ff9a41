"""What differs between the sentence-transformers versions the ``bert`` extra accepts (3.0.1 to 6.x), for
tests that take sentence-transformers' own modules as their oracle."""
from __future__ import annotations


def pooling_modes(module) -> tuple[str, ...]:
    """A Pooling module's modes: its ``pooling_mode`` (a name or several, sentence-transformers 6), or what
    ``get_pooling_mode_str`` joins with '+' (3.x, which has no such attribute)."""
    modes = getattr(module, "pooling_mode", None)
    if modes is None:
        return tuple(module.get_pooling_mode_str().split("+"))
    return (modes,) if isinstance(modes, str) else tuple(modes)


def cls_pools_the_prompt() -> bool:
    """Whether sentence-transformers' cls pooling takes the first token, the prompt's, under include_prompt
    false (3.0.1 does: its include_prompt cut reaches only the modes read through the attention mask); later
    versions take the text's first token, as wordeval does."""
    import torch
    try:
        from sentence_transformers.sentence_transformer.modules import Pooling
    except ImportError:
        from sentence_transformers.models import Pooling
    h = torch.arange(12, dtype=torch.float32).reshape(1, 3, 4)
    own = Pooling(4, pooling_mode="cls", include_prompt=False)(
        {"token_embeddings": h, "attention_mask": torch.ones(1, 3, dtype=torch.long), "prompt_length": 1})
    return torch.equal(own["sentence_embedding"], h[:, 0])


def cls_prompt_skip_reason() -> str:
    import sentence_transformers
    return (f"sentence-transformers {sentence_transformers.__version__} pools cls from the prompt's first "
            "token under include_prompt false; wordeval, as later versions, from the text's first")
