"""Benchmarks: each module prints its figures and a same-run baseline, then one summary line."""
