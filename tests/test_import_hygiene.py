"""The domain never imports Textual; the CLI imports the UI only to launch the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize(
    "module",
    [
        "leadtutor.core",
        "leadtutor.progress",
        "leadtutor.cli",
        "leadtutor.locations",
        "leadtutor.cohort.render",
        "leadtutor.cohort.summary",
        "leadtutor.commands.cohort",
        "leadtutor.commands.followups",
    ],
)
def test_module_does_not_load_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('leadtutor.ui'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"{module} imported {result.stdout.strip()}"


def test_check_command_runs_without_textual() -> None:
    code = (
        "import sys\nfrom leadtutor.cli import main\n"
        f"main(['check', {str(REPO / 'lessons')!r}])\n"
        "assert 'textual' not in sys.modules, 'check imported textual'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, capture_output=True)


def test_import_contracts_hold() -> None:
    """import-linter checks the layer rules declared in pyproject.toml."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
