"""``--format junit``: JUnit XML, for CI systems that show test reports.

One ``<testsuite>`` per file with findings and one failing ``<testcase>`` per finding.  A run
without findings is one passing test case named ``asllint``, so the CI still sees a test ran.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from asllint.reporters import Reporter

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.reporters import Summary

# characters XML 1.0 cannot carry, even escaped (a state name may hold "\u0000")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    """Findings grouped by file as failing test cases."""

    def start(self) -> None:
        self._suites: dict[str, list[ET.Element]] = {}

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        where = f"{finding.line}:{finding.column}"
        name = f"{finding.rule} {finding.name} at {where}"
        if finding.path:
            name += f" ({finding.path})"
        case = ET.Element("testcase", classname=_xml(finding.file), name=_xml(name))
        failure = ET.SubElement(case, "failure", message=_xml(finding.message), type=finding.severity.label)
        failure.text = _xml(f"{finding.file}:{where}: {finding.rule} {finding.message}")
        self._suites.setdefault(finding.file, []).append(case)

    def finish(self, summary: Summary) -> None:
        total = sum(len(cases) for cases in self._suites.values())
        root = ET.Element("testsuites", name="asllint", tests=str(max(total, 1)), failures=str(total))
        for file, cases in self._suites.items():
            suite = ET.SubElement(root, "testsuite", name=_xml(file), tests=str(len(cases)), failures=str(len(cases)))
            suite.extend(cases)
        if not total:
            suite = ET.SubElement(root, "testsuite", name="asllint", tests="1", failures="0")
            case = ET.SubElement(suite, "testcase", classname="asllint", name="asllint")
            files = "1 file" if summary.files == 1 else f"{summary.files} files"
            ET.SubElement(case, "system-out").text = f"{files} checked, no findings"
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
