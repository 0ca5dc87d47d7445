"""Matching: a child's needs → ranked proposals with reasons, near misses and a combined plan."""

from referral.matching.engine import MatchResult, match_pathway

__all__ = ["MatchResult", "match_pathway"]
