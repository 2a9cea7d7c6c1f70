"""Rich consoles whose output no letter, file name or server answer can use to drive the terminal.

Every character `jbz.untrusted` calls unsafe that is still in a segment's text when Rich writes it
(from an index made by an older jbz, a file's name, a message quoting either) is written as a
visible escape ("\\x1b"); the control codes Rich makes itself for colour and layout pass.
"""
from __future__ import annotations

from rich.console import Console
from rich.segment import Segment

from jbz.untrusted import escape


class SafeConsole(Console):
    """A Console that writes the text of its segments escaped."""

    def _render_buffer(self, buffer):
        return super()._render_buffer(
            segment if segment.control else Segment(escape(segment.text), segment.style, segment.control)
            for segment in buffer)
