"""Find every ``stated(...)`` check in a notebook and the prose it must match.

Used by ``tests/test_stated_numbers.py``.  A claim passes when each number in
it appears in the nearest block of markdown above the code cell that checks it.
"""

import ast
import re

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _source(cell):
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def normalise_prose(text):
    """Drop thousands separators (2,352 -> 2352; 25\\,120 -> 25120) so numbers compare."""
    text = re.sub(r"(?<=\d)(?:,|\\,|\u202f|\u2009)(?=\d{3}\b)", "", text)
    return text


def claims_in(code):
    """Literal claim strings of every ``stated(name, value, claim)`` call in ``code``."""
    # IPython magics would not parse; the course's notebooks have none, but be safe.
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    found = []
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name != "stated":
            continue
        claim = node.args[2] if len(node.args) >= 3 else next((k.value for k in node.keywords if k.arg == "claim"), None)
        if not (isinstance(claim, ast.Constant) and isinstance(claim.value, str)):
            found.append((None, ast.unparse(node)))
        else:
            found.append((claim.value, ast.unparse(node)))
    return found


def problems(nb):
    """List of human-readable problems: claims missing from the prose above them."""
    cells = nb["cells"]
    out = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        claims = claims_in(_source(cell))
        if not claims:
            continue
        j = i - 1
        while j >= 0 and cells[j]["cell_type"] != "markdown":
            j -= 1
        block = []
        while j >= 0 and cells[j]["cell_type"] == "markdown":
            block.insert(0, _source(cells[j]))
            j -= 1
        prose = normalise_prose("\n".join(block))
        for claim, call in claims:
            if claim is None:
                out.append(f"cell {i}: `{call}` must give its claim as a string literal, as written in the prose")
                continue
            for number in NUMBER.findall(claim.replace(",", "")):
                if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", prose):
                    out.append(f"cell {i}: `{call}` checks {claim!r}, but the prose above it does not state {number}")
    return out
