"""The JSONPath and intrinsic-call parser of ``asllint.jsonpath``: examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asllint.jsonpath import (
    Call,
    JsonPath,
    Literal,
    PathError,
    parse_expression,
    parse_intrinsic,
    parse_path,
    unescape_format,
)

VALID_PATHS = [
    "$",
    "$$",
    "$.a",
    "$.a.b.c",
    "$.a[0]",
    "$.a[-1]",
    "$[0]",
    "$.[0]",
    "$.a.[0].b",
    "$.a[*]",
    "$.a.*",
    "$..a",
    "$..*",
    "$..[0]",
    "$.a[1:3]",
    "$.a[:2]",
    "$.a[::2]",
    "$.a[0,2]",
    "$['a b']",
    '$["a b"]',
    "$['a','b']",
    "$.[*].['bucket', 'key']",
    "$.a[?(@.b == 'x)')]",
    "$.a[?(@.price < 10 && @.name =~ /x.*/)]",
    "$[(@.length-1)].bar",
    "$.a.length()",
    "$$.Execution.Id",
    "$$.Map.Item.Value",
    "$$.Task.Token",
    "$customer",
    "$customer.name[0]",
    "$_x",
    "$über.name",
    "$.a-b.c:d",
    "$$.Execution.Name ",
]
INVALID_PATHS = [
    "",
    "a",
    ".a",
    "$.",
    "$..",
    "$.a..",
    "$.a[",
    "$.a[b]",
    "$.a[1:x]",
    "$['a",
    "$.a)",
    "$$23",
    "$.a b",
    "$.a[?@.b]",
    "$.a[?(@.b]",
    "$.a.length().b",
    " $.a",
    "$1",
]


@pytest.mark.parametrize("text", VALID_PATHS)
def test_valid_paths(text: str) -> None:
    path = parse_path(text)
    assert isinstance(path, JsonPath)


@pytest.mark.parametrize("text", INVALID_PATHS)
def test_invalid_paths(text: str) -> None:
    with pytest.raises(PathError):
        parse_path(text)


def test_roots_and_segments() -> None:
    assert parse_path("$").root == "$"
    assert parse_path("$$.Task.Token").root == "$$"
    assert parse_path("$$.Task.Token").names == ("Task", "Token")
    var = parse_path("$order.items[0]")
    assert (var.root, var.variable) == ("var", "order")
    assert [(s.kind, s.value) for s in var.segments] == [("name", "items"), ("index", 0)]
    quoted = parse_path("$['a.b']['c\\'d']")
    assert [s.value for s in quoted.segments] == ["a.b", "c'd"]
    assert parse_path("$..a").segments[0].descent


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("$", True),
        ("$.a.b", True),
        ("$.a[0]['b c']", True),
        ("$.a[*]", False),
        ("$.a.*", False),
        ("$..a", False),
        ("$.a[0:1]", False),
        ("$.a[0,1]", False),
        ("$.a[?(@.b)]", False),
        ("$.a.length()", False),
    ],
)
def test_reference_paths(text: str, reference: bool) -> None:
    assert parse_path(text).is_reference is reference


def test_error_offsets() -> None:
    with pytest.raises(PathError) as caught:
        parse_path("$.a)")
    assert caught.value.offset == 3


def test_intrinsic_calls() -> None:
    call = parse_intrinsic("States.Format('Hello {} \\'x\\' \\{\\}', $.name, 1, -2.5, true, false, null)")
    assert call.name == "States.Format"
    values = [a.value for a in call.arguments if isinstance(a, Literal)]
    assert values == ["Hello {} 'x' {}", 1, -2.5, True, False, None]
    assert isinstance(call.arguments[1], JsonPath)
    nested = parse_intrinsic("States.ArrayLength(States.Array($.a, States.UUID()))")
    assert [c.name for c in nested.walk()] == ["States.ArrayLength", "States.Array", "States.UUID"]
    assert [p.text for p in nested.paths()] == ["$.a"]
    assert parse_intrinsic("States.UUID()").arguments == ()
    assert parse_intrinsic("States.Array( 1 ,2 )  ").arguments == (Literal(1, "1"), Literal(2, "2"))
    assert parse_intrinsic("States.Format('{}', $$.Execution.Name)").paths()[0].root == "$$"
    assert parse_intrinsic("States.Format('{}', $var)").paths()[0].variable == "var"


@pytest.mark.parametrize(
    "text",
    [
        "States.",
        "States.UUID(",
        "States.UUID",
        "States.Format('a'",
        "States.Format('a)",
        "States.Format($.a $.b)",
        "States.Format('a',)",
        "States.Format(,)",
        "States.Format('x\\\"y')",
        "States.Format('x\\ny')",
        "States.MathAdd(1, two)",
        "States.UUID() x",
        " States.UUID()",
        "Format('x')",
    ],
)
def test_invalid_calls(text: str) -> None:
    with pytest.raises(PathError):
        parse_intrinsic(text)


def test_parse_expression() -> None:
    assert isinstance(parse_expression("$.a"), JsonPath)
    assert isinstance(parse_expression("States.UUID()"), Call)
    for text in ("", "a", " $.a", " States.UUID()", "prod-v1"):
        with pytest.raises(PathError):
            parse_expression(text)


@pytest.mark.parametrize(
    ("template", "count", "text"),
    [
        ("", 0, ""),
        ("{}", 1, "{}"),
        ("a {} b {}", 2, "a {} b {}"),
        ("\\{\\}", 0, "{}"),
        ("\\{}", 0, "{}"),
        ("{\\}", 0, "{}"),
        ("it\\'s {}", 1, "it's {}"),
    ],
)
def test_format_placeholders(template: str, count: int, text: str) -> None:
    assert unescape_format(template) == (count, text)


# -- properties ------------------------------------------------------------------------------------

_names = st.text(alphabet=st.characters(blacklist_characters=".[]()'\",\\ \t\n\r*", min_codepoint=33), min_size=1)
_quoted = st.text(alphabet=st.characters(blacklist_characters="'\\", min_codepoint=32), max_size=6)
_segments = st.one_of(
    _names.map(lambda n: "." + n),
    _quoted.map(lambda n: "['" + n + "']"),
    st.integers(-5, 50).map(lambda i: f"[{i}]"),
    st.just("[*]"),
    st.just(".*"),
    _names.map(lambda n: ".." + n),
    st.tuples(st.integers(0, 5), st.integers(0, 5)).map(lambda t: f"[{t[0]}:{t[1]}]"),
)
_roots = st.sampled_from(["$", "$$", "$var", "$_x1"])
paths = st.tuples(_roots, st.lists(_segments, max_size=5)).map(lambda t: t[0] + "".join(t[1]))


def _string_literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("{", "\\{").replace("}", "\\}")
    return "'" + escaped + "'"


_literals = st.one_of(
    st.text(max_size=6).map(_string_literal),
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["true", "false", "null", "1.5", "-0.25"]),
)


def _call(args: list[str]) -> str:
    return "States.Array(" + ", ".join(args) + ")"


calls = st.recursive(
    st.lists(st.one_of(_literals, paths), max_size=3).map(_call),
    lambda inner: st.lists(st.one_of(_literals, paths, inner), max_size=3).map(_call),
    max_leaves=8,
)


@given(paths)
def test_generated_paths_parse(text: str) -> None:
    path = parse_path(text)
    assert path.text == text


@given(calls)
@settings(max_examples=200)
def test_generated_calls_parse(text: str) -> None:
    call = parse_intrinsic(text)
    assert call.text == text
    assert all(isinstance(c, Call) for c in call.walk())


@given(st.text(max_size=6))
def test_string_literals_round_trip(value: str) -> None:
    call = parse_intrinsic(f"States.StringToJson({_string_literal(value)})")
    literal = call.arguments[0]
    assert isinstance(literal, Literal)
    assert literal.value == value


_noise = st.text(alphabet="$.[]()'\",*?@:-_ aS0\\{}", max_size=20)


@given(st.one_of(_noise, _noise.map(lambda t: "$" + t), _noise.map(lambda t: "States.Format(" + t)))
@settings(max_examples=500)
def test_never_crashes(text: str) -> None:
    """Any text either parses or raises PathError with an offset inside (or at the end of) it."""
    for parse in (parse_path, parse_intrinsic, parse_expression):
        try:
            parse(text)
        except PathError as error:
            assert 0 <= error.offset <= len(text)


# -- the rules on generated values ----------------------------------------------------------------


def _findings(parameters: dict[str, object], **fields: object) -> set[str]:
    import json

    from test_rule_fixtures import lint

    state = {"Type": "Pass", "Parameters": parameters, **fields, "End": True}
    data = json.dumps({"StartAt": "S", "States": {"S": state}}).encode()
    return {f.rule for f in lint("generated.asl.json", data) if f.rule.startswith(("ASL3", "LNT"))}


@given(st.one_of(paths, calls))
@settings(max_examples=60, deadline=None)
def test_valid_expressions_raise_no_syntax_finding(text: str) -> None:
    # variables are read but never assigned: only ASL313 may speak
    assert _findings({"value.$": text}, InputPath=text if text.startswith("$") else "$") <= {"ASL310", "ASL313"}


@given(st.one_of(_noise, _noise.map(lambda t: "$" + t), _noise.map(lambda t: "States.Format(" + t)))
@settings(max_examples=60, deadline=None)
def test_the_rules_never_crash(text: str) -> None:
    found = _findings({"value.$": text, "literal": text}, InputPath=text, ResultPath=text)
    assert "LNT001" not in found
