"""Screens: they compose widgets, listen to their messages and talk to the store."""
