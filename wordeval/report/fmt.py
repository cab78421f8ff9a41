"""Number formatting shared by every output format. A p-value is rounded *up* (never printed smaller than it
is), to as many digits as keep it on its own side of α, and a p-value at the smallest value its method can
give is printed as "p ≤ x"."""
from __future__ import annotations

import math
from typing import Any

from wordeval.report.cells import finite

# A p-value computed as 0.0 underflowed: the true value is below the smallest positive double (~5e-324), so
# "p < 1e-300" is true and still says the test could not resolve it further.
UNDERFLOW_BOUND = 1e-300


def ceil_sig(x: float, digits: int = 2) -> float:
    """``x`` rounded up to ``digits`` significant digits (0.000999 -> 0.001)."""
    # the (1 - 1e-12) keeps an exactly representable value (0.05) from being pushed up by rounding noise
    return _round_sig(x, digits, lambda v: math.ceil(v * (1 - 1e-12)))


def floor_sig(x: float, digits: int = 2) -> float:
    """``x`` rounded down to ``digits`` significant digits (2/4! = 0.08333 -> 0.0833)."""
    return _round_sig(x, digits, lambda v: math.floor(v * (1 + 1e-12)))


def _round_sig(x: float, digits: int, to_integer) -> float:
    if x <= 0 or not math.isfinite(x):
        return x
    exp = math.floor(math.log10(x))
    if digits - 1 - exp > 300:  # the scale would overflow a double; so close to 0, rounding changes nothing
        return x
    scale = 10.0 ** (digits - 1 - exp)
    return to_integer(x * scale) / scale


def fmt_number(x: float, digits: int = 3) -> str:
    """A p-value or anything else that must not be printed smaller than it is."""
    return _sig_text(ceil_sig(x, digits), digits)


def fmt_lower_bound(x: float, digits: int = 3) -> str:
    """A floor ("cannot go below x", "at least x"): rounded up it would claim more than is true."""
    return _sig_text(floor_sig(x, digits), digits)


def _sig_text(v: float, digits: int) -> str:
    return f"{v:.{digits}g}" if v >= 1e-4 else f"{v:.{digits - 1}e}"


def fmt_p_number(p: float, alpha: float | None, digits: int = 3) -> str:
    """``p`` rounded up to ``digits`` significant digits, or more where fewer would put it on α or across
    it: a corrected p of 0.04995 (significant at α = 0.05) printed 'p ≤ 0.05', read as not significant.
    Rounded up, a p at or above α never prints below it; one below α gets digits until it prints below α."""
    if alpha is None:
        return fmt_number(p, digits)
    for d in range(digits, 18):
        text = fmt_number(p, d)
        # past the usual digits, ceil_sig's allowance for noise can round p down (0.049999999999999996)
        if (float(text) < alpha) == (p < alpha) and (d == digits or float(text) >= p):
            return text
    # the shortest text that reads back as p: it compares with α as p does (both parse monotonically)
    return repr(float(p))


def fmt_p(p: Any, *, at_floor: bool = False, alpha: float | None = None) -> str:
    """``p = 0.012``; ``p ≤ 0.001`` when the method (a bootstrap with 1,000 resamples) cannot resolve less.
    ``alpha``: the level the p is judged at, so the printed p stays on its side of it (``fmt_p_number``)."""
    if not finite(p):
        return "p n/a"
    if p >= 1:
        return "p = 1"
    if p < UNDERFLOW_BOUND:  # an exact test's p at or near the smallest double (McNemar on thousands of items):
        # never printed as 0, and 10 ** 310 (the rounding scale of a p near 1e-308) overflowed: a traceback
        return f"p < {UNDERFLOW_BOUND:.0e}"
    return f"p {'≤' if at_floor else '='} {fmt_p_number(p, alpha)}"


def fmt(x: Any, digits: int = 3) -> str:
    return f"{x:.{digits}f}" if finite(x) else "n/a"


def fmt_ci(ci: Any, digits: int = 3, *, within: tuple[float, float] | None = None) -> str:
    """An interval rounded outward (``wordeval.interval_rounding``): never printed narrower than computed,
    nor past the statistic's range ``within``."""
    from wordeval.interval_rounding import outward

    if not ci or not all(finite(c) for c in ci):
        return ""
    lo, hi = outward(ci[0], ci[1], digits, within=within)
    return f"[{lo}, {hi}]"


def fmt_pm(value: Any, sd: Any, digits: int = 3) -> str:
    """``0.873 ± 0.004`` (mean ± sd over seeds) or the value alone. A spread that rounds to zero but is not
    zero is ``± < 0.001``: ``± 0.000`` read as seeds that agree exactly."""
    if not finite(sd):
        return fmt(value, digits)
    floor = 10.0 ** -digits
    if 0 < sd < floor / 2:
        return f"{fmt(value, digits)} ± < {floor:.{digits}f}"
    return f"{fmt(value, digits)} ± {sd:.{digits}f}"


def fmt_share(x: float, decimals: int = 1) -> str:
    """A share as a percentage to 0.1 % (``decimals``); one short of all never prints as 100.0 %, nor one above
    none as 0.0 % (19,543 of 19,544 questions covered read '100.0%', as a full coverage; 3 OOV tokens of 10,000
    read 'OOV 0.0%')."""
    text = f"{100 * x:.{decimals}f}"
    least = f"{10.0 ** -decimals:.{decimals}f}"
    if float(text) == 100 and x < 1:
        return f"> {100 - float(least):.{decimals}f}%"
    if float(text) == 0 and x > 0:
        return f"< {least}%"
    return f"{text}%"


def fmt_coverage(cell: dict, unit: str = "") -> str:
    """``222/222 documents (100.0%)``: ``unit`` where the items are not what the score counts."""
    if not cell.get("n_total"):
        return "n/a"
    counts = f"{cell['n_used']:,}/{cell['n_total']:,}{' ' + unit if unit else ''}"
    # Under oov = "penalize" every pair is scored and under "intersection" only the common ones, while the
    # coverage stays the representation's own: "353/353 (56.7%)" read as a share of the 353 scored
    if finite(cell["coverage"]) and abs(cell["coverage"] - cell["n_used"] / cell["n_total"]) > 1e-9:
        return f"{counts} scored, {fmt_share(cell['coverage'])} covered"
    return f"{counts} ({fmt_share(cell['coverage'])})"


def at_floor(test: dict | None) -> bool:
    return bool(test) and finite(test.get("p_floor")) and test["p_floor"] > 0 and test["p_value"] <= test["p_floor"]


# The matrix's coefficient by its name: the method is the CLI's lower-case choice, and it was printed as
# "kendall correlation" (which Kendall: the matrix computes τ-b, ``agreement.rank_correlation``)
CORRELATION_NAMES = {"spearman": "Spearman ρ", "pearson": "Pearson r", "kendall": "Kendall τ-b"}
# Chiu, Korhonen & Pyysalo (2016) correlated each similarity benchmark with each tagging task across their
# word2vec windows by Spearman's ρ: under another coefficient the matrix is not theirs to be credited with
CHIU_METHOD = "spearman"


def correlation_name(method: str) -> str:
    return CORRELATION_NAMES.get(method, str(method))


def correlation_credit(method: str) -> str:
    """' (as in Chiu et al. 2016)' under their coefficient, else nothing."""
    return " (as in Chiu et al. 2016)" if method == CHIU_METHOD else ""
