"""Temporary alias: the problems moved to chapters/problems/02_flatten_dense_pipeline_trace.py (use `load_problems("02_flatten_dense_pipeline_trace")`)."""

from . import load_problems as _load

globals().update({k: v for k, v in vars(_load("02_flatten_dense_pipeline_trace")).items() if not k.startswith("__")})
