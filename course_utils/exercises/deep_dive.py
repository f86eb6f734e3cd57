"""Temporary alias: the problems moved to chapters/problems/01_flatten_dense_deep_dive.py (use `load_problems("01_flatten_dense_deep_dive")`)."""

from . import load_problems as _load

globals().update({k: v for k, v in vars(_load("01_flatten_dense_deep_dive")).items() if not k.startswith("__")})
