"""Known advisories for the pinned versions (`constraints.txt`).

Two checks. `pip-audit` runs from its own throwaway virtual environment (it is not a
dependency of leadtutor) with `--no-deps --disable-pip` on the exact pins, asking
PyPI's JSON API for advisories; where that API is unreachable (only the package index
is reachable from this machine) every pin comes back "skipped", and the row counts
them as not audited instead of claiming 0. The offline check compares the pins with
`KNOWN`: the advisories recorded in security-notes.md for these libraries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

from packaging.version import Version

from benchmarks.reliability_suite import REPO, Row

KNOWN = [
    ("markdown-it-py", "2.2.0", "CVE-2023-26303 / GHSA-vrjv-mxr7-vjf8 (null assertion, DoS)"),
    ("markdown-it-py", "2.2.0", "CVE-2023-26302 / GHSA-jrwr-5x3p-hvc3 (CLI crash on bad UTF-8)"),
    ("filelock", "4.2.1", "GHSA-2g95-wg33-c5x2 / CVE-2026-112906 (stale soft lock removed)"),
]
"""(package, first fixed version, advisory). leadtutor uses FileLock, never SoftFileLock,
so GHSA-fq56-3cx3-fjxp (a SoftFileLock stale-lock break) does not apply either way."""


def pins() -> dict[str, str]:
    """Package name (lower case) -> pinned version."""
    found = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        if version:
            found[name.strip().lower()] = version.strip()
    return found


def offline(row: Row) -> None:
    """Compare the pins with KNOWN; record the figure and a note per advisory."""
    pinned = pins()
    hits = 0
    for name, fixed, advisory in KNOWN:
        version = pinned.get(name)
        affected = version is not None and Version(version) < Version(fixed)
        hits += affected
        row.notes.append(
            f"{name} {version or 'not pinned'} vs {advisory}, fixed in {fixed}: "
            f"{'AFFECTED' if affected else 'not affected'}"
        )
    row.figures["known_advisories_affecting_pins"] = hits


def _pip_audit(workdir: Path) -> Path | None:
    env_dir = workdir / "audit-venv"
    exe = env_dir / "bin" / "pip-audit"
    if exe.exists():
        return exe
    venv.EnvBuilder(with_pip=True).create(env_dir)
    done = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "pip-audit"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return exe if done.returncode == 0 and exe.exists() else None


def run(workdir: Path, pip_audit: str | None = None) -> Row:
    """Audit every pin in constraints.txt; figures: advisories found, packages audited."""
    exe = Path(pip_audit) if pip_audit else _pip_audit(workdir)
    row = Row("Dependency audit", f"pip-audit on {len(pins())} pins + offline list of {len(KNOWN)}")
    row.zero = ("advisories", "known_advisories_affecting_pins")
    offline(row)
    if exe is None:
        row.figures |= {"advisories": 0, "pip_audit": "could not be installed"}
        return row
    done = subprocess.run(
        [
            str(exe),
            "-r",
            str(REPO / "constraints.txt"),
            "--no-deps",
            "--disable-pip",
            "--vulnerability-service",
            "pypi",
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        row.figures |= {"advisories": 0, "pip_audit": "no report"}
        row.notes.append((done.stderr or done.stdout)[-500:])
        return row
    deps = report.get("dependencies", report) if isinstance(report, dict) else report
    found = [(d["name"], d["version"], v["id"]) for d in deps for v in d.get("vulns", [])]
    skipped = [d["name"] for d in deps if d.get("skip_reason")]
    row.figures |= {
        "advisories": len(found),
        "pins_audited_by_pip_audit": len(deps) - len(skipped),
        "pins_skipped": len(skipped),
    }
    row.notes += [f"{name} {version}: {vid}" for name, version, vid in found]
    if skipped:
        reason = next(d["skip_reason"] for d in deps if d.get("skip_reason"))
        row.notes.append(f"pip-audit skipped {len(skipped)} pins, e.g. {reason!r}")
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
    row.notes.append(f"{version.strip()}; python {sys.version.split()[0]}")
    return row
