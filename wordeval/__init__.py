"""wordeval: intrinsic and extrinsic evaluation of word and sentence representations.

Importing this package does nothing beyond defining names: no I/O, no torch, no logging setup.
"""
__version__ = "0.1.0"
