"""Small fixes to the Jupyter Book 1 stack, loaded through ``sphinx.local_extensions`` in _config.yml.

Sphinx 7.4 adds an inline script registered after the builder started (sphinx-thebe's
``const THEBE_JS_URL = ...``, sphinx-togglebutton's selector) to every page twice: once as
registered and once more when it re-adds late assets before writing (filename ``None`` the
first time, ``''`` the second, so its own de-duplication misses it). The second ``const``
declaration is a JavaScript SyntaxError on every page. This drops repeated scripts.
"""

import os


def _script_key(script):
    attributes = getattr(script, "attributes", {}) or {}
    filename = os.fspath(getattr(script, "filename", script) or "")
    return filename, tuple(sorted((str(k), str(v)) for k, v in attributes.items()))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
