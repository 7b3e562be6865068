"""Search quality on real articles with queries typed the way people type them, beside two baselines.

    python bench/eval_relevance.py                    # dev and held-out samples of 10,000 articles each
    python bench/eval_relevance.py --split dev -n 3000 --known 100 -v
    python bench/eval_relevance.py --data-dir DIR     # one existing data folder (evaluated as "dev")
    python bench/eval_relevance.py --split dev --seed 101   # dev's articles, other queries

Two disjoint samples of ../shared's thaigov.go.th articles are built: ``dev`` (every k-th article)
and ``heldout`` (the articles half a step further on), each with its own queries (other seeds) and
its own information needs. Tune on dev; held-out is only ever reported.

Per sample, one row per system (govsearch, ``fts5 trigram``, ``word tokens``; see
bench/relevance/systems.py):
* known-item MRR@10 for each class of bench/relevance/queries.py: headline runs of 4-12 words as
  printed, the same with spaces dropped, names glued to the next word, dotted abbreviations glued,
  re-spaced or spelled out, runs pasted with quotes and emoji, and 30-80 letters of a body cut at
  any letter; the article (or one with the same title) should come first;
* zero-hit rate over 500 headline runs (spaces dropped or not, punctuation kept): must be 0;
* everyday words (bench/relevance_words.txt): precision@20 (the top 20 contain the word) and recall
  (every article containing it is found);
* nDCG@10 over the information needs of bench/relevance/needs.tsv (graded by the patterns there);
* re-spacing: bench/relevance/respaced.txt glued and split at words must give the same top 20;
* query latency; and agency attribution accuracy (bench/eval_attribution.py).

Under the table, a reference for the known-item classes: their MRR@10 when ties are broken at random
(bench/relevance/ties.py). A run several headlines print letter for letter cannot be told apart.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.corpus import REPO, iter_corpus, shared_dir  # noqa: E402
from bench.relevance import queries as Q  # noqa: E402
from bench.relevance import ties  # noqa: E402
from bench.relevance.systems import Govsearch, Trigram, WordTokens  # noqa: E402

HERE = REPO / "bench"
SEEDS = {"dev": 11, "heldout": 9011}
KINDS = ("printed", "no spaces", "names", "dotted", "pasted", "body")


def load_words() -> list[str]:
    return [ln.strip() for ln in (HERE / "relevance_words.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def load_needs(split: str) -> list[tuple[str, re.Pattern]]:
    out = []
    for ln in (HERE / "relevance" / "needs.tsv").read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            which, query, pattern = ln.split("\t")
            if which == split:
                out.append((query, re.compile(pattern)))
    return out


def load_respaced() -> list[str]:
    return [ln.strip() for ln in (HERE / "relevance" / "respaced.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def mrr(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r and r <= 10) / len(ranks) if ranks else float("nan")


def ndcg10(ranked: list[str], grades: dict[str, int]) -> float:
    dcg = sum((2 ** grades.get(u, 0) - 1) / math.log2(i + 2) for i, u in enumerate(ranked[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else float("nan")


class Sample:
    """The articles of one sample and everything judged on them (shared by every system)."""

    def __init__(self, split: str, articles: list, known: int, probes: int, seed: int | None = None):
        from core.normalize import normalize_line

        seed = SEEDS[split] if seed is None else seed
        self.split, self.articles = split, articles
        self.text = {a.url: f"{a.title}\n{a.body}" for a in articles}
        self.title_of = {a.url: normalize_line(a.title) for a in articles}
        self.items = Q.known_items(articles, known, seed)
        self.probes = Q.zero_hit_probe(articles, probes, seed + 50)
        self.words = load_words()
        self.needs = []
        for query, pattern in load_needs(split):
            grades = {}
            for a in articles:
                title = re.sub(r"\s+", "", normalize_line(a.title))
                body = re.sub(r"\s+", "", normalize_line(a.body))
                g = 2 if pattern.search(title) else 1 if len(pattern.findall(body)) >= 2 else 0
                if g:
                    grades[a.url] = g
            if grades:
                self.needs.append((query, grades))
        self.respaced = [(q, alt) for q in load_respaced() if (alt := Q.respaced(q))]

    def rank_of(self, item: Q.KnownItem, top: list[str]) -> int | None:
        want = self.title_of.get(item.url)
        return next((i + 1 for i, u in enumerate(top) if u == item.url or self.title_of.get(u) == want), None)


def evaluate(system, s: Sample, verbose: bool) -> dict:
    ranks: dict[str, list] = {k: [] for k in KINDS}
    for it in s.items:
        rank = s.rank_of(it, system.top(it.query, 10))
        ranks[it.kind].append(rank)
        if verbose and (rank or 99) > 3:
            print(f"  [{system.name}] {it.kind}: rank {rank} for {it.query!r}  ({it.title[:60]})")
    zero = [it for it in s.probes if not system.top(it.query, 1)]
    if verbose:
        for it in zero[:10]:
            print(f"  [{system.name}] zero hits: {it.query!r}")
    recalls, precisions = [], []
    for w in s.words:
        truth = {u for u, t in s.text.items() if w in t}
        if not truth:
            continue
        recalls.append(len(system.matches(w) & truth) / len(truth))
        top = system.top(w)
        if top:
            precisions.append(sum(u in truth for u in top) / len(top))
    ndcgs = []
    for query, grades in s.needs:
        ndcgs.append(ndcg10(system.top(query, 10), grades))
        if verbose:
            print(f"  [{system.name}] nDCG@10 {ndcgs[-1]:.3f} for {query} ({len(grades)} judged relevant)")
    same = [system.top(q) == system.top(alt) for q, alt in s.respaced]
    times = system.times or [0.0]
    return {
        "mrr": {k: mrr(v) for k, v in ranks.items()},
        "zero": len(zero) / max(1, len(s.probes)),
        "p20": statistics.mean(precisions),
        "recall": statistics.mean(recalls),
        "ndcg": statistics.mean(ndcgs) if ndcgs else float("nan"),
        "same": sum(same) / max(1, len(same)),
        "p50": statistics.median(times),
        "p95": sorted(times)[int(0.95 * (len(times) - 1))],
    }


def build(split: str, n: int, work: Path) -> Path:
    from core.importer import import_files
    from core.paths import store_path
    from core.store import Store
    from indexer import sync_index

    total = 90_904
    src = work / f"{split}.jsonl"
    offset = 0 if split == "dev" else max(1, total // n) // 2
    with open(src, "w", encoding="utf-8") as f:
        for d in iter_corpus(n, offset=offset):
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    data = work / split
    data.mkdir()
    with Store(store_path(data)) as store:
        import_files(store, [src])
    sync_index(data)
    return data


def attribution_accuracy() -> str:
    try:
        from bench import eval_attribution as ea
    except ImportError:
        return "n/a"
    shared = ea.shared_dir()
    rows = ea.from_shared(shared) if shared else ea.from_tails()
    scores = ea.evaluate(rows)
    return ", ".join(f"{name} {s.accuracy:.3f} (n={s.n})" for name, s in scores.items())


def report(split: str, s: Sample, rows: list[tuple[str, dict]]) -> None:
    print(f"\n### {split}: {len(s.articles)} articles, {len(s.items)} known-item queries, "
          f"{len(s.probes)} zero-hit probes, {len(s.words)} words, {len(s.needs)} needs, "
          f"{len(s.respaced)} re-spaced pairs\n")
    print("| system | MRR@10 printed | no spaces | names glued | dotted | pasted | body passage | zero-hit rate "
          "| precision@20 (recall) | nDCG@10 needs | same top 20 re-spaced | p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        m = r["mrr"]
        print(f"| {name} | {m['printed']:.3f} | {m['no spaces']:.3f} | {m['names']:.3f} | {m['dotted']:.3f} "
              f"| {m['pasted']:.3f} | {m['body']:.3f} | {r['zero']:.3f} | {r['p20']:.3f} ({r['recall']:.3f}) | {r['ndcg']:.3f} "
              f"| {r['same']:.2f} | {r['p50']:.1f} / {r['p95']:.1f} |", flush=True)
    reference, unheld = ties.random_tie_mrr(s.items, s.articles, Q.SPELLED, Q.DOTTED)
    print(f"\nknown-item MRR@10 of a search breaking ties at random ({split}): "
          + ", ".join(f"{k} {reference[k]:.3f}" for k in KINDS if k in reference)
          + (f" ({unheld} queries held by no article)" if unheld else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, help="an existing govsearch data folder (evaluated as dev)")
    ap.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    ap.add_argument("-n", type=int, default=10_000, help="articles per sample (default 10,000)")
    ap.add_argument("--known", type=int, default=200, help="known-item queries per class (default 200)")
    ap.add_argument("--probes", type=int, default=500, help="zero-hit probes (default 500)")
    ap.add_argument("--seed", type=int, help="queries from this seed instead of dev's own (held-out keeps its "
                    "own; a check that a change tuned on dev's queries also helps other queries on the same articles)")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from core.paths import store_path
    from core.store import Store

    if args.data_dir is None and shared_dir() is None:
        print("eval_relevance: no --data-dir and no ../shared corpus; nothing to evaluate")
        return
    work = Path(tempfile.mkdtemp(prefix="govsearch-eval-"))
    splits = ["dev"] if args.data_dir else (["dev", "heldout"] if args.split == "both" else [args.split])
    for split in splits:
        data = args.data_dir or build(split, args.n, work)
        with Store(store_path(data)) as store:
            articles = list(store.iter_articles())
        sample = Sample(split, articles, args.known, args.probes, args.seed if split == "dev" else None)
        systems = [Govsearch(data)]
        if not args.no_baselines:
            systems += [Trigram(articles, work / f"{split}-tri.sqlite3"),
                        WordTokens(articles, work / f"{split}-words.sqlite3")]
        rows = [(sys_.name, evaluate(sys_, sample, args.verbose)) for sys_ in systems]
        report(split, sample, rows)
    print(f"\nagency attribution accuracy: {attribution_accuracy()}")


if __name__ == "__main__":
    main()
