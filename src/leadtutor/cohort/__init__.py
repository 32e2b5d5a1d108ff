"""Cohort summaries for facilitators: many learners' share exports merged into one report.

`load.read_export` reads and checks one export (`docs/share-format.md`),
`summary.summarize` merges many by prompt id against the facilitator's copy of the
course, and `render` writes Markdown or HTML in which every piece of text is escaped
and no learner or file is named. Pure Python: no Textual, no network.
"""
