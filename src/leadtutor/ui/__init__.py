"""The Textual user interface. Only this package (and `commands.launch`) imports Textual."""
