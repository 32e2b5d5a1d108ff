"""`LessonScreen`: one lesson with its prompts inline, the outline, and autosave."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TextArea

from leadtutor.core import AnyPrompt, ChoicePrompt, Lesson, ReflectPrompt, ScalePrompt
from leadtutor.core.prompt_rules import option_order
from leadtutor.progress.dates import day
from leadtutor.ui import answers
from leadtutor.ui.links import follow_link
from leadtutor.ui.parts import lesson_parts
from leadtutor.ui.revisit import earlier_for
from leadtutor.ui.screens.lesson_done import Completion
from leadtutor.ui.screens.lesson_places import Found, Places
from leadtutor.ui.screens.lesson_tabs import step_focus
from leadtutor.ui.widgets.choice import ChoiceAnswer, ChoiceBox
from leadtutor.ui.widgets.footer import TutorFooter
from leadtutor.ui.widgets.header import TopBar
from leadtutor.ui.widgets.lesson_end import LessonEnd
from leadtutor.ui.widgets.lesson_view import LessonView
from leadtutor.ui.widgets.outline import Outline
from leadtutor.ui.widgets.place import Place, section_at
from leadtutor.ui.widgets.problems import ProblemPanel
from leadtutor.ui.widgets.prompt_base import PromptBox
from leadtutor.ui.widgets.prose import ProseText
from leadtutor.ui.widgets.rating import CommitAnswer, CommitBox, ScaleBox
from leadtutor.ui.widgets.reflect import ReflectBox

if TYPE_CHECKING:
    from leadtutor.ui.app import LeadTutorApp


class LessonScreen(Screen[None]):
    """Reads a lesson; every answer goes to the store and is autosaved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_lesson", "Next", id="next-lesson"),
        Binding("p", "previous_lesson", "Prev", id="previous-lesson"),
        Binding("o", "toggle_outline", "Outline", id="outline"),
        Binding("d", "mark_done", "Done", id="mark-done", show=False),
        Binding("j", "scroll_lines(1)", "Down", show=False),
        Binding("k", "scroll_lines(-1)", "Up", show=False),
        Binding("space", "scroll_page(1)", "Page down", show=False),
        Binding("escape", "leave_input", "Leave box", show=False),
        Binding("ctrl+e", "edit_externally", "Editor", show=False, priority=True),
        Binding("tab", "step_focus(1)", "Next link or prompt", show=False, priority=True),
        Binding("shift+tab", "step_focus(-1)", "Previous", show=False, priority=True),
        Binding("alt+left,backspace", "retrace(-1)", "Back", id="back", show=False),
        Binding("alt+right", "retrace(1)", "Forward", id="forward", show=False),
    ]
    """Letter keys fire only when no text box has focus (press escape to leave one).
    Tab is a priority binding so focus moves while the app handles the key: the keys
    typed right after it then go to the new box, not to the lesson as commands."""

    AUTO_FOCUS = "#lesson-view"
    """Start with the lesson focused, so the reading keys work at once."""

    DEFAULT_CSS = """
    LessonScreen #lesson-body { height: 1fr; }
    LessonScreen Outline { display: none; }
    LessonScreen.-outline Outline { display: block; }
    """

    def __init__(
        self,
        lesson: Lesson,
        *,
        prompt_id: str = "",
        anchor: str = "",
        place: Place | None = None,
        found: Found | None = None,
    ) -> None:
        """Args:
        lesson: The lesson.
        prompt_id: Open with this prompt focused.
        anchor: Open at this heading.
        place: Open at this place (Back and Forward).
        found: Open at this search match.
        Without any of these, the lesson opens where the learner last was in it.
        """
        super().__init__()
        self.lesson = lesson
        self._target = (prompt_id, anchor, place, found)
        self.places = Places(self)
        self.box_generation: dict[str, int] = {}
        self.completion = Completion(self)
        self._outline_pending = False

    @property
    def tutor(self) -> LeadTutorApp:
        """The app, typed."""
        return cast("LeadTutorApp", self.app)

    # -- building -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(self._title())
        banner = self.tutor.lesson_banner(self.lesson)  # the author's preview
        if banner is not None:
            yield banner
        with Horizontal(id="lesson-body"):
            if self.lesson.ok:
                parts = lesson_parts(self.lesson, self._prompt_widget, self._end_widget)
                yield LessonView(parts, id="lesson-view")
            else:
                advice = self.tutor.problem_advice()
                yield ProblemPanel(self.lesson, self.tutor.course.root, advice)
        yield TutorFooter()

    def _title(self) -> Content:
        lessons = self.tutor.course.lessons
        position = next((i for i, item in enumerate(lessons) if item is self.lesson), 0) + 1
        return Content.assemble(
            (f"{position} / {len(lessons)}  ", "$text-muted"), (self.lesson.title, "bold")
        )

    def _prompt_widget(self, prompt: AnyPrompt) -> Widget:
        box = self._prompt_box(prompt)
        box.earlier = earlier_for(self.tutor.course, self.tutor.store, prompt)
        return box

    def _prompt_box(self, prompt: AnyPrompt) -> PromptBox:
        store = self.tutor.store
        answer = store.answer(prompt.id)
        if isinstance(prompt, ReflectPrompt):
            return ReflectBox(prompt, answers.reflection_text(store, prompt))
        if isinstance(prompt, ChoicePrompt):
            order = option_order(prompt, store.shuffle_seed()) if prompt.shuffle else None
            return ChoiceBox(prompt, answers.choice_answer(answer, prompt), order)
        if isinstance(prompt, ScalePrompt):
            value = answer.value if answer is not None and isinstance(answer.value, int) else None
            return ScaleBox(prompt, value)
        commit, due = answers.commitment(store, prompt)
        return CommitBox(prompt, commit, due)

    def _end_widget(self) -> Widget:
        return LessonEnd(
            self.completion.missing(), self.completion.is_done(), self._neighbour(1) is not None
        )

    def on_mount(self) -> None:
        self.completion.input_at_open = self.tutor.input_count
        store = self.tutor.store
        store.open_lesson(self.lesson.id)
        store.resume_in(self.lesson.id)  # Continue comes here; the lesson's place is kept
        self.tutor.changed(quiet=True)
        self.watch(self.tutor, "save_state", self._save_state_changed, init=True)
        if self.lesson.ok:
            self.watch(self.view, "scroll_y", self._scrolled, init=False)
            self.call_after_refresh(self._restore)

    def _restore(self) -> None:
        prompt_id, anchor, place, found = self._target
        self.places.restore(prompt_id=prompt_id, anchor=anchor, place=place, found=found)

    def on_resize(self) -> None:
        """The terminal changed size (handled before the screen lays itself out again):
        keep the same text at the top."""
        if self.lesson.ok and self.is_mounted and self.view.widgets:
            self.view.go_to(self.view.place)

    def _scrolled(self) -> None:
        self.places.changed()
        self.completion.check_reached_end()
        if self.has_class("-outline") and not self._outline_pending:
            self._outline_pending = True
            self.call_after_refresh(self._follow_outline)

    def _follow_outline(self, place: Place | None = None, *, move: bool = False) -> None:
        """Mark the section at the top of the lesson (or at `place`) in the outline:
        the same section the Continue label names."""
        self._outline_pending = False
        outlines = self.query(Outline)
        if not outlines or not self.view.widgets:
            return
        place = place or self.view.place
        heading = section_at(self.lesson, place.block, place.line, place.chars)
        outlines.first().show_section(heading.slug if heading is not None else "", move=move)

    # -- position -------------------------------------------------------------

    @property
    def view(self) -> LessonView:
        """The lesson column."""
        return self.query_one(LessonView)

    def scroll_to_anchor(self, slug: str) -> None:
        """Put the heading with this anchor at the top."""
        self.places.to_anchor(slug)

    def jump(
        self, *, anchor: str = "", place: Place | None = None, found: Found | None = None
    ) -> None:
        """Move within this lesson (a followed link, Back, a search match)."""
        if not self.lesson.ok:
            return
        self.view.focus(scroll_visible=False)  # never leave focus in a box out of sight
        if anchor:
            self.places.to_anchor(anchor)
        elif found is not None:
            self.places.to_match(found)
        elif place is not None:
            self.view.go_to(place)

    def action_retrace(self, step: int) -> None:
        """Back to where a link or search was followed from (alt+left, backspace), or
        Forward again (alt+right)."""
        self.tutor.go_back(step)

    def remember_position(self) -> None:
        """Record where the learner is (the app calls this before leaving)."""
        self.places.remember()

    @on(DescendantFocus)
    @on(DescendantBlur)
    def _focus_moved(self, event: DescendantFocus | DescendantBlur) -> None:
        if isinstance(event, DescendantBlur):
            box = next((a for a in event.widget.ancestors if isinstance(a, PromptBox)), None)
            if box is not None:
                self.tutor.store.finish_editing(box.prompt.id)
        self.places.changed()

    # -- answers --------------------------------------------------------------

    @on(PromptBox.Changed)
    def _answer_changed(self, event: PromptBox.Changed) -> None:
        store, lesson_id, box = self.tutor.store, self.lesson.id, event.box
        value = event.value
        if isinstance(box, ReflectBox):
            store.set_reflection(event.prompt_id, lesson_id, str(value))
        elif isinstance(box, ChoiceBox) and isinstance(value, ChoiceAnswer):
            correct = value.correct if value.checked else None
            options = box.prompt.fingerprints  # what it was given, to read it by later
            store.set_choice(event.prompt_id, lesson_id, value.selected, correct, options)
        elif isinstance(box, ScaleBox):
            store.set_scale(event.prompt_id, lesson_id, int(value))
        elif isinstance(box, CommitBox) and isinstance(value, CommitAnswer):
            if value.text.strip():
                item = store.make_commitment(event.prompt_id, lesson_id, value.text, value.days)
                box.due = day(item.due_on)
            else:
                store.set_draft(event.prompt_id, lesson_id, value.text)
        resume = store.resume
        if resume is None or resume.prompt_id != event.prompt_id:
            self.remember_position()  # the first change in a prompt records where it is
        self.box_generation[event.prompt_id] = self.tutor.changed()
        if self.lesson.ok:
            for outline in self.query(Outline):
                outline.mark(event.prompt_id, box.answered)
            self.completion.schedule_update()

    def _save_state_changed(self, state: str) -> None:
        self.query_one(TopBar).set_save_state(state)
        saved = self.tutor.saved_generation
        boxes = {box.prompt.id: box for box in self.query(PromptBox)}
        for prompt_id, generation in list(self.box_generation.items()):
            box = boxes.get(prompt_id)
            if box is None:
                continue
            if state == "failed":
                box.save_state = "failed"
            elif generation <= saved:
                box.save_state = "saved"
                del self.box_generation[prompt_id]

    # -- done (see `lesson_done.py`) ------------------------------------------

    @on(LessonEnd.Action)
    def _end_action(self, event: LessonEnd.Action) -> None:
        if event.action == "done":
            self.action_mark_done()
        elif event.action == "undone":
            self.tutor.store.reopen_lesson(self.lesson.id)
            self.tutor.changed()
            self.completion.update_end()
        elif event.action == "next":
            self.action_next_lesson()

    def action_mark_done(self) -> None:
        """Mark the lesson done if every required prompt is complete; else say what is open."""
        self.completion.complete(asked=True)

    # -- navigation -----------------------------------------------------------

    def _neighbour(self, step: int) -> Lesson | None:
        lessons = self.tutor.course.lessons
        index = next((i for i, item in enumerate(lessons) if item is self.lesson), -1) + step
        return lessons[index] if 0 <= index < len(lessons) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The last lesson offers no `n Next` (its end offers the course summary)."""
        return action != "next_lesson" or self._neighbour(1) is not None

    def action_next_lesson(self) -> None:
        """Open the next lesson; after the last one, the end-of-course summary."""
        lesson = self._neighbour(1)
        if lesson is None:
            self.tutor.action_course_summary()
        else:
            self.tutor.open_lesson(lesson)

    def action_previous_lesson(self) -> None:
        """Open the previous lesson."""
        lesson = self._neighbour(-1)
        if lesson is None:
            self.notify("This is the first lesson.", markup=False)
        else:
            self.tutor.open_lesson(lesson)

    def action_toggle_outline(self) -> None:
        """Show or hide the outline panel (built the first time it is shown)."""
        if not self.lesson.ok:
            return
        place = self.view.place  # the narrower column re-wraps: keep the same text on top
        if not self.query(Outline):
            store = self.tutor.store
            answered = {p.id for p in self.lesson.prompts if answers.is_answered(store, p)}
            self.query_one("#lesson-body").mount(Outline(self.lesson, answered, id="outline"))
        self.toggle_class("-outline")
        self.view.go_to(place)
        if self.has_class("-outline"):
            outline = self.query_one(Outline)
            self.call_after_refresh(self._follow_outline, place, move=True)
            self.call_after_refresh(outline.focus)
        elif self.lesson.ok:
            self.view.focus()

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll the lesson by lines."""
        if self.lesson.ok:
            self.view.scroll_relative(y=lines, animate=False, immediate=True)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll the lesson by screens."""
        if self.lesson.ok:
            view = self.view
            view.scroll_relative(
                y=pages * max(view.size.height - 2, 1), animate=False, immediate=True
            )

    def action_leave_input(self) -> None:
        """Leave a text box so letter keys work again; clear a search highlight; from
        the lesson, go back."""
        if self.lesson.ok and self.focused is not None and self.focused is not self.view:
            # at once, not after the queue: a reading key typed right after escape
            # (end, j, n…) must reach the lesson, not the box just left
            self.set_focus(self.view, scroll_visible=False)
        elif self.lesson.ok and self.places.clear_highlight():
            return
        else:
            self.remember_position()
            self.tutor.leave_screen()

    def action_step_focus(self, step: int) -> None:
        """Tab / shift+tab: the next (previous) link or prompt, in reading order (see
        `lesson_tabs`)."""
        step_focus(self, step)

    @on(Outline.Jump)
    def _jump(self, event: Outline.Jump) -> None:
        if event.kind == "heading":
            self.scroll_to_anchor(event.target)
        elif event.kind == "prompt":
            self.places.focus_prompt(event.target)

    @on(ProseText.LinkClicked)
    def _link(self, event: ProseText.LinkClicked) -> None:
        event.stop()
        follow_link(self, event.href)

    async def action_edit_externally(self) -> None:
        """Open the focused reflection in $VISUAL or $EDITOR."""
        from leadtutor.ui.editor import edit_in_editor

        focused = self.focused
        if not isinstance(focused, TextArea):
            self.notify("Focus a reflection first (tab to it), then press ctrl+e.", markup=False)
            return
        await edit_in_editor(self, focused)
