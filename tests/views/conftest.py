"""The board's tests run isolated like the CLI's: their own state, config and working folder."""

from tests.cli.conftest import _isolated  # noqa: F401 - an autouse fixture, shared
