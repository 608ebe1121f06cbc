"""calsync: job interviews in a calendar → thank-you notes and follow-up calls."""

__version__ = "0.1.0"
