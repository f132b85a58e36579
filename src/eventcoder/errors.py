"""One catalogue of user-facing error messages, each with a stable code.

Every problem a user can cause (a missing file, bad JSON, an empty text) is
raised as an `InputError` carrying one of these messages, so the CLI prints a
single line naming the input and the problem instead of a traceback, and the
batch goes on with the next input.
"""

from __future__ import annotations


class Errors:
    """Message templates. The code is part of the message users see."""

    E001 = "E001 {source}: no such file or directory"
    E002 = "E002 {source}: not valid UTF-8 text ({detail})"
    E003 = "E003 {source}: looks like a binary file, not text"
    E004 = "E004 {source}: the article text is empty"
    E005 = "E005 {source}: malformed JSON ({detail})"
    E006 = "E006 {source}: expected a JSON object with a \"text\" field, got {detail}"
    E007 = "E007 {source}: field \"{field}\" must be {expected}, got {detail}"
    E008 = "E008 {source}: invalid publication date {detail!r} (expected YYYY-MM-DD)"
    E009 = "E009 {source}: cannot read ({detail})"
    E010 = "E010 {source}: failed while coding ({detail})"
    E020 = "E020 {source}: actor dictionary line {line}: {detail}"
    E030 = "E030 {source}: {detail}"


class EventcoderError(Exception):
    """Base class for errors that carry a user-facing message."""


class InputError(EventcoderError):
    """A problem with one input; the batch continues with the others."""

    def __init__(self, message: str, source: str = "<input>") -> None:
        super().__init__(message)
        self.source = source


class DataError(EventcoderError):
    """A problem in a dictionary or data file (ours or the user's)."""
