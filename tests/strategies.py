"""Hypothesis strategies for the parser property tests: JSON values and the texts they dump to."""

from __future__ import annotations

import codecs
import json
from typing import Any

from hypothesis import strategies as st

# Characters that matter to pointers (``/``, ``~``), to the JSON scanner (quotes, backslashes,
# control characters) and to code-point columns (non-ASCII, astral, line separators).
_AWKWARD = ["/", "~", "~0", "~1", "a/b~c", '"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "é", "€", "𝄞", "\u2028"]

texts = st.one_of(
    st.text(max_size=8), st.sampled_from(_AWKWARD), st.lists(st.sampled_from(_AWKWARD), max_size=4).map("".join)
)
keys = texts
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=20,
)


@st.composite
def dumped(draw: st.DrawFn, values: st.SearchStrategy[Any] = json_values) -> tuple[Any, str, bytes]:
    """A JSON value, its text as written (without BOM) and the bytes of the file.

    The text varies indentation, separators, ``ensure_ascii``, CRLF line endings (only where
    indentation puts line breaks: a string never holds a raw line break) and a UTF-8 BOM.
    """
    value = draw(values)
    indent = draw(st.sampled_from([None, 0, 1, 2, "\t"]))
    separators = draw(st.sampled_from([None, (",", ":"), (", ", ": "), (" ,", " : ")]))
    ensure_ascii = draw(st.booleans())
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=ensure_ascii)
    if indent is not None and draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = draw(st.sampled_from([" ", "\n", "\r\n", "\t\n "])) + text + draw(st.sampled_from(["", "\n", " \r\n"]))
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = codecs.BOM_UTF8 + data
    return value, text, data


def paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every ``(path, value)`` in ``value``, the root first."""
    found = [(prefix, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(paths(child, (*prefix, index)))
    return found
