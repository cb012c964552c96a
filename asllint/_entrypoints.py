"""A small, fast reader of installed entry points.

``importlib.metadata`` parses e-mail headers and imports a dozen modules (~20 ms) before it
can list one entry point; asllint runs on every commit and every keystroke, so it reads the
``entry_points.txt`` files of the distributions on ``sys.path`` directly.  Like
``importlib.metadata``, the first distribution of a name on ``sys.path`` wins.
"""

from __future__ import annotations

import os
import sys

_META_SUFFIXES = (".dist-info", ".egg-info")


def _normalize(name: str) -> str:
    return name.replace("-", "_").replace(".", "_").lower()


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of section ``[group]`` of an entry_points.txt file."""
    found: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def _name_version(path: str) -> tuple[str, str]:
    """Distribution name and version from the metadata headers (``METADATA`` or ``PKG-INFO``)."""
    folder = os.path.basename(path)
    stem = folder.rsplit(".", 1)[0]
    name, _, version = stem.partition("-")
    for header_file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(path, header_file), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, _, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version or "?"


def entry_points(group: str, path: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    """``(entry point name, value, distribution, version)`` for every entry point of ``group``."""
    seen: set[str] = set()
    found: list[tuple[str, str, str, str]] = []
    for entry in sys.path if path is None else path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue  # a zip file or a missing folder: nothing installed there for us
        for folder in sorted(names):
            if not folder.endswith(_META_SUFFIXES):
                continue
            key = _normalize(folder.rsplit(".", 1)[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            meta = os.path.join(entry or ".", folder)
            try:
                with open(os.path.join(meta, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if f"[{group}]" not in text:
                continue
            dist, version = _name_version(meta)  # headers read only for our group's plugins
            found.extend((name, value, dist, version) for name, value in _parse(text, group))
    return found
