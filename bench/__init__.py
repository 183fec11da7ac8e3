"""Gongkai's benchmarks: one entry point, `python -m bench` (see docs/benchmarks.md).

Every suite follows the rules in PERFORMANCE.md ("How `bench/` should measure this"):
deterministic inputs from a seed, correctness checked before anything is timed, and
goals stated as ratios against a baseline measured in the same run, on the same machine.
Each run uses its own throwaway SQLite database, never the developer's var/.
"""
