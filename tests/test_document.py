"""Property tests of the document model: values, spans, positions and pointers agree with the text."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import dumped, json_values, keys, paths

from asllint.document import (
    Document,
    Position,
    SourceText,
    format_pointer,
    is_dynamic,
    is_jsonata,
    parse_pointer,
    resolve_path,
)
from asllint.parse import load


def expected_position(text: str, offset: int) -> Position:
    """Line and column of ``offset``, counted independently: CRLF, LF and a lone CR end a line."""
    line, start, i = 1, 0, 0
    while i < offset:
        width = 2 if text[i : i + 2] == "\r\n" else 1 if text[i] in "\r\n" else 0
        if width and i + width <= offset:
            line, start = line + 1, i + width
        i += width or 1
    return Position(line, offset - start + 1, offset)


def load_json(data: bytes) -> Document:
    document = load("fuzz.asl.json", data)
    assert isinstance(document, Document), document
    return document


@given(dumped())
def test_value_equals_json_loads(case: tuple[Any, str, bytes]) -> None:
    value, text, data = case
    document = load_json(data)
    assert document.source.text == text
    assert document.value == json.loads(text) == value
    assert document.duplicates == []


@given(dumped())
def test_spans_slice_back_to_their_values(case: tuple[Any, str, bytes]) -> None:
    value, text, data = case
    document = load_json(data)
    for path, expected in paths(value):
        span = document.span(path)
        assert json.loads(text[span.start.offset : span.end.offset]) == expected, path
        assert span.start == expected_position(text, span.start.offset)
        assert span.end == expected_position(text, span.end.offset)
        assert document.node(*path).value == expected
        if path and isinstance(path[-1], str):
            key_span = document.span(path, key=True)
            assert json.loads(text[key_span.start.offset : key_span.end.offset]) == path[-1], path
            assert key_span.start == expected_position(text, key_span.start.offset)
            assert key_span.end.offset <= span.start.offset


@given(dumped())
def test_pointers_resolve_to_their_nodes(case: tuple[Any, str, bytes]) -> None:
    value, _, data = case
    document = load_json(data)
    for path, expected in paths(value):
        pointer = format_pointer(path)
        assert parse_pointer(pointer) == tuple(str(p) for p in path)
        assert document.node(*path).pointer == pointer
        # resolve the pointer itself, reading array indices as the container demands
        current: Any = document.value
        for token in parse_pointer(pointer):
            current = current[int(token)] if isinstance(current, list) else current[token]
        assert current == expected


@given(st.lists(keys, max_size=6))
def test_pointer_round_trip(path: list[str]) -> None:
    pointer = format_pointer(tuple(path))
    assert parse_pointer(pointer) == tuple(path)
    assert pointer == "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path)


@given(json_values)
def test_missing_paths_fall_back_to_the_nearest_ancestor(value: Any) -> None:
    text = json.dumps({"v": value}, indent=1)
    document = load_json(text.encode())
    assert document.span(("v", "\0missing", 3)) == document.span(("v",))


@pytest.mark.parametrize(
    ("pointer", "tokens"),
    [("", ()), ("/", ("",)), ("/a~1b", ("a/b",)), ("/m~0n", ("m~n",)), ("/~01", ("~1",)), ("/a/0", ("a", "0"))],
)
def test_parse_pointer_rfc6901(pointer: str, tokens: tuple[str, ...]) -> None:
    assert parse_pointer(pointer) == tokens
    assert format_pointer(tokens) == pointer


def test_parse_pointer_refuses_a_relative_pointer() -> None:
    with pytest.raises(ValueError, match="starts with '/'"):
        parse_pointer("a/b")


def test_resolve_path_refuses_a_wrong_container() -> None:
    assert resolve_path({"a": [1, 2]}, ("a", 1)) == 2
    for path in (("a", "0"), ("a", 2), ("a", -1), ("b",)):
        with pytest.raises(LookupError):
            resolve_path({"a": [1, 2]}, path)


@given(st.text(alphabet="ab\r\n", max_size=30), st.data())
def test_source_positions_agree_with_an_independent_count(text: str, data: st.DataObject) -> None:
    source = SourceText(text)
    offset = data.draw(st.integers(0, len(text)))
    assert source.position(offset) == expected_position(text, offset)
    lines = re.split(r"\r\n|\r|\n", text)
    for number, line in enumerate(lines, 1):
        assert source.line_text(number) == line
    assert source.line_text(len(lines) + 1) == ""


def test_node_children_and_dynamic_values() -> None:
    document = load_json(b'{"P": {"Key.$": "$.x", "Plain": "{% $x %}", "Literal": "{%x", "List": [1, 2]}}')
    parameters = document.node("P")
    assert [child.key for child in parameters.children()] == ["Key.$", "Plain", "Literal", "List"]
    assert [child.is_dynamic for child in parameters.children()] == [True, True, False, False]
    assert [item.pointer for item in parameters.child("List").children()] == ["/P/List/0", "/P/List/1"]  # type: ignore[union-attr]
    assert parameters.child("Absent") is None
    assert parameters.child(0) is None
    assert document.root.key is None
    assert repr(document.root).startswith("Node(/,")
    assert is_jsonata("{%%}") and not is_jsonata("{%}")
    assert is_dynamic("A.$", 1) and not is_dynamic(0, "$.a")
