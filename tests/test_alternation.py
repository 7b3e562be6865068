"""core/alternation.py: the factored alternation finds exactly what the flat, longest-first one finds
(same spans, same text), on the registry's names and on random names built to share beginnings."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from core.alternation import alternation
from core.agencies import registry
from core.attribution import _is_full_alias, _spaced

SAMPLE = [json.loads(line) for line in (Path(__file__).parent / "data" / "sample_articles.jsonl")
          .read_text(encoding="utf-8").splitlines()]


def _both(patterns: list[str]) -> tuple[re.Pattern, re.Pattern]:
    ordered = sorted(patterns, key=len, reverse=True)
    return re.compile("|".join(ordered)), re.compile(alternation(ordered))


def _same(flat: re.Pattern, factored: re.Pattern, text: str) -> None:
    assert [(m.span(), m.group()) for m in flat.finditer(text)] == \
           [(m.span(), m.group()) for m in factored.finditer(text)], text


def test_random_names_sharing_beginnings_and_spaces():
    rng = random.Random(7)
    letters = "กขครมทวง ."
    for _ in range(200):
        names = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 6))).strip() for _ in range(12)}
        patterns = [_spaced(n) for n in names if n]
        flat, factored = _both(patterns)
        for _ in range(20):
            _same(flat, factored, "".join(rng.choice(letters) for _ in range(60)))


def test_a_name_inside_a_longer_one_and_a_lookahead_after_it():
    names = ["กรม", "กรมการ", "กรมการปกครอง", "กร ม", "สป.มท.", "สป."]
    ordered = sorted((_spaced(n) for n in names), key=len, reverse=True)
    # A lookahead after the group makes the engine backtrack into it: the order must still agree.
    flat = re.compile(f"({'|'.join(ordered)})(?!ปก)")
    factored = re.compile(f"({alternation(ordered)})(?!ปก)")
    for text in ["กรมการปกครอง", "กรมการปก", "กร  มการ", "สป.มท.", "สป.มท", "xกรมx", "กรมการปกครองส่วนท้องถิ่น"]:
        _same(flat, factored, text)


def test_registry_names_on_real_lines():
    reg = registry()
    spelled = {a.name_th for a in reg} | {x for a in reg for x in a.aliases if _is_full_alias(x)}
    flat, factored = _both([_spaced(k) for k in spelled])
    lines = [ln for r in SAMPLE for ln in r["body"].splitlines()[-6:]]
    assert len(lines) > 100
    for text in lines + [" ".join(sorted(spelled)), "".join(sorted(spelled)).replace(" ", "")]:
        _same(flat, factored, text)


@pytest.mark.parametrize("bad", [r"\dxyz", "a.b", r"\u0e01", "(?:x)", "a|b"])
def test_what_it_cannot_factor_exactly_is_refused(bad):
    """A class (\\d, .) can match where another branch's literal first character does, so grouping by
    first characters would no longer match what the flat alternation matches: refused, not wrong."""
    with pytest.raises(ValueError):
        alternation(["1ab", bad])
