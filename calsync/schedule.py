"""The hourly run, written out for cron, a systemd user timer and launchd.

`calsync init` prints these with the paths of the machine it runs on; `contrib/` holds the
same text for the usual install (`pipx install`, so `~/.local/bin/calsync`), and a test keeps
the two the same.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

CONTRIB_COMMAND = "%h/.local/bin/calsync"  # systemd's %h: the user's home
CONTRIB_LAUNCHD_COMMAND = "/usr/local/bin/calsync"


def _quoted(text: str) -> str:
    """A word for a POSIX shell (cron) and systemd's ExecStart alike.

    >>> _quoted("/home/alex/.local/bin/calsync"), _quoted("/Users/A B/calsync")
    ('/home/alex/.local/bin/calsync', '"/Users/A B/calsync"')
    """
    if text and all(c.isalnum() or c in "/._-+%~:@=" for c in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cron_line(command: str, config: str | None = None) -> str:
    """Every hour, quiet unless something is wrong (cron mails what a job prints).

    >>> cron_line("/usr/bin/calsync")
    '0 * * * * /usr/bin/calsync sync --quiet'
    """
    env = f"CALSYNC_CONFIG={_quoted(config)} " if config else ""
    return f"0 * * * * {env}{_quoted(command)} sync --quiet"


def systemd_service(command: str, config: str | None = None) -> str:
    env = f"Environment=CALSYNC_CONFIG={_quoted(config)}\n" if config else ""
    return (
        "[Unit]\n"
        "Description=calsync: follow-ups for the interviews in your calendar\n"
        "After=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{env}"
        f"ExecStart={_quoted(command)} sync --quiet\n"
    )


def systemd_timer() -> str:
    return (
        "[Unit]\n"
        "Description=Run calsync every hour\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=hourly\n"
        "Persistent=true\n"
        "RandomizedDelaySec=5m\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def launchd_plist(command: str, config: str | None = None) -> str:
    """A LaunchAgent that runs `calsync sync --quiet` at the top of every hour."""
    env = (
        "  <key>EnvironmentVariables</key>\n"
        f"  <dict><key>CALSYNC_CONFIG</key><string>{escape(config)}</string></dict>\n"
        if config
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n'
        "<dict>\n"
        "  <key>Label</key><string>org.calsync.sync</string>\n"
        "  <key>ProgramArguments</key>\n"
        f"  <array><string>{escape(command)}</string><string>sync</string>"
        "<string>--quiet</string></array>\n"
        f"{env}"
        "  <key>StartCalendarInterval</key><dict><key>Minute</key><integer>0</integer></dict>\n"
        "  <key>StandardErrorPath</key><string>/tmp/calsync.err</string>\n"
        "</dict>\n"
        "</plist>\n"
    )
