"""Templates for `leadtutor new` (package data, read with importlib.resources):
`course.toml`, `module.toml`, `first-lesson.md` (the sample lesson of a new course) and
`lesson.md` (a new lesson). `${name}` fields are filled in by `commands/new.py`."""
