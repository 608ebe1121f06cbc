"""Views of a plan: the applications board (plan text and `--json` live in `calsync.report`).

A view adds no reading of its own: it is built from the `plan --json` document alone.
"""
