"""Temporary alias: the problems moved to chapters/problems/03_flatten_dense_metrics.py (use `load_problems("03_flatten_dense_metrics")`)."""

from . import load_problems as _load

globals().update({k: v for k, v in vars(_load("03_flatten_dense_metrics")).items() if not k.startswith("__")})
