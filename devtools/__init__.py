"""Tools for developing and demonstrating govsearch, shipped with it because ``govsearch demo`` uses them.

:mod:`devtools.mirror` serves copies of the ministry news sites on 127.0.0.1 for the tests, the
benchmarks and the demo. It depends on ``core`` only: it serves pages and knows nothing of the crawler.
"""
