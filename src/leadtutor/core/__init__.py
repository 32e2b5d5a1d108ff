"""The lesson domain: model, parser, validator and catalog. Never imports Textual.

Typical use::

    from leadtutor.core import load_course

    course = load_course(path)
    for problem in course.problems:
        print(problem.format())
"""

from __future__ import annotations

from leadtutor.core.catalog import load_course
from leadtutor.core.markdown import create_parser
from leadtutor.core.model import (
    AnyPrompt,
    Block,
    Callout,
    ChoiceOption,
    ChoicePrompt,
    CommitPrompt,
    Course,
    Heading,
    Lesson,
    Link,
    Markdown,
    Module,
    Prose,
    ReflectPrompt,
    ScalePrompt,
)
from leadtutor.core.parser import parse_lesson
from leadtutor.core.problems import Problem, Problems

__all__ = [
    "AnyPrompt",
    "Block",
    "Callout",
    "ChoiceOption",
    "ChoicePrompt",
    "CommitPrompt",
    "Course",
    "Heading",
    "Lesson",
    "Link",
    "Markdown",
    "Module",
    "Problem",
    "Problems",
    "Prose",
    "ReflectPrompt",
    "ScalePrompt",
    "create_parser",
    "load_course",
    "parse_lesson",
]
