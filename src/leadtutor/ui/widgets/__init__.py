"""Reusable widgets. They render `leadtutor.core` model objects and post messages;
they never touch the progress store (only screens do)."""
