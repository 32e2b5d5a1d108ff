"""`leadtutor serve`: the same app in a web browser, one app process per browser tab.

Everything that can go wrong is checked before the server starts, and each problem is
one sentence with exit status 2: a bad port, a host that does not resolve or is not
this computer's, a port already in use, a course that cannot be opened, a data folder
that cannot be written. Binding to anything but loopback needs `--host` and prints a
warning. The server itself (textual-serve) is imported only inside `run()`, from
`leadtutor.web.server`; this module never loads Textual.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import socket
import sys
from pathlib import Path

from leadtutor.commands import Subparsers, common_options, data_dir
from leadtutor.commands.progress import CommandFailed, open_course, reporting

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
BAD_ARGUMENTS = 2


def register(subparsers: Subparsers) -> None:
    """Add the `serve` command."""
    parser = subparsers.add_parser(
        "serve",
        parents=[common_options()],
        help="run the tutorial in a web browser",
        description="Serve the tutorial as a web page: each browser tab gets its own "
        "session of the app, saving to the same progress file as the terminal app. "
        "Listens on this computer only (127.0.0.1) unless --host says otherwise; anyone "
        "who can reach the port can read and change the answers, so see docs/serving.md "
        "before serving to a network. Ctrl+C stops the server after saving every session.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this computer only)",
    )
    parser.add_argument(
        "--port", default=str(DEFAULT_PORT), help=f"port to listen on (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a reverse proxy serves this under a path "
        "(e.g. https://learn.example.org/alice)",
    )
    parser.set_defaults(handler=run)


@reporting
def run(args: argparse.Namespace) -> int:
    """Check the arguments, then serve until Ctrl+C; return the exit status."""
    port = parse_port(args.port)
    host = str(args.host).strip()
    addresses = resolve(host, port)
    public_url = check_public_url(args.public_url)
    try:
        course = open_course(args)
    except CommandFailed as exc:
        raise CommandFailed(str(exc), BAD_ARGUMENTS) from exc
    folder = data_dir(args).resolve()
    check_writable(folder)
    check_free(host, port, addresses)
    loopback = all(ipaddress.ip_address(address).is_loopback for address in addresses)
    if not loopback:
        print(warning(host, port), file=sys.stderr)
    from leadtutor.progress import ProgressStore
    from leadtutor.web.server import TutorServer  # deferred: aiohttp and textual-serve

    progress_file = ProgressStore(folder, course.id).path
    shown_url = public_url or _local_url(host, port, loopback)

    def banner() -> None:
        print(f"Serving {course.title!r} at {shown_url}", flush=True)
        print(f"  Answers are saved in {progress_file}", flush=True)
        print("  Each browser tab is a session of its own. Press Ctrl+C to stop.", flush=True)

    server = TutorServer(
        session_command(course.root, folder),
        host=host,
        port=port,
        title=course.title,
        public_url=public_url,
        banner=banner,
    )
    os.environ["LEADTUTOR_SERVER_PID"] = str(os.getpid())
    try:
        server.serve()
    except OSError as exc:  # lost a race for the port since the check
        raise CommandFailed(_bind_problem(host, port, exc), BAD_ARGUMENTS) from exc
    print("Stopped. Every session was saved.", flush=True)
    return 0


def session_command(course_root: Path, folder: Path) -> list[str]:
    """The command each browser tab runs: this Python, this course, this data folder."""
    return [
        sys.executable,
        "-m",
        "leadtutor.web.session",
        "--course",
        str(course_root.resolve()),
        "--data-dir",
        str(folder),
    ]


def parse_port(text: str) -> int:
    """A TCP port number from 1 to 65535.

    Raises:
        CommandFailed: It is not one (status 2).
    """
    try:
        port = int(str(text).strip())
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise CommandFailed(
            f"--port must be a number from 1 to 65535, not {text!r}.", BAD_ARGUMENTS
        )
    return port


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses `host` stands for.

    Raises:
        CommandFailed: The host is empty or does not resolve (status 2).
    """
    if not host:
        raise CommandFailed("--host needs an address, such as 127.0.0.1.", BAD_ARGUMENTS)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        found = []
    addresses = sorted({str(info[4][0]).split("%")[0] for info in found})
    if not addresses:
        raise CommandFailed(
            f"cannot serve on host {host!r}: it is not an address or a name this "
            "computer can resolve.",
            BAD_ARGUMENTS,
        )
    return addresses


def check_public_url(url: str | None) -> str | None:
    """`--public-url`, if given, must be an http(s) address.

    Raises:
        CommandFailed: It is not (status 2).
    """
    if url is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise CommandFailed(
            f"--public-url must be an http:// or https:// address, not {url!r}.", BAD_ARGUMENTS
        )
    return url.strip().rstrip("/")


def check_writable(folder: Path) -> None:
    """The data folder exists (or can be made) and can be written.

    Raises:
        CommandFailed: It cannot (status 2).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        writable = folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        writable = False
    if not writable:
        raise CommandFailed(
            f"cannot save answers in {folder}: the folder cannot be created or written; "
            "choose another with --data-dir.",
            BAD_ARGUMENTS,
        )


def check_free(host: str, port: int, addresses: list[str]) -> None:
    """Bind (and release) each address the server will listen on.

    Raises:
        CommandFailed: One cannot be bound (status 2).
    """
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            try:
                probe.bind((address, port))
            except OSError as exc:
                raise CommandFailed(_bind_problem(host, port, exc), BAD_ARGUMENTS) from exc


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {host}; choose another with --port."
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; choose a port above 1023 with --port."
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot serve on host {host!r}: no network interface of this computer has that address."
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}."


def warning(host: str, port: int) -> str:
    """What `serve` prints before listening beyond this computer."""
    return (
        f"warning: serving on {host}, beyond this computer: anyone who can reach port "
        f"{port} can read and change this learner's answers. Put an authenticating reverse "
        "proxy in front of it (see docs/serving.md)."
    )


def _local_url(host: str, port: int, loopback: bool) -> str:
    if not loopback and host in ("0.0.0.0", "::"):
        return f"http://{socket.gethostname()}:{port}"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"
