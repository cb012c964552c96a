"""Turn the bytes of one file into a :class:`~asllint.document.Document`, or a located failure.

The loaders never raise for bad input: everything a user can get wrong in a file (bytes that
are not UTF-8, an empty file, JSON or YAML syntax) comes back as a :class:`LoadFailure` that
the engine reports as a finding with its own rule id.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asllint.document import SourceText

if TYPE_CHECKING:
    from collections.abc import Callable

    from asllint.document import Document

_FIRST = re.compile(r"\S")

#: File name endings read as YAML; everything else that is not sniffed as YAML is JSON.
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file that could not be turned into a document.

    :param rule_id:
        The input rule that reports it (``ASL001`` JSON syntax, ``ASL002`` YAML syntax,
        ``ASL003`` empty file, ``ASL004`` undecodable bytes, ``ASL005`` unreadable file).
    :param message:
        What is wrong and what to change.
    :param source:
        The decoded text, when there is one (for the line shown under the finding).
    :param offset:
        Code-point offset of the problem in ``source``; ``None`` places it at 1:1.
    """

    rule_id: str
    message: str
    source: SourceText | None = None
    offset: int | None = None


def decode(data: bytes) -> SourceText | LoadFailure:
    """Decode UTF-8 ``data`` (a leading byte order mark is dropped from the text)."""
    skipped = 0
    if data.startswith(codecs.BOM_UTF8):
        skipped = len(codecs.BOM_UTF8)
        data = data[skipped:]
    try:
        return SourceText(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        good = SourceText(data[: exc.start].decode("utf-8"))
        bad = data[exc.start : exc.start + 4].hex(" ")
        hint = ""
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            hint = " (the file starts with a UTF-16 byte order mark)"
        return LoadFailure(
            "ASL004",
            f"the file is not valid UTF-8{hint}: byte {exc.start + skipped} ({bad}) cannot be decoded; save the file as UTF-8",
            good,
            len(good.text),
        )


def detect_format(name: str, text: str) -> str:
    """``"yaml"`` for ``*.yaml``/``*.yml`` names, ``"hcl"`` for Terraform's ``*.tf``, ``"json"`` for
    other names that look like JSON.

    A name with neither ending is sniffed: text whose first non-blank character opens a JSON
    object or array is JSON, anything else YAML.
    """
    lowered = name.lower()
    if lowered.endswith(YAML_SUFFIXES):
        return "yaml"
    if lowered.endswith(".tf"):
        return "hcl"
    if lowered.endswith(".json"):
        return "json"
    match = _FIRST.search(text)  # not text.lstrip(): that copies a whole large file
    first = match.group(0) if match else ""
    return "json" if first in ("{", "[") or not first else "yaml"


def load(name: str, data: bytes | Callable[[], bytes], fmt: str | None = None) -> Document | LoadFailure:
    """Decode and parse the contents of file ``name``.

    :param data:
        The bytes, or a function that reads them; with a function the bytes are dropped as
        soon as they are decoded, which lowers the peak memory of a large file by its size.
        An ``OSError`` from it is reported as ``ASL005``.
    :param fmt:
        ``"json"`` or ``"yaml"``; ``None`` chooses by name and content (:func:`detect_format`).
    """
    if callable(data):
        try:
            source = decode(data())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return LoadFailure("ASL005", f"the file cannot be read: {reason}; check the path and its permissions")
    else:
        source = decode(data)
    if isinstance(source, LoadFailure):
        return source
    if not source.text or source.text.isspace():
        return LoadFailure("ASL003", "the file is empty; a state machine definition is a JSON object", source, 0)
    fmt = fmt or detect_format(name, source.text)
    if fmt == "hcl":
        from asllint.parse.hcl import load_hcl

        return load_hcl(name, source)
    if fmt == "yaml":
        from asllint.parse.yaml import load_yaml  # PyYAML is imported only when a YAML file is read

        return load_yaml(name, source)
    from asllint.parse.json import load_json

    return load_json(name, source)
