"""Commitments linked to the indicators they aim to move: the links as stored, and whether the
disparities they target moved ("Is it working?")."""
