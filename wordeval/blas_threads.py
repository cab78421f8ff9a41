"""One BLAS thread for the computations whose numbers must not depend on the machine's thread count.

OpenBLAS splits a product over its summed dimension by thread when the product is small and the sum long, so
1 and 2 threads gave Pearson's resampled sums, QVEC-CCA and SIF's principal component a last bit apart
(tests/test_resample_thread_count.py, tests/test_sif_thread_count.py).
"""
from __future__ import annotations


def single_threaded_blas():
    """Context manager: every loaded BLAS (numpy's and SciPy's) on one thread, restored on exit."""
    # n x ~100 matrices: BLAS threads buy little, and on a loaded machine they cost a factor of 50
    import scipy.linalg  # noqa: F401  (loads SciPy's own BLAS first: only those loaded on entry are limited)
    from threadpoolctl import threadpool_limits
    return threadpool_limits(limits=1, user_api="blas")
