"""The loaders: positions in awkward texts, duplicate keys, YAML, and every located failure."""

from __future__ import annotations

import codecs
import json
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from strategies import json_values, paths

from asllint.document import Document, Position
from asllint.parse import LoadFailure, detect_format, load


def load_ok(name: str, data: bytes) -> Document:
    document = load(name, data)
    assert isinstance(document, Document), document
    return document


def load_failure(name: str, data: bytes) -> tuple[LoadFailure, Position]:
    failure = load(name, data)
    assert isinstance(failure, LoadFailure), failure
    assert failure.source is not None
    assert failure.offset is not None
    return failure, failure.source.position(failure.offset)


def sliced(document: Document, path: tuple[str | int, ...], *, key: bool = False, occurrence: int = -1) -> str:
    span = document.span(path, key=key, occurrence=occurrence)
    return document.source.text[span.start.offset : span.end.offset]


# -- JSON positions --------------------------------------------------------------------------------


def test_bom_and_crlf_positions() -> None:
    text = '{\r\n  "StartAt": "A",\r\n  "States": {\r\n    "A": {"Type": "Succeed"}\r\n  }\r\n}\r\n'
    document = load_ok("m.asl.json", codecs.BOM_UTF8 + text.encode())
    assert document.source.text == text  # the BOM is not part of the text: offsets and columns ignore it
    span = document.span(("States", "A", "Type"))
    assert (span.start.line, span.start.column, span.end.line, span.end.column) == (4, 19, 4, 28)
    assert sliced(document, ("States", "A", "Type")) == '"Succeed"'
    key = document.span(("StartAt",), key=True)
    assert (key.start.line, key.start.column, key.end.column) == (2, 3, 12)
    assert document.source.line_text(4) == '    "A": {"Type": "Succeed"}'


def test_a_lone_carriage_return_ends_a_line() -> None:
    document = load_ok("m.asl.json", b'{"a": 1,\r"b":\r\n2,\n"c": 3}')
    assert document.span(("b",)).start == Position(3, 1, 15)
    assert document.span(("c",)).start == Position(4, 6, 23)
    assert document.span(("b",), key=True).start == Position(2, 1, 9)


def test_columns_count_code_points() -> None:
    document = load_ok("m.asl.json", '{"é𝄞": "€", "x": 1}'.encode())
    assert document.span(("x",)).start == Position(1, 18, 17)
    assert sliced(document, ("é𝄞",), key=True) == '"é𝄞"'


def test_duplicate_keys_are_recorded_and_every_occurrence_is_located() -> None:
    text = '{"States": {\n  "A": {"Type": "Pass"},\n  "B": {"Type": "Succeed"},\n  "A": {"Type": "Fail"}\n}}'
    document = load_ok("m.asl.json", text.encode())
    assert document.value["States"]["A"] == {"Type": "Fail"}  # the last one wins, as in json.loads
    assert [(d.path, d.key, d.count) for d in document.duplicates] == [(("States",), "A", 2)]
    first = document.span(("States", "A"), key=True, occurrence=0)
    last = document.span(("States", "A"), key=True)
    assert (first.start.line, first.start.column) == (2, 3)
    assert (last.start.line, last.start.column) == (4, 3)
    assert sliced(document, ("States", "A")) == '{"Type": "Fail"}'
    assert sliced(document, ("States", "A"), occurrence=0) == '{"Type": "Pass"}'
    assert sliced(document, ("States", "A", "Type")) == '"Fail"'  # paths below follow the kept value


def test_nested_duplicates_are_found_at_their_path() -> None:
    document = load_ok("m.asl.json", b'[{"a": {"b": 1, "b": 2, "b": 3}}, {"c": 0, "c": 0}]')
    assert [(d.path, d.key, d.count) for d in document.duplicates] == [((0, "a"), "b", 3), ((1,), "c", 2)]
    assert [sliced(document, (0, "a", "b"), occurrence=i) for i in range(3)] == ["1", "2", "3"]


# -- JSON failures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "position", "words"),
    [
        (b'{\n  // a comment\n  "StartAt": "A"\n}', (2, 3), "comments are not allowed"),
        (b'{"StartAt": "A" /* why */}', (1, 17), "comments are not allowed"),
        (b'{\n  "StartAt": "A",\n}', (2, 17), "trailing comma"),
        (b'{"a": [1, 2, ]}', (1, 12), "trailing comma"),
        (b"{'StartAt': 'A'}", (1, 2), "double quotes"),
        (b'{"Seconds": NaN}', (1, 13), "NaN is not a JSON value"),
        (b'{"NaN": "NaN",\n "Seconds": -Infinity}', (2, 13), "-Infinity is not a JSON value"),
        (b'{"StartAt" "A"}', (1, 12), "expecting ':' delimiter"),
        (b'{"StartAt": "A"} {}', (1, 18), "extra data"),
    ],
)
def test_json_syntax_errors_are_located_and_named(data: bytes, position: tuple[int, int], words: str) -> None:
    failure, where = load_failure("m.asl.json", data)
    assert failure.rule_id == "ASL001"
    assert failure.message.startswith("invalid JSON: ")
    assert words in failure.message
    assert (where.line, where.column) == position


def test_deep_nesting_is_a_failure_not_a_crash() -> None:
    failure, _ = load_failure("m.asl.json", b"[" * 100_000 + b"]" * 100_000)
    assert failure.rule_id == "ASL001"


@pytest.mark.parametrize("data", [b"", b" \r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
@pytest.mark.parametrize("name", ["m.asl.json", "m.asl.yaml", "m"])
def test_empty_files(name: str, data: bytes) -> None:
    failure, where = load_failure(name, data)
    assert failure.rule_id == "ASL003"
    assert (where.line, where.column) == (1, 1)


def test_yaml_with_only_a_comment_is_empty() -> None:
    failure, _ = load_failure("m.asl.yaml", b"# nothing here\n")
    assert failure.rule_id == "ASL003"


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (b'{\n  "Comment": "Caf\xe9"\n}', (2, 18)),
        (codecs.BOM_UTF8 + b'{\n  "Comment": "\xc3\xa9t\xc3\xa9 \xff"\n}', (2, 19)),
        (b"StartAt: A\nComment: \x80\n", (2, 10)),
    ],
)
def test_undecodable_bytes_are_located(data: bytes, position: tuple[int, int]) -> None:
    failure, where = load_failure("m.asl.json", data)
    assert failure.rule_id == "ASL004"
    assert (where.line, where.column) == position
    assert "not valid UTF-8" in failure.message


def test_utf16_files_are_named_as_such() -> None:
    failure, where = load_failure("m.asl.json", '{"StartAt": "A"}'.encode("utf-16"))
    assert failure.rule_id == "ASL004"
    assert "UTF-16" in failure.message
    assert (where.line, where.column) == (1, 1)


def test_format_detection() -> None:
    assert detect_format("a.ASL.YML", "{}") == "yaml"
    assert detect_format("a.json", "StartAt: A") == "json"
    assert detect_format("-", '  \n{"a": 1}') == "json"
    assert detect_format("-", "StartAt: A") == "yaml"
    document = load_ok("definition", b"StartAt: A\nStates: {}\n")
    assert document.format == "yaml"


# -- YAML ------------------------------------------------------------------------------------------

YAML = """\
Comment: a machine
StartAt: Train
States:
  Train:
    Type: Task
    Resource: arn:aws:states:::sagemaker:createTrainingJob.sync
    Parameters:
      TrainingJobName.$: $.name
      Tags: [{Key: a, Value: "1"}, {Key: b, Value: '2'}]
    Next: Done

  # the end
  Done:
    Type: Succeed
    Comment: |
      two
      lines
  Fan:
    Type: Parallel
    Branches:
    - StartAt: X
      States:
        X: {Type: Succeed}
    - StartAt: "Y"
      States:
        "Y":
          Type: Succeed
"""


def test_yaml_values_and_positions() -> None:
    document = load_ok("m.asl.yaml", YAML.encode())
    assert document.value == yaml.safe_load(YAML)
    assert document.format == "yaml"
    cases: dict[tuple[str | int, ...], tuple[tuple[int, int, int, int], str]] = {
        ("StartAt",): ((2, 10, 2, 15), "Train"),
        ("States", "Train", "Parameters", "TrainingJobName.$"): ((8, 26, 8, 32), "$.name"),
        ("States", "Train", "Parameters", "Tags", 1): ((9, 36, 9, 56), "{Key: b, Value: '2'}"),
        ("States", "Train", "Parameters", "Tags", 1, "Value"): ((9, 52, 9, 55), "'2'"),
        ("States", "Train", "Parameters"): ((8, 7, 9, 57), None),  # a block mapping ends with its last value
        ("States", "Done"): ((14, 5, 17, 12), None),  # not past the comment, blank line or next key
        ("States", "Done", "Comment"): ((15, 14, 17, 12), "|\n      two\n      lines"),
        ("States", "Fan", "Branches"): ((21, 5, 27, 24), None),
        ("States", "Fan", "Branches", 0, "States", "X"): ((23, 12, 23, 27), "{Type: Succeed}"),
        ("States", "Fan", "Branches", 1, "StartAt"): ((24, 16, 24, 19), '"Y"'),
    }
    for path, (expected, text) in cases.items():
        span = document.span(path)
        assert (span.start.line, span.start.column, span.end.line, span.end.column) == expected, path
        if text is not None:
            assert sliced(document, path) == text
    key = document.span(("States", "Fan", "Branches", 1, "States", "Y"), key=True)
    assert (key.start.line, key.start.column, key.end.column) == (26, 9, 12)


def test_yaml_root_span_ends_at_the_last_value() -> None:
    document = load_ok("m.asl.yaml", b"a: 1\nb:\n  - x\n\n# trailing comment\n")
    assert sliced(document, ()) == "a: 1\nb:\n  - x"
    assert sliced(document, ("b",)) == "- x"


def test_yaml_complex_keys_do_not_move_other_spans() -> None:
    document = load_ok("m.asl.yaml", b"? [a, b]\n: 1\nc: 2\n")
    assert sliced(document, ()).startswith("? [a, b]")
    assert sliced(document, ("c",)) == "2"


def test_yaml_duplicate_keys() -> None:
    document = load_ok("m.asl.yaml", b"States:\n  A: {Type: Pass}\n  A:\n    Type: Fail\n")
    assert document.value == {"States": {"A": {"Type": "Fail"}}}
    assert [(d.path, d.key, d.count) for d in document.duplicates] == [(("States",), "A", 2)]
    assert document.span(("States", "A"), key=True, occurrence=0).start == Position(2, 3, 10)
    assert document.span(("States", "A"), key=True).start == Position(3, 3, 28)
    assert sliced(document, ("States", "A"), occurrence=0) == "{Type: Pass}"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: !Ref Bucket\n", {"a": {"Ref": "Bucket"}}),
        ("a: !GetAtt [Fn, Arn]\n", {"a": {"Fn::GetAtt": ["Fn", "Arn"]}}),
        ("a: !GetAtt Fn.Arn\n", {"a": {"Fn::GetAtt": ["Fn", "Arn"]}}),
        ("a: !Sub\n  - ${X}\n  - {X: 1}\n", {"a": {"Fn::Sub": ["${X}", {"X": 1}]}}),
        ("a: !Join ['', [x, !Ref Y]]\n", {"a": {"Fn::Join": ["", ["x", {"Ref": "Y"}]]}}),
        ("a: !Local 5\n", {"a": "5"}),
        ("a: !!timestamp 2001-12-14\nb: 2001-12-14\n", {"a": "2001-12-14", "b": "2001-12-14"}),
        ("a: !!binary aGk=\n", {"a": "aGk="}),
        ("a: !!python/object/apply:os.system [echo pwned]\n", {"a": ["echo pwned"]}),
        ("a: !!python/object:builtins.dict {x: 1}\n", {"a": {"x": 1}}),
        ("a: !!python/name:os.system\n", {"a": ""}),
        ("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\n", {"a": 1, "b": 1.5, "c": True, "d": None, "e": "1"}),
        ("base: &b {x: 1}\nother: *b\n", {"base": {"x": 1}, "other": {"x": 1}}),
    ],
)
def test_yaml_tags_are_read_as_plain_values_and_nothing_is_constructed(text: str, value: Any) -> None:
    document = load_ok("m.asl.yaml", text.encode())
    assert document.value == value


def test_yaml_alias_bombs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import asllint.parse.yaml as yaml_parser

    monkeypatch.setattr(yaml_parser, "MAX_NODES", 1000)
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(6)]
    failure, _ = load_failure("m.asl.yaml", "\n".join(lines).encode())
    assert failure.rule_id == "ASL002"
    assert "aliases" in failure.message


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("StartAt: A\n---\nStartAt: B\n", (2, 1), "single document"),
        ("StartAt: A\nStates:\n  A: [1, 2\n", (4, 1), "fix the syntax"),
        ("StartAt: A\n  States: {}\n", (2, 9), "mapping values are not allowed"),
        ("a: *missing\n", (1, 4), "undefined alias"),
        ("a:\n\tb: 1\n", (2, 1), "cannot start any token"),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, position: tuple[int, int], words: str) -> None:
    failure, where = load_failure("m.asl.yaml", text.encode())
    assert failure.rule_id == "ASL002"
    assert failure.message.startswith("invalid YAML: ")
    assert words in failure.message
    assert (where.line, where.column) == position


@given(json_values)
def test_yaml_dumps_of_json_values_read_back(value: Any) -> None:
    text = yaml.safe_dump({"v": value}, allow_unicode=True)
    document = load("m.asl.yaml", text.encode())
    if isinstance(document, LoadFailure):
        # PyYAML writes some strings it cannot read back (e.g. with U+2028 or control characters)
        with pytest.raises(yaml.YAMLError):
            yaml.safe_load(text)
        return
    # PyYAML does not always read back what it wrote (a NEL in a single-quoted scalar folds
    # to a space); asllint is only expected to agree with a faithful round trip
    assume(yaml.safe_load(text) == {"v": value})
    assert document.value == {"v": value}
    for path, expected in paths(value, ("v",)):
        span = document.span(path)
        # the slice, indented back to its column, reads as the value it spans
        snippet = " " * (span.start.column - 1) + document.source.text[span.start.offset : span.end.offset]
        if isinstance(expected, (dict, list)) and not expected:
            continue
        assert yaml.safe_load(snippet) == expected, (path, snippet)


def test_json_file_read_as_json_keeps_json_semantics() -> None:
    document = load_ok("m.asl.json", b'{"a": 1.0, "b": 10000000000000000000000}')
    assert document.value == json.loads('{"a": 1.0, "b": 10000000000000000000000}')


def test_yaml_1_1_booleans_stay_strings_like_the_keys_they_name() -> None:
    text = "StartAt: Ask\nStates:\n  Ask: {Type: Choice, Choices: [{Variable: $.a, BooleanEquals: true, Next: Yes}], Default: No}\n  Yes: {Type: Succeed, End: True}\n  No: {Type: Fail, X: [on, off, y, n, FALSE]}\n"
    document = load_ok("m.asl.yaml", text.encode())
    states = document.value["States"]
    assert set(states) == {"Ask", "Yes", "No"}
    assert states["Ask"]["Choices"][0] == {"Variable": "$.a", "BooleanEquals": True, "Next": "Yes"}
    assert states["Ask"]["Default"] == "No"
    assert states["Yes"]["End"] is True
    assert states["No"]["X"] == ["on", "off", "y", "n", False]
