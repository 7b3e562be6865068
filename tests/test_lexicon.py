"""The segmentation dictionary without its memory-hungry copies: the same cuts, word for word."""
from __future__ import annotations

import re

from pythainlp.tokenize import newmm
from pythainlp.util import Trie

from indexer.lexicon import WordSet, dictionary_words, lexicon, stock_words
from indexer.thai import split_tree, word_tree

_TEXT = ("กระทรวงมหาดไทยจัดประชุมคณะกรรมการพัฒนาระบบราชการเพื่อเตรียมความพร้อมรับมือสถานการณ์อุทกภัย"
         "ในพื้นที่จังหวัดภาคเหนือโดยนายกรัฐมนตรีมอบหมายให้ผู้ว่าราชการจังหวัดเร่งช่วยเหลือประชาชน"
         "ข้าราชการพลเรือนสามัญงบประมาณรายจ่ายประจำปีโครงการส่งเสริมเศรษฐกิจฐานราก")


def test_newmm_over_the_word_set_cuts_as_over_pythainlps_trie():
    trie = Trie(dictionary_words())
    words = stock_words()
    assert newmm.segment(_TEXT, words) == newmm.segment(_TEXT, trie)
    for run in re.findall("[ก-๙]+", _TEXT):
        for i in range(0, len(run), 7):
            assert words.prefixes(run, i) == trie.prefixes(run, i)


def test_a_word_set_without_a_word_no_longer_finds_it():
    words = stock_words()
    assert "กระทรวง" in words.prefixes("กระทรวงมหาดไทย")
    without = words.excluding("กระทรวง")
    assert "กระทรวง" not in without.prefixes("กระทรวงมหาดไทย")
    assert "กระทรวง" not in without and "กระทรวง" in words  # the original is untouched
    nodes, _n = split_tree("กระทรวงมหาดไทย")  # the compound splits into words, not into itself again
    assert {"กระทรวง", "มหาดไทย"} <= {t for t, _o, _i in nodes[1:]} and "กระทรวงมหาดไทย" not in nodes[1:]


def test_a_small_word_set_works_on_its_own():
    ws = WordSet(frozenset({"ตา", "ราง", "ตาราง", "ก"}))
    assert ws.prefixes("ตารางเวลา") == ["ตา", "ตาราง"]
    assert ws.prefixes("กขค") == ["ก"]
    assert newmm.segment("ตารางตา", ws) == ["ตาราง", "ตา"]


def test_a_learned_words_stock_split_is_the_stock_dictionarys_cut():
    # nlpo3 and pythainlp's newmm cut these names differently (ศรี·สุว·รรณ์ vs ศรี·สุ·วรรณ์): the split
    # must be the one the index was built with, nlpo3's over the whole stock dictionary.
    names = ["ศรีสุวรรณ์", "อินสุวรรณ์", "เตมียเวส", "จุรินทร์", "ไวรัสโคโรนา"]
    lex = lexicon(names)
    for name in names:
        assert lex.stock_split(name) == lexicon().segment(name), name
    nodes, n = word_tree("จุรินทร์", lex)
    assert [t for t, _o, _i in nodes[1:]] == lexicon().segment("จุรินทร์") and n == len(nodes) - 1
