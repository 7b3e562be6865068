"""The numpy MinHash (core/minhash.py) gives datasketch's values bit for bit: stored signatures and
band keys of existing stores must keep matching those of new articles."""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
from datasketch import MinHash

from core.dedupe import NUM_PERM, SHINGLE, _SEED, lead_of, lead_text, signature, signatures

DATA = Path(__file__).parent / "data"
SAMPLE = [json.loads(line) for line in (DATA / "sample_articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _datasketch(text: str) -> np.ndarray:
    """What core/dedupe.py computed with datasketch before: one shingle at a time."""
    if len(text) <= SHINGLE:
        grams = {text} if text else set()
    else:
        grams = {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32)
    if grams:
        m.update_batch([g.encode("utf-8") for g in grams])
    return m.hashvalues.astype(np.uint32)


ODD = ["", "a", "ab1", "abcde", "abcdef", "ก", "กขคงจ", "กขคงจฉ", "é" * 7, "a𝄞bcdéfg😀h", "x" * 3000,
       "2564มีนาคมรายงาน" * 3]


def test_signatures_equal_datasketch_on_real_leads_and_odd_texts():
    texts = [lead_text(r["title"], r["body"]) for r in SAMPLE] + ODD
    assert len(texts) > 50
    batch = signatures(texts)
    for text, sig in zip(texts, batch):
        want = _datasketch(text)
        assert sig.dtype == np.uint32
        assert np.array_equal(sig, want), text[:40]
        assert np.array_equal(signatures([text])[0], want)  # alone as in a batch


def test_lead_text_is_the_leads_text_and_signature_agrees():
    for r in SAMPLE[:20]:
        lead = lead_of(r["title"], r["body"])
        assert lead_text(r["title"], r["body"]) == lead.text
        assert np.array_equal(signature(lead), _datasketch(lead.text))


def test_short_and_empty_texts_inside_a_batch_keep_their_places():
    # Real leads (Thai and Latin only: the per-code-point table) with short and empty texts
    # between them, then the same batch with a character past that table (the sorted path).
    leads = [lead_text(r["title"], r["body"]) for r in SAMPLE[:12]]
    texts = leads[:5] + ["ab", "", "กขค", "abcd"] + leads[5:] + ["x"]
    for batch in (texts, texts + ["ก😀ขคงจฉ"]):
        for text, sig in zip(batch, signatures(batch)):
            assert np.array_equal(sig, _datasketch(text)), text[:40]
