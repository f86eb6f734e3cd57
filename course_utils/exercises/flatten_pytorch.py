"""Temporary alias: the problems moved to chapters/problems/04_flatten_pytorch.py (use `load_problems("04_flatten_pytorch")`)."""

from . import load_problems as _load

globals().update({k: v for k, v in vars(_load("04_flatten_pytorch")).items() if not k.startswith("__")})
