"""YAML documents, read safely: PyYAML composes a node tree (no object construction) and the
values are built here, recording every node so that spans are exact.

CloudFormation short-form tags are read as the function objects they abbreviate, as
CloudFormation does: ``!Ref X`` is ``{"Ref": "X"}``, ``!GetAtt A.B`` is
``{"Fn::GetAtt": ["A", "B"]}``, ``!Sub s`` is ``{"Fn::Sub": "s"}`` and so on.  Rules treat such
objects as values known only at deployment (:func:`asllint.document.is_placeholder`).  Any other
local tag is read as the plain value it tags.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from asllint.document import Document, DuplicateKey, Path, SourceText
from asllint.parse import LoadFailure

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = SafeConstructor()
# Scalars built as YAML types; every other tag (timestamps, binary, local tags) stays a string,
# as it would in the JSON the state machine is sent as.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_BOOL = "tag:yaml.org,2002:bool"
# YAML 1.2's booleans (the core schema that js-yaml, used by the Serverless Framework, reads);
# keys are always read as written, so `Yes:` and `Next: Yes` must agree.
_BOOL_WORDS = {"true", "True", "TRUE", "false", "False", "FALSE"}
#: CloudFormation's short-form tags and the function each abbreviates
CFN_TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in (
            "Base64",
            "Cidr",
            "FindInMap",
            "ForEach",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Length",
            "Select",
            "Split",
            "Sub",
            "ToJsonString",
            "Transform",
            "And",
            "Equals",
            "If",
            "Not",
            "Or",
        )
    },
}
#: Values built before a document is refused (aliases can expand exponentially).
MAX_NODES = 2_000_000


class _TooLarge(Exception):
    pass


class YamlLocator:
    """Spans from the composed node tree: ``path -> (key node, value node)``."""

    __slots__ = ("nodes", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes: dict[Path, list[tuple[yaml.Node | None, yaml.Node]]] = {}

    def locate(self, path: Path, *, key: bool = False, occurrence: int = -1) -> tuple[int, int]:
        entries = self.nodes.get(path)
        if not entries:
            raise LookupError(path)
        key_node, value_node = entries[occurrence]
        node = key_node if key and key_node is not None else value_node
        return node.start_mark.index, _end(node, self.text)


def _end(node: yaml.Node, text: str) -> int:
    # A block collection's end mark is the next token (after blank lines, comments and the next
    # line's indentation): it ends where its last value ends.
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = int(node.end_mark.index)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        # a block scalar's end mark is past its trailing line breaks
        end = max(len(text[:end].rstrip()), int(node.start_mark.index))
    return end


class _Builder:
    def __init__(self, text: str) -> None:
        self.locator = YamlLocator(text)
        self.duplicates: list[DuplicateKey] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path, key_node: yaml.Node | None, *, record: bool = True) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if record:
            self.locator.nodes.setdefault(path, []).append((key_node, node))
        function = CFN_TAGS.get(node.tag) if node.tag[:1] == "!" else None
        if function is not None:
            return {function: self._function(function, node, (*path, function), record)}
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            seen: dict[str, int] = {}
            for k_node, v_node in node.value:
                if isinstance(k_node, yaml.ScalarNode):
                    key = str(k_node.value)
                else:  # a complex key (`? [a, b]`): its text, not recorded as a value at any path
                    key = str(self.build(k_node, (), None, record=False))
                seen[key] = seen.get(key, 0) + 1
                result[key] = self.build(v_node, (*path, key), k_node, record=record)
            self.duplicates.extend(DuplicateKey(path, k, n) for k, n in seen.items() if n > 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), None, record=record) for i, item in enumerate(node.value)]
        return self._plain(node)

    def _function(self, function: str, node: yaml.Node, path: Path, record: bool) -> Any:
        """The argument of a short-form tag, recorded at ``path`` (on the tag's own node)."""
        if record:
            self.locator.nodes.setdefault(path, []).append((None, node))
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if function == "Fn::GetAtt":  # !GetAtt Resource.Attribute
                resource, _, attribute = value.partition(".")
                return [resource, attribute]
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), None, record=record) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for k_node, v_node in node.value:
            key = (
                str(k_node.value)
                if isinstance(k_node, yaml.ScalarNode)
                else str(self.build(k_node, (), None, record=False))
            )
            result[key] = self.build(v_node, (*path, key), k_node, record=record)
        return result

    def _plain(self, node: yaml.Node) -> Any:
        if node.tag == _BOOL and node.value not in _BOOL_WORDS:
            return str(node.value)  # YAML 1.1's yes/no/on/off: state names such as `Next: Yes` stay strings
        if node.tag in _PLAIN_TAGS:
            return _CONSTRUCTOR.construct_object(node)
        return str(node.value)


def load_yaml(name: str, source: SourceText) -> Document | LoadFailure:
    """Parse YAML ``source`` into a document (one YAML document per file)."""
    try:
        node = yaml.compose(source.text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and problem.startswith("but "):  # PyYAML splits "expected X" / "but found Y"
            problem = f"{exc.context}, {problem}"
        offset = mark.index if mark is not None else 0
        return LoadFailure("ASL002", f"invalid YAML: {problem}; fix the syntax at this position", source, offset)
    except yaml.YAMLError as exc:
        return LoadFailure("ASL002", f"invalid YAML: {exc}", source, 0)
    if node is None:
        return LoadFailure(
            "ASL003", "the file holds no YAML document; a state machine definition is a mapping", source, 0
        )
    builder = _Builder(source.text)
    try:
        value = builder.build(node, (), None)
    except _TooLarge:
        return LoadFailure("ASL002", "invalid YAML: aliases expand to more values than asllint reads", source, 0)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return LoadFailure("ASL002", f"invalid YAML: {exc}", source, node.start_mark.index)
    duplicates = sorted(builder.duplicates, key=lambda d: [str(p) for p in d.path])
    return Document(name, source, value, "yaml", builder.locator, duplicates)
