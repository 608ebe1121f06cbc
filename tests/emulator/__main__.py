"""Run the emulator by hand: `python -m tests.emulator --port 8765`.

It prints the API root and a token file that a client (calsync with CALSYNC_TOKEN and
CALSYNC_API_ENDPOINT) can use, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from tests.emulator.server import CalendarEmulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each request")
    parser.add_argument("--token-file", type=Path, help="where to write an authorized-user token")
    args = parser.parse_args(argv)

    emulator = CalendarEmulator(latency=args.latency)
    emulator.start(port=args.port)
    token_file = (
        args.token_file or Path(tempfile.mkdtemp(prefix="calendar-emulator-")) / "token.json"
    )
    emulator.make_token_file(token_file)
    print(f"Calendar API emulator at {emulator.url}", flush=True)
    print(f"  CALSYNC_API_ENDPOINT={emulator.url}", flush=True)
    print(f"  CALSYNC_TOKEN={token_file}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()
