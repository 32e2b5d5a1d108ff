"""One browser tab's app: `python -m leadtutor.web.session [leadtutor options]`.

`leadtutor serve` starts this for each browser tab, in a session of its own (so a
Ctrl+C in the server's terminal reaches the server, which then stops every tab's app
with SIGTERM: the same save-and-leave path as quitting). On Linux the process also asks
the kernel for SIGTERM should the server die without that, so no app is left running
with unsaved answers and nobody to talk to.
"""

from __future__ import annotations

import os
import signal
import sys


def _follow_parent() -> None:
    """Get SIGTERM when the server process ends (Linux); exit if it already has."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    expected = os.environ.get("LEADTUTOR_SERVER_PID", "")
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if expected and str(os.getppid()) != expected:  # the server died before prctl
        sys.exit(0)


def main() -> int:
    """Run `leadtutor` with this process's arguments, as the server asked."""
    _follow_parent()
    from leadtutor.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
