"""A searcher of the newest commit that keeps the open readers of the segments it still has.

Opening a segment reader reads its term table header and, at the first stored-fields lookup,
the offsets of every stored document: a cost in the size of the segment, too much to pay for
the big segments on every sync. Whoosh-Reloaded 2.7.5's own ``Searcher.refresh()`` reuses
readers but is wrong twice: a reused reader keeps the deletions of its old commit (a replaced
article stays live beside its new copy), and segments merged away since are read as well.
Here each segment of the newest commit gets the old reader of that segment id, given the
commit's deletions, or a new reader.
"""
from __future__ import annotations

from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher


def renewed_searcher(ix, old: Searcher) -> Searcher:
    """A searcher of ``ix``'s newest commit, sharing ``old``'s readers of unchanged segments.

    ``old`` must not be used afterwards (the readers it does not share are closed).
    """
    reusable = {}
    for leaf, _offset in old.reader().leaf_readers():
        seg = leaf.segment()
        if seg is not None and _patchable(leaf):
            reusable[seg.segment_id()] = leaf
        elif isinstance(leaf, SegmentReader) and not leaf.is_closed:
            leaf.close()  # (an empty index's EmptyReader holds nothing to close)
    toc = ix._read_toc()
    readers = []
    try:
        for seg in toc.segments:
            leaf = reusable.pop(seg.segment_id(), None)
            if leaf is None:
                leaf = SegmentReader(ix.storage, toc.schema, seg, generation=toc.generation)
            else:
                _give_deletions(leaf, seg, toc.generation)
            readers.append(leaf)
    finally:
        for leaf in reusable.values():
            leaf.close()
    if not readers:
        reader = EmptyReader(toc.schema)
    elif len(readers) == 1:
        reader = readers[0]
    else:
        reader = MultiReader(readers, generation=toc.generation)
    return Searcher(reader, fromindex=ix)


def _patchable(leaf) -> bool:
    return (isinstance(leaf, SegmentReader) and not leaf.is_closed and hasattr(leaf, "_segment")
            and hasattr(getattr(leaf, "_perdoc", None), "_segment"))


def _give_deletions(leaf: SegmentReader, seg, generation: int) -> None:
    """Point a reused reader at the commit's segment object: deletions live there."""
    leaf._gen = generation
    leaf._segment = seg
    leaf._perdoc._segment = seg
    leaf.__dict__.pop("deleted_docs_set", None)  # a cached_property of the old deletions
