"""The Terraform (HCL) reader: values, spans, syntax errors, and no exception on any text."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asllint.document import Document, SourceText
from asllint.parse import LoadFailure
from asllint.parse.hcl import load_hcl


def _read(text: str) -> Document | LoadFailure:
    return load_hcl("main.tf", SourceText(text))


def _value(text: str) -> Any:
    document = _read(text)
    assert isinstance(document, Document), getattr(document, "message", "")
    return document.value


REALISTIC = """\
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

variable "env" {
  type    = string
  default = "dev" # a comment
}

/* a block comment { with braces } */
locals {
  names   = [for s in var.steps : upper(s)]
  by_name = { for k, v in var.map : k => v if v != null }
  tags    = merge(var.tags, { Name = "flow-${var.env}" })
  count   = var.enabled ? 1 : 0
  splat   = aws_lambda_function.fns[*].arn
  neg     = -1
  float   = 1.5e3
  text    = "a \\"quoted\\" %%{not a directive} $${not interpolated}"
  multi   = "${var.a}-${format("%s", var.b)}"
}

resource "aws_iam_role" "flow" {
  name = "flow"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
    }]
  })

  dynamic "inline_policy" {
    for_each = var.policies
    content {
      name   = inline_policy.key
      policy = inline_policy.value
    }
  }

  lifecycle {
    ignore_changes = [tags]
  }
}

resource "aws_sfn_state_machine" "flow" {
  name     = "flow-${var.env}"
  role_arn = aws_iam_role.flow.arn
  type     = "STANDARD"

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.flow.arn}:*"
    include_execution_data = true
    level                  = "ALL"
  }

  definition = <<-EOT
    {
      "StartAt": "A",
      "States": {"A": {"Type": "Succeed"}}
    }
  EOT
}
"""


def test_a_realistic_file() -> None:
    value = _value(REALISTIC)
    assert value["variable"]["env"] == {"type": "${string}", "default": "dev"}
    local = value["locals"]
    assert local["names"].startswith("${[for s in var.steps")  # whitespace collapsed
    assert local["by_name"].startswith("${{ for k, v in var.map")
    assert local["tags"] == {"Fn::merge": ["${var.tags}", {"Name": "flow-${var.env}"}]}
    assert local["count"] == "${var.enabled ? 1 : 0}"
    assert local["splat"] == "${aws_lambda_function.fns[*].arn}"
    assert (local["neg"], local["float"]) == (-1, 1500.0)
    assert local["text"] == 'a "quoted" %{not a directive} ${not interpolated}'
    assert local["multi"] == '${var.a}-${format("%s", var.b)}'
    role = value["resource"]["aws_iam_role"]["flow"]
    assert role["assume_role_policy"]["Fn::jsonencode"][0]["Statement"][0]["Principal"] == {
        "Service": "states.amazonaws.com"
    }
    assert role["dynamic"]["inline_policy"]["content"]["name"] == "${inline_policy.key}"
    machine = value["resource"]["aws_sfn_state_machine"]["flow"]
    assert machine["definition"] == '{\n  "StartAt": "A",\n  "States": {"A": {"Type": "Succeed"}}\n}\n'
    assert machine["logging_configuration"]["level"] == "ALL"


def test_every_value_has_its_span() -> None:
    document = _read(REALISTIC)
    assert isinstance(document, Document)
    for path, expected in [
        (("resource", "aws_sfn_state_machine", "flow", "type"), '"STANDARD"'),
        (("locals", "neg"), "-1"),
        (("resource", "aws_iam_role", "flow", "assume_role_policy", "Fn::jsonencode", 0, "Version"), '"2012-10-17"'),
    ]:
        span = document.span(path)
        assert REALISTIC[span.start.offset : span.end.offset] == expected
    key = document.span(("locals", "count"), key=True)
    assert REALISTIC[key.start.offset : key.end.offset] == "count"


def test_heredoc_code_points_map_to_their_source() -> None:
    document = _read(REALISTIC)
    assert isinstance(document, Document)
    path = ("resource", "aws_sfn_state_machine", "flow", "definition")
    offsets = document.locator.char_offsets(path)  # type: ignore[attr-defined]
    text = document.value["resource"]["aws_sfn_state_machine"]["flow"]["definition"]
    assert offsets is not None and len(offsets) == len(text)
    assert all(REALISTIC[o] == c for o, c in zip(offsets, text, strict=True) if c != "\n")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('a = "open\n', 1, "not closed"),
        ("a = <<EOF\nno end\n", 1, "heredoc EOF is not closed"),
        ("block {\n  a = 1\n", 3, "expected '}'"),
        ("a = [1, 2\n", 1, "is not closed"),
        ("= 1\n", 1, "expected an attribute or a block"),
        ('a = "\\q"\n', 1, "unknown escape"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, words: str) -> None:
    failure = _read(text)
    assert isinstance(failure, LoadFailure)
    assert failure.rule_id == "ASL002" and words in failure.message
    assert failure.source is not None and failure.offset is not None
    assert failure.source.position(failure.offset).line == line


@given(st.text(alphabet=st.sampled_from(list('ab={}[]()"$%<>-#/*\\\n ,.:?!0123456789EOF')), max_size=80))
@settings(max_examples=400, deadline=None)
def test_any_text_is_read_or_refused_never_raises(text: str) -> None:
    result = _read(text)
    assert isinstance(result, (Document, LoadFailure))


# -- agreement with python-hcl2, a maintained HCL parser (it keeps no positions) ---------------

AGREEMENT = [
    REALISTIC,
    'resource "aws_sfn_state_machine" "a" {\n  definition = jsonencode({StartAt = "A", States = {}})\n}\n',
    'resource "aws_sfn_state_machine" "b" {\n  definition = <<-EOT\n    {"StartAt": "B"}\n  EOT\n  type = "EXPRESS"\n}\n',
    'variable "x" {}\nresource "aws_iam_role" "r" {\n  name = "r" # c\n  tags = { a = 1 }\n}\n',
]


def _their_resources(value: dict[str, Any]) -> dict[tuple[str, str], set[str]]:
    """Each resource block python-hcl2 reads, with the names in its body (attributes and
    nested blocks)."""
    found: dict[tuple[str, str], set[str]] = {}
    for item in value.get("resource", []):
        for kind, named in item.items():
            for name, body in named.items():
                found[kind.strip('"'), name.strip('"')] = {k for k in body if not k.startswith("__")}
    return found


def _our_resources(value: dict[str, Any]) -> dict[tuple[str, str], set[str]]:
    return {
        (kind, name): set(body) for kind, named in value.get("resource", {}).items() for name, body in named.items()
    }


@pytest.mark.parametrize("text", AGREEMENT)
def test_blocks_and_attributes_agree_with_python_hcl2(text: str) -> None:
    hcl2 = pytest.importorskip("hcl2")
    assert _our_resources(_value(text)) == _their_resources(hcl2.loads(text))


@pytest.mark.parametrize("text", ['a = "open\n', "block {\n  a = 1\n", "a = [1, 2\n"])
def test_files_python_hcl2_refuses_we_refuse(text: str) -> None:
    hcl2 = pytest.importorskip("hcl2")
    with pytest.raises(Exception):  # noqa: B017 - the parser's own exception types
        hcl2.loads(text)
    assert isinstance(_read(text), LoadFailure)


# -- positions against tree-sitter-hcl, a maintained HCL grammar that keeps them --------------

POSITIONS = [
    *AGREEMENT,
    'resource "aws_sfn_state_machine" "c" {\n  definition = jsonencode({\n    Comment = "é ünïcode"\n'
    '    States  = { A = { Type = "Pass", End = true } }\n    List    = [1, "two", { x = null }]\n  })\n'
    '  role_arn = aws_iam_role.r.arn\n  name = "a-${var.env}"\n}\n',
    'locals {\n  m = { "quoted key" = 1, plain = [true, false] }\n}\n',
    # repeated blocks: a list, each block and its attributes at their own index
    'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["a:B"]\n  }\n  statement {\n'
    '    actions   = ["c:*"]\n    resources = ["*"]\n    condition {\n      test = "Bool"\n    }\n  }\n'
    '  statement {\n    sid = "third"\n  }\n}\n',
]


def _their_spans(text: str) -> dict[tuple[Any, ...], tuple[int, int]]:
    """``path -> (start, end)`` in characters for the blocks, attributes, object members, tuple
    items and function arguments tree-sitter-hcl reads, with paths as our reader builds them."""
    tree_sitter = pytest.importorskip("tree_sitter")
    grammar = pytest.importorskip("tree_sitter_hcl")
    data = text.encode()
    chars = [0] * (len(data) + 1)  # byte offset -> character offset
    position = 0
    for index, char in enumerate(text):
        width = len(char.encode())
        for byte in range(position, position + width):
            chars[byte] = index
        position += width
    chars[len(data)] = len(text)
    tree = tree_sitter.Parser(tree_sitter.Language(grammar.language())).parse(data)
    found: dict[tuple[Any, ...], tuple[int, int]] = {}

    def span(node: Any) -> tuple[int, int]:
        return chars[node.start_byte], chars[node.end_byte]

    def label(node: Any) -> str:
        raw = data[node.start_byte : node.end_byte].decode()
        return raw[1:-1] if raw.startswith('"') else raw

    def body(node: Any, path: tuple[Any, ...]) -> None:
        names = [
            (*path, *(label(c) for c in block.named_children if c.type in ("identifier", "string_lit")))
            for block in node.named_children
            if block.type == "block"
        ]
        repeats = Counter(name for name in names if len(name) == len(path) + 1)  # unlabelled blocks
        seen: Counter[tuple[Any, ...]] = Counter()
        for child in node.named_children:
            if child.type == "attribute":
                name, value = child.named_children[0], child.named_children[-1]
                expression((*path, label(name)), value)
            elif child.type == "block":
                labels = [c for c in child.named_children if c.type in ("identifier", "string_lit")]
                inner = (*path, *(label(c) for c in labels))
                if repeats[inner] > 1:  # repeated blocks of one name are a list
                    inner = (*inner, seen[inner])
                    seen[inner[:-1]] += 1
                nested = [c for c in child.named_children if c.type == "body"]
                if nested:
                    body(nested[0], inner)

    def expression(path: tuple[Any, ...], node: Any) -> None:
        found[path] = span(node)
        inner = node.named_children[0] if node.type == "expression" and node.named_child_count == 1 else None
        if inner is None:
            return
        if inner.type == "collection_value":
            collection = inner.named_children[0]
            if collection.type == "object":
                for element in collection.named_children:
                    if element.type == "object_elem":
                        key, value = element.named_children[0], element.named_children[-1]
                        expression((*path, label(key)), value)
            elif collection.type == "tuple":
                for index, item in enumerate(c for c in collection.named_children if c.type == "expression"):
                    expression((*path, index), item)
        elif inner.type == "function_call":
            name = label(inner.named_children[0])
            arguments = [c for c in inner.named_children if c.type == "function_arguments"]
            items = [c for c in arguments[0].named_children if c.type == "expression"] if arguments else []
            for index, item in enumerate(items):
                expression((*path, f"Fn::{name}", index), item)

    body(tree.root_node.named_children[0], ())
    return found


@pytest.mark.parametrize("text", POSITIONS)
def test_every_span_agrees_with_tree_sitter_hcl(text: str) -> None:
    document = _read(text)
    assert isinstance(document, Document)
    theirs = _their_spans(text)
    ours = {path: document.locator.locate(path) for path in theirs if path in document.locator.spans}
    assert set(ours) == set(theirs), sorted(set(theirs) - set(ours), key=str)[:10]
    assert ours == {path: theirs[path] for path in ours}


_SCALARS = st.one_of(
    st.integers(-999, 999).map(str),
    st.sampled_from(["1.5", "true", "false", "null", "var.x", "local.y[0]", "aws_iam_role.r.arn"]),
    st.text(alphabet="abc é-_/:", max_size=8).map(lambda s: f'"{s}"'),
    st.sampled_from(['"a-${var.env}"', '"x\\"y"', '"tab\\there"']),
)
_KEYS = st.sampled_from(["a", "b2", "StartAt", '"quoted key"', "k_k"])
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(_KEYS, inner, max_size=3).map(
            lambda members: "{ " + ", ".join(f"{k} = {v}" for k, v in members.items()) + " }"
        ),
        st.tuples(st.sampled_from(["jsonencode", "merge", "lower"]), st.lists(inner, min_size=1, max_size=2)).map(
            lambda call: f"{call[0]}({', '.join(call[1])})"
        ),
    ),
    max_leaves=8,
)
_TAILS = st.sampled_from(["", "  ", " # note", " // note", "\t"])


@given(
    st.lists(st.tuples(st.sampled_from(["name", "definition", "tags", "x"]), _VALUES, _TAILS), min_size=1, max_size=4)
)
@settings(max_examples=150, deadline=None)
def test_generated_files_agree_with_tree_sitter_hcl(attributes: list[tuple[str, str, str]]) -> None:
    lines = {name: f"  {name} = {value}{tail}" for name, value, tail in attributes}  # one per name
    text = 'resource "aws_sfn_state_machine" "g" {\n' + "\n".join(lines.values()) + "\n}\n"
    document = _read(text)
    assert isinstance(document, Document), text
    theirs = _their_spans(text)
    ours = {path: document.locator.locate(path) for path in theirs if path in document.locator.spans}
    assert ours == theirs, text
