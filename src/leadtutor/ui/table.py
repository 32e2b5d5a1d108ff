"""Lay out a Markdown table as lines of `Content` for a given width."""

from __future__ import annotations

from textual.content import Content


class TableText:
    """A table whose columns shrink and wrap to fit the available width."""

    def __init__(self, rows: list[list[Content]], header_rows: int) -> None:
        columns = max((len(row) for row in rows), default=0)
        self.rows = [row + [Content()] * (columns - len(row)) for row in rows]
        self.header_rows = header_rows
        self.columns = columns

    def lines(self, width: int) -> list[Content]:
        """Return the table drawn with box characters, at most `width` cells wide."""
        if not self.columns:
            return []
        widths = self._widths(width)
        rule = Content.styled("─┼─".join("─" * w for w in widths), "dim")
        bar = Content.styled(" │ ", "dim")
        out: list[Content] = []
        for index, row in enumerate(self.rows):
            cells = [cell.wrap(w) or [Content()] for cell, w in zip(row, widths, strict=True)]
            for y in range(max(len(c) for c in cells)):
                parts = [
                    (c[y] if y < len(c) else Content()).pad_right(
                        w - (c[y].cell_length if y < len(c) else 0)
                    )
                    for c, w in zip(cells, widths, strict=True)
                ]
                out.append(bar.join(parts).rstrip())
            if index + 1 == self.header_rows:
                out.append(rule)
        return out

    def _widths(self, width: int) -> list[int]:
        natural = [
            max((row[i].cell_length for row in self.rows), default=1) for i in range(self.columns)
        ]
        widths = [max(w, 1) for w in natural]
        room = max(width - 3 * (self.columns - 1), self.columns * 4)
        while sum(widths) > room:
            widest = max(range(self.columns), key=lambda i: widths[i])
            if widths[widest] <= 4:
                break
            widths[widest] -= 1
        return widths
