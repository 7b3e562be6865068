"""One regular expression for many names, factored by their shared beginnings, that matches
exactly what the plain alternation ``a|b|c…`` (longest first) matches.

Python's ``re`` tries every branch of a flat alternation at every position whose character could
start one; hundreds of agency names starting ``กระทรวง`` or ``กรม`` made the scan of a signature
line cost more than all the rest of attribution. Factored, a position only descends the branches
that share the text's next characters.

Exactness: branches are grouped by their first token only when every first token is a literal
character (two groups then never match at one position), and a branch that ends at a group comes
after the longer ones of that group, as it does in the longest-first order; a group whose
branches begin with ``\\s*`` is left as a flat alternation, in the original order.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"\\s\*|\\.|.", re.DOTALL)
_SPECIAL = set(".^$*+?{}[]|()")  # unescaped, these are not literal characters


def alternation(patterns: list[str]) -> str:
    """``"|".join(patterns)`` for patterns sorted longest first (``sorted(key=len, reverse=True)``),
    factored as a trie. Each pattern must be literal characters, escaped punctuation (as
    :func:`re.escape` writes it) and ``\\s*`` joiners, and the result compiled without IGNORECASE:
    a class such as ``\\d`` or a case-folded letter can match where another branch's literal does,
    and grouping by first character would then no longer be exact. Raises ValueError otherwise."""
    branches = [tuple(_TOKEN.findall(p)) for p in patterns]
    for b in branches:
        bad = next((t for t in b if t.startswith("\\") and t != r"\s*" and t[1:].isalnum()), None)
        if bad or any(t in _SPECIAL for t in b):
            raise ValueError(f"not a literal name for alternation(): {''.join(b)!r}")
    return _factor(branches)


def _factor(branches: list[tuple[str, ...]]) -> str:
    if len(branches) == 1:
        return "".join(branches[0])
    ends = [i for i, b in enumerate(branches) if not b]
    flat = any(b and b[0] == r"\s*" for b in branches) or (ends and ends[0] != len(branches) - len(ends))
    if flat:
        return "(?:" + "|".join("".join(b) for b in branches) + ")"
    groups: dict[str, list[tuple[str, ...]]] = {}
    for b in branches:
        if b:
            groups.setdefault(b[0], []).append(b[1:])
    body = "|".join(first + _factor(rest) for first, rest in groups.items())
    return f"(?:{body})" + ("?" if ends else "")
