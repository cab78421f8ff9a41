"""wordeval: intrinsic and extrinsic evaluation of word and sentence representations.

Importing this package does nothing beyond defining names: no I/O, no torch, no logging setup. The public
API below is imported on first use::

    import wordeval
    rec = wordeval.evaluate("glove-6b-50d", "similarity/simlex999")   # or a KeyedVectors, a dict, a spec file
    wordeval.run(["glove-6b-50d", "mine=vectors.txt"], ["similarity/ws353", "ner/conll2003"], out="results/")
    comp = wordeval.compare("results/")
    comp.to_frame(); wordeval.results_frame("results/")
    wordeval.write_report(comp, "my-report/")
"""
from __future__ import annotations

__all__ = ["__version__", "load_embedding", "as_embedding", "evaluate", "run", "compare", "write_report", "Task",
           "get_task", "load_spec_file", "results_frame", "load_records", "ResultRecord", "ResultStore", "WordevalError"]

_LAZY = {
    "load_embedding": ("wordeval.embeddings.load", "load_embedding"),
    "as_embedding": ("wordeval.adapters", "as_embedding"),
    "evaluate": ("wordeval.evaluation", "evaluate"),
    "run": ("wordeval.runner", "run"),
    "write_report": ("wordeval.report.writer", "write_report"),
    "Task": ("wordeval.tasks.task", "Task"),
    "get_task": ("wordeval.tasks.task", "get_task"),
    "load_spec_file": ("wordeval.tasks.spec_file", "load_spec_file"),
    "results_frame": ("wordeval.results.frames", "results_frame"),
    "load_records": ("wordeval.results.store", "load_records"),
    "ResultRecord": ("wordeval.results.record", "ResultRecord"),
    "ResultStore": ("wordeval.results.store", "ResultStore"),
    "WordevalError": ("wordeval.errors", "WordevalError"),
}


def compare(results, **kwargs):
    """Compare records: ``results`` is a store or record file, a ResultRecord, or a list of them (any mix).
    Keyword arguments are those of ``wordeval.report.compare.compare``, with the command's defaults:
    ``n_boot``: bootstrap resamples (default 1000).
    ``seed``: the resampling's seed (default 0).
    ``level``: the confidence level of the intervals (default 0.95).
    ``method``: the correlation of the benchmark x task matrix (default None: spearman).
    ``correlation``: the same under the command line's name (default None: spearman).
    ``alpha``: the significance level of the tests (default 0.05).
    ``correction``: the multiple-test correction, holm, bh or none (default holm).
    ``progress``: show progress bars (default False).
    ``skipped``: skips to report beside the records (default: those the stores recorded)."""
    import inspect

    from wordeval.report.compare import check_arguments, compare as _compare
    from wordeval.results.store import load_records

    unknown = sorted(set(kwargs) - set(inspect.signature(check_arguments).parameters))
    if unknown:  # as Python says it of a function's own keywords (check_arguments would name itself)
        raise TypeError(f"compare() got an unexpected keyword argument {unknown[0]!r}")
    check_arguments(**kwargs)  # a wrong value is said before the stores are read, not after
    records, skipped = load_records(results)
    if not records:  # named the stores, not the cells they skipped and why, as the compare command does
        import os

        from wordeval.errors import ConfigError
        from wordeval.results.no_records import nothing_to

        given = [results] if isinstance(results, (str, os.PathLike)) else list(results)
        raise ConfigError(nothing_to("compare", given, skipped))
    return _compare(records, skipped=kwargs.pop("skipped", skipped), **kwargs)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("wordeval")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name):
    # read on first use: importlib.metadata and the scan of the installed distributions were 30 of the 35 ms
    # of `import wordeval`, and file reads in an import that promises none
    if name == "__version__":
        globals()["__version__"] = version = _version()
        return version
    if name in _LAZY:
        import importlib
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'wordeval' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
