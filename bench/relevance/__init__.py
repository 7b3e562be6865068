"""Pieces of the relevance evaluation (bench/eval_relevance.py): messy query sets, baselines, needs."""
