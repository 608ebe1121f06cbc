"""What `calsync --version` says: calsync's version, the Python it runs on, and the version of
the library each backend talks through (what a bug report needs first)."""

from __future__ import annotations

from calsync import __version__

# the libraries each backend talks through: a bug report with `calsync --version` says which
BACKEND_LIBRARIES = (
    ("icalendar", "icalendar"),
    ("Google", "google-api-python-client"),
    ("Microsoft", "msal"),
    ("CalDAV", "caldav"),
)


def version_text() -> str:
    """calsync's version, the Python it runs on and each backend's library version.

    >>> version_text().splitlines()[0].startswith("calsync ")
    True
    """
    import platform
    from importlib import metadata

    lines = [f"calsync {__version__} (Python {platform.python_version()})"]
    for backend, package in BACKEND_LIBRARIES:
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            found = "not installed"
        lines.append(f"  {backend}: {package} {found}")
    return "\n".join(lines)
