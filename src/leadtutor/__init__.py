"""leadtutor: a terminal tutorial on leading and managing.

The package root imports nothing else, so `import leadtutor` stays cheap.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
