"""Write the saved pages the offline adapter tests read (tests/data/crawler/).

thaigov pages are rendered from ../shared/corpus/raw/*.txt (what the real pages read as text):
line 1 is the <title>, the rest goes into div.border-normal.clearfix line by line, as on the site.
The WordPress list/post, the RSS feed and the windows-874 pages come from the mirror's renderer.

Usage: python scripts/make_crawler_fixtures.py [--raw ../shared/corpus/raw]
"""
from __future__ import annotations

import argparse
import html
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
OUT = HERE / "tests" / "data" / "crawler"
RAW_NAMES = {
    "1__ข่าวประชาสัมพันธ์ทั่วไป_1.txt": "thaigov_2016.html",
    "2020-09-17__ข่าวทำเนียบรัฐบาล_10.txt": "thaigov_2020.html",
    "2024-05-01__Government_News_1.txt": "thaigov_2024_en.html",
    "2025-09-03__ด้านเศรษฐกิจ_628.txt": "thaigov_2025.html",
    "moi_signed__2025-09-03_security_73.txt": "thaigov_moi_signed.html",
    "thaigov2-16___1_EMPTY.txt": "thaigov_empty.html",
}


def render_thaigov(text: str, category: str) -> str:
    lines = text.lstrip("\ufeff").splitlines()
    title, rest = lines[0], [line for line in lines[1:] if line.strip()]
    inner = "\n".join(f"<div>{html.escape(line)}</div>" for line in rest)
    return f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><nav><a href="/">หน้าหลัก</a></nav><div class="container">
<span class="Circular headtitle-2 font_level6 color2 col-xs-9 remove-xs">{html.escape(category)}</span>
<div class="border-normal clearfix">
{inner}
</div></div><footer>สำนักโฆษก</footer></body></html>"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", default=str(HERE.parent / "shared" / "corpus" / "raw"))
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, out in RAW_NAMES.items():
        text = (Path(args.raw) / name).read_text(encoding="utf-8")
        category = name.split("__")[1].rsplit("_", 1)[0].replace("_", " ") if "__" in name else ""
        (OUT / out).write_text(render_thaigov(text, category), encoding="utf-8")

    from devtools.mirror import MOI_LIST, PR_LIST, PRD_RSS, Mirror

    m = Mirror()
    try:
        root = "https://www.moi.go.th"
        pages = {
            "moi_list_1.html": f"{MOI_LIST}",
            "moi_list_2.html": f"{MOI_LIST}page/2/",
            "moi_post.html": f"/moi/archives/{m.moi_ids[0]}/",
            "prd_feed.xml": PRD_RSS,
            "prd_page.html": f"/th/content/category/detail/id/9/iid/{m.prd_ids[0]}",
            "pr_list_cp874.html": PR_LIST,
            "pr_page_cp874.html": f"/news/pr{m.pr_ids[0]}.htm",
        }
        for out, path in pages.items():
            status, body, _ctype, _mod = m.render(path, {}, root)
            (OUT / out).write_bytes(body)
    finally:
        m.stop()
    print(f"wrote {len(RAW_NAMES) + len(pages)} fixtures to {OUT}")


if __name__ == "__main__":
    main()
