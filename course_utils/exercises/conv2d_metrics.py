"""Temporary alias: the problems moved to chapters/problems/05_conv2d_metrics.py (use `load_problems("05_conv2d_metrics")`)."""

from . import load_problems as _load

globals().update({k: v for k, v in vars(_load("05_conv2d_metrics")).items() if not k.startswith("__")})
