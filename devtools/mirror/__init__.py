"""A local mirror of the real sites, on 127.0.0.1, serving real articles in the real layouts.

One server holds four sites side by side (their paths do not collide), so each source's
``--base-url`` is the mirror's root: copies of thaigov.go.th, moi.go.th (WordPress), prd.go.th
(its JSON Feed) and pr.moi.go.th (static windows-874 pages), one module each under ``sites/``. The
family fixture sites (tests/data/families, written from the evidence) are served as they are, each
on its own port (:meth:`Mirror.site_url`).

Every page has an ETag and a Last-Modified and answers conditional GETs with 304. Tests inject
faults per path (:meth:`Mirror.fault`) and edit articles (:meth:`Mirror.edit`). The articles come
from the bundled sample (``devtools/data/sample.jsonl.gz``) unless others are given, so neither the
tests nor the demo need ``../shared``.

Run it by hand: ``python -m devtools.mirror [--port 8001]``.
"""
from devtools.mirror.faults import Fault
from devtools.mirror.sample import MirrorArticle, load_sample
from devtools.mirror.server import Mirror
from devtools.mirror.sites.moi import LIST as MOI_LIST
from devtools.mirror.sites.pr_moi import LIST as PR_LIST
from devtools.mirror.sites.prd import FEED as PRD_FEED, RSS as PRD_RSS
from devtools.mirror.sites.thaigov import TITLE as THAIGOV_TITLE

__all__ = ["Fault", "Mirror", "MirrorArticle", "load_sample", "MOI_LIST", "PR_LIST", "PRD_FEED", "PRD_RSS", "THAIGOV_TITLE"]
