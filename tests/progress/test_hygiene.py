"""`leadtutor.progress` stays pure Python: no Textual, Rich, UI or CLI behind it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import leadtutor

SRC = Path(leadtutor.__file__).resolve().parent.parent
FORBIDDEN = ("textual", "rich", "leadtutor.ui", "leadtutor.cli", "leadtutor.commands")


def test_importing_the_store_pulls_in_no_ui() -> None:
    code = (
        "import json, sys; import leadtutor.progress, leadtutor.progress.store; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    loaded = json.loads(out)
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []
    assert "leadtutor.progress.store" in loaded  # the check looked at the right thing
