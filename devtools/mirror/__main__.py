"""``python -m devtools.mirror``: serve the mirror until interrupted."""
from __future__ import annotations

import argparse
import time

from devtools.mirror import MOI_LIST, PR_LIST, PRD_FEED, Mirror, load_sample


def main() -> None:
    """Serve the bundled sample (or ``--records``) until interrupted."""
    ap = argparse.ArgumentParser(prog="python -m devtools.mirror",
                                 description="A local mirror of the ministry news sites, on 127.0.0.1.")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--records", help="a .jsonl[.gz] of articles (default: the bundled sample)")
    args = ap.parse_args()
    mirror = Mirror(load_sample(args.records) if args.records else None, port=args.port).start()
    print(f"mirror at {mirror.base_url}  (thaigov: /news/contents/details/<id>, moi: {MOI_LIST}, "
          f"prd: {PRD_FEED}, windows-874: {PR_LIST})", flush=True)
    for host in mirror.site_hosts:  # the family fixture sites: `govsearch crawl SOURCE --base-url <its root>`
        print(f"  {host} at {mirror.site_url(host)}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        mirror.stop()


if __name__ == "__main__":
    main()
