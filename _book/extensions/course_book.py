"""Small fixes to the Jupyter Book 1 stack, loaded through ``sphinx.local_extensions`` in _config.yml.

1. Sphinx 7.4 adds an inline script registered after the builder started (sphinx-thebe's
   ``const THEBE_JS_URL = ...``, sphinx-togglebutton's selector) to every page twice: once as
   registered and once more when it re-adds late assets before writing (filename ``None`` the
   first time, ``''`` the second, so its own de-duplication misses it). The second ``const``
   declaration is a JavaScript SyntaxError on every page. This drops repeated scripts.
2. MathJax (1.1 MB) only on pages that show math. Sphinx also loads it on a page whose toctree
   lists pages with math (the book's root page), though that page has none itself.
"""

import os

from docutils import nodes


def _script_key(script):
    attributes = getattr(script, "attributes", {}) or {}
    filename = os.fspath(getattr(script, "filename", script) or "")
    return filename, tuple(sorted((str(k), str(v)) for k, v in attributes.items()))


def _is_mathjax(script):
    filename = os.fspath(getattr(script, "filename", script) or "")
    body = str((getattr(script, "attributes", {}) or {}).get("body", ""))
    return "mathjax" in filename.lower() or "MathJax" in body


def _has_math(doctree):
    return any(True for _ in doctree.findall(lambda node: isinstance(node, (nodes.math, nodes.math_block))))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def mathjax_only_where_math(app, pagename, templatename, context, doctree):
    if doctree is None or _has_math(doctree):
        return
    context["script_files"] = [s for s in context.get("script_files", []) if not _is_mathjax(s)]


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("html-page-context", mathjax_only_where_math, priority=901)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
