"""Search quality on real articles, beside a SQLite FTS5 trigram baseline on the same articles.

    python bench/eval_relevance.py                    # 10,000 articles from ../shared, built in a temp dir
    python bench/eval_relevance.py --data-dir DIR     # evaluate an existing govsearch data folder
    python bench/eval_relevance.py -n 3000 --known 100

Measures, and prints as one table:
* recall inside compounds: for each word of bench/relevance_words.txt, the share of articles whose
  text contains it (substring ground truth) that the search finds; averaged over words;
* precision@20: share of the top 20 that contain the word; word-precision@20: share of the top 20
  where it stands as a whole dictionary word (not only inside a compound), over words found in 100+
  articles (so that 20 articles with the whole word exist);
* known-item MRR@10: a phrase of 2-5 chunks of a headline, typed as printed, with the spaces dropped,
  and with quotes or "!" pasted along; the article (or one with the same title) should come first;
* normalisation pairs: the same query written another way (Thai digits, sara am as two
  characters, zero-width space, upper case) must give the same top 20;
* agency attribution accuracy (bench/eval_attribution.py) and query latency.
Needs ../shared unless --data-dir is given.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.corpus import REPO, iter_corpus, shared_dir  # noqa: E402


def load_words() -> list[str]:
    return [ln.strip() for ln in (REPO / "bench" / "relevance_words.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def known_items(articles: list, n: int, seed: int = 11) -> list[tuple[str, str, str]]:
    """``(phrase, url, title)``: a run of 2-5 space-separated chunks of a headline (>= 12 letters)."""
    rng = random.Random(seed)
    pool = [a for a in articles if len(a.title.split()) >= 3]
    rng.shuffle(pool)
    out = []
    for a in pool:
        chunks = a.title.split()
        k = rng.randint(2, min(5, len(chunks)))
        i = rng.randint(0, len(chunks) - k)
        phrase = " ".join(chunks[i:i + k])
        if len(phrase.replace(" ", "")) >= 12 and re.search("[\u0e01-\u0e4e]", phrase):
            out.append((phrase, a.url, a.title))
        if len(out) >= n:
            break
    return out


def variants(phrase: str) -> dict[str, str]:
    return {"printed": phrase, "no spaces": phrase.replace(" ", ""), "quoted/bang": f'"{phrase}"!'}


def respell(word: str) -> list[str]:
    """Other ways of writing a query that must give the same results."""
    out = [word[:len(word) // 2] + "\u200b" + word[len(word) // 2:]]
    if "\u0e33" in word:
        out.append(word.replace("\u0e33", "\u0e4d\u0e32"))
    if re.search(r"\d", word):
        out.append(word.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")))
    if re.search(r"[a-z]", word):
        out.append(word.upper())
    return out


def mrr(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r and r <= 10) / len(ranks) if ranks else 0.0


class Govsearch:
    name = "govsearch"

    def __init__(self, data: Path):
        from indexer.search import SearchEngine, build_params

        self.engine, self.build = SearchEngine(data, cache_size=0), build_params
        self.times: list[float] = []

    def matches(self, q: str) -> set[str]:
        return self.engine.matching_urls(q)

    def top(self, q: str, k: int = 20) -> list[str]:
        t = time.perf_counter()
        r = self.engine.search(self.build(q=q, per_page=k))
        self.times.append((time.perf_counter() - t) * 1000)
        return [h.url for h in r.hits]


class Trigram:
    """SQLite FTS5 with the trigram tokenizer; BM25 with the title weighted 3x."""

    name = "fts5 trigram"

    def __init__(self, articles: list, path: Path):
        self.db = sqlite3.connect(str(path))
        self.db.executescript(
            "DROP TABLE IF EXISTS d; DROP TABLE IF EXISTS f;"
            "CREATE TABLE d(id INTEGER PRIMARY KEY, url TEXT, title TEXT, body TEXT);"
            "CREATE VIRTUAL TABLE f USING fts5(title, body, content='d', content_rowid='id', tokenize='trigram');")
        self.db.executemany("INSERT INTO d VALUES (?,?,?,?)",
                            [(i, a.url, a.title, a.body) for i, a in enumerate(articles)])
        self.db.execute("INSERT INTO f(rowid, title, body) SELECT id, title, body FROM d")
        self.db.commit()
        self.times: list[float] = []

    def _where(self, q: str) -> tuple[str, list]:
        from core.normalize import normalize_line

        terms = [t for t in re.split(r'[\s"!]+', normalize_line(q)) if t]
        long = [t for t in terms if len(t) >= 3]
        short = [t for t in terms if len(t) < 3]
        where, args = [], []
        if long:
            where.append("d.id IN (SELECT rowid FROM f WHERE f MATCH ?)")
            args.append(" ".join('"' + t.replace('"', '""') + '"' for t in long))
        for t in short:
            where.append("(d.title LIKE ? OR d.body LIKE ?)")
            args += [f"%{t}%", f"%{t}%"]
        return " AND ".join(where) or "0", args

    def matches(self, q: str) -> set[str]:
        where, args = self._where(q)
        return {r[0] for r in self.db.execute(f"SELECT url FROM d WHERE {where}", args)}

    def top(self, q: str, k: int = 20) -> list[str]:
        from core.normalize import normalize_line

        t = time.perf_counter()
        terms = [t for t in re.split(r'[\s"!]+', normalize_line(q)) if len(t) >= 3]
        if terms:
            match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
            rows = self.db.execute("SELECT d.url FROM f JOIN d ON d.id = f.rowid WHERE f MATCH ? "
                                   "ORDER BY bm25(f, 3.0, 1.0) LIMIT ?", (match, k)).fetchall()
        else:
            where, args = self._where(q)
            rows = self.db.execute(f"SELECT url FROM d WHERE {where} LIMIT ?", (*args, k)).fetchall()
        self.times.append((time.perf_counter() - t) * 1000)
        return [r[0] for r in rows]


def evaluate(system, articles: list, words: list[str], items, verbose: bool) -> dict:
    from core.normalize import normalize_line
    from indexer.thai import words as seg_words

    text = {a.url: f"{a.title}\n{a.body}" for a in articles}
    title_of = {a.url: normalize_line(a.title) for a in articles}
    recalls, precisions, word_precisions = [], [], []
    for w in words:
        truth = {u for u, t in text.items() if w in t}
        if not truth:
            continue
        found = system.matches(w)
        recalls.append(len(found & truth) / len(truth))
        top = system.top(w)
        if top:
            precisions.append(sum(u in truth for u in top) / len(top))
        if top and len(truth) >= 100:  # common words: enough articles have them as a word of their own
            word_precisions.append(sum(w in {x.text for x in seg_words(text[u])} for u in top) / len(top))
        if verbose and recalls[-1] < 0.99:
            missed = sorted(truth - found)[:2]
            print(f"  [{system.name}] recall {recalls[-1]:.3f} for {w} ({len(truth)} true); missed e.g. {missed}")
    ranks: dict[str, list] = {}
    for phrase, url, title in items:
        for kind, q in variants(phrase).items():
            top = system.top(q, 10)
            rank = next((i + 1 for i, u in enumerate(top) if u == url or title_of.get(u) == normalize_line(title)),
                        None)
            ranks.setdefault(kind, []).append(rank)
            if verbose and kind != "quoted/bang" and (rank or 99) > 1:
                print(f"  [{system.name}] {kind}: rank {rank} for {q!r}")
    same = []
    for w in words[:30]:
        base = system.top(w)
        for alt in respell(w):
            same.append(system.top(alt) == base)
    return {
        "recall": statistics.mean(recalls),
        "min_recall": min(recalls),
        "p20": statistics.mean(precisions),
        "wp20": statistics.mean(word_precisions) if word_precisions else float("nan"),
        "mrr": {k: mrr(v) for k, v in ranks.items()},
        "norm_same": sum(same) / len(same),
        "p50": statistics.median(system.times),
        "p95": sorted(system.times)[int(0.95 * (len(system.times) - 1))],
    }


def attribution_accuracy() -> str:
    try:
        from bench import eval_attribution as ea
    except ImportError:
        return "n/a"
    shared = ea.shared_dir()
    rows = ea.from_shared(shared) if shared else ea.from_tails()
    scores = ea.evaluate(rows)
    return ", ".join(f"{name} {s.accuracy:.3f} (n={s.n})" for name, s in scores.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, help="an existing govsearch data folder to evaluate")
    ap.add_argument("-n", type=int, default=10_000, help="articles to build from ../shared (default 10,000)")
    ap.add_argument("--known", type=int, default=200, help="known-item queries (default 200)")
    ap.add_argument("--no-fts", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from core.store import Store
    from core.paths import store_path

    work = Path(tempfile.mkdtemp(prefix="govsearch-eval-"))
    data = args.data_dir
    if data is None:
        if shared_dir() is None:
            print("eval_relevance: no --data-dir and no ../shared corpus; nothing to evaluate")
            return
        from core.importer import import_files
        from indexer.index import sync_index

        src = work / "articles.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for d in iter_corpus(args.n):
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        data = work / "data"
        data.mkdir()
        with Store(store_path(data)) as store:
            import_files(store, [src])
        sync_index(data)
    with Store(store_path(data)) as store:
        articles = list(store.iter_articles())
    words = load_words()
    items = known_items(articles, args.known)
    print(f"{len(articles)} articles, {len(words)} words, {len(items)} known-item phrases x 3 ways", flush=True)
    systems = [Govsearch(data)]
    if not args.no_fts:
        systems.append(Trigram(articles, work / "fts.sqlite3"))
    rows = [(s.name, evaluate(s, articles, words, items, args.verbose)) for s in systems]
    print()
    print("| system | recall (mean / min) | precision@20 | word-precision@20 | MRR@10 printed | no spaces "
          "| quoted/bang | same results when respelled | query p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        m = r["mrr"]
        print(f"| {name} | {r['recall']:.4f} / {r['min_recall']:.3f} | {r['p20']:.4f} | {r['wp20']:.3f} "
              f"| {m['printed']:.3f} | {m['no spaces']:.3f} | {m['quoted/bang']:.3f} | {r['norm_same']:.3f} "
              f"| {r['p50']:.1f} / {r['p95']:.1f} |")
    print(f"\nagency attribution accuracy: {attribution_accuracy()}")


if __name__ == "__main__":
    main()
