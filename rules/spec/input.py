"""Input rules: a file that cannot be read as a definition.

The loader emits these (``asllint.parse``); the classes carry their id, severity and docs.
One module holds the five because none has a ``check`` of its own.
"""

from __future__ import annotations

from asllint import Rule, Severity


class JsonSyntaxError(Rule):
    """## What it does
    Reports a JSON file that does not parse, at the line and column where parsing stopped.
    Comments, trailing commas, single quotes and ``NaN`` (JSON5 habits) are named as such.

    ## Why is this bad?
    Step Functions rejects a definition that is not JSON; nothing else in the file can be
    checked until it parses.

    ## Example
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"},}}
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format
    """

    id = "ASL001"
    name = "json-syntax-error"
    severity = Severity.ERROR
    source_url = "https://www.rfc-editor.org/rfc/rfc8259"


class YamlSyntaxError(Rule):
    """## What it does
    Reports a YAML file that does not parse (or holds more than one document), at the line
    and column of the problem.

    ## Why is this bad?
    The definition cannot be read, so it cannot be deployed or checked.

    ## Example
    ```yaml
    StartAt: Done
    States:
      Done:
        Type: Succeed
       End: true
    ```

    Use instead:
    ```yaml
    StartAt: Done
    States:
      Done:
        Type: Succeed
    ```

    ## References
    - YAML 1.2.2 specification
    """

    id = "ASL002"
    name = "yaml-syntax-error"
    severity = Severity.ERROR
    source_url = "https://yaml.org/spec/1.2.2/"


class EmptyFile(Rule):
    """## What it does
    Reports a file that is empty or holds only white space.

    ## Why is this bad?
    An empty file is not a state machine; it usually means a build step wrote nothing.

    ## Example
    ```json
    ```

    Use instead:
    ```json
    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
    ```

    ## References
    - Amazon States Language: Structure of a State Machine
    """

    id = "ASL003"
    name = "empty-file"
    severity = Severity.ERROR
    source_url = "https://states-language.net/spec.html#toplevelfields"


class UndecodableFile(Rule):
    """## What it does
    Reports a file whose bytes are not UTF-8, at the first byte that cannot be decoded.
    A UTF-8 byte order mark is accepted.

    ## Why is this bad?
    JSON exchanged between systems must be UTF-8; Step Functions cannot read the file as
    written.

    ## Example
    A definition saved as Latin-1 with ``"Comment": "Café"``.

    Use instead:
    The same definition saved as UTF-8.

    ## References
    - RFC 8259 §8.1, Character Encoding
    """

    id = "ASL004"
    name = "undecodable-file"
    severity = Severity.ERROR
    source_url = "https://www.rfc-editor.org/rfc/rfc8259#section-8.1"
    #: the example is a byte sequence, which a docstring cannot show
    engine_emitted = True


class UnreadableFile(Rule):
    """## What it does
    Reports a file named on the command line (or found in a folder) that cannot be read:
    missing, a folder given where a file is expected, or not readable by this user.

    ## Why is this bad?
    A gate that silently skips a file it was asked to check passes when it should not.

    ## Example
    ``asllint check missing.asl.json`` for a file that does not exist.

    Use instead:
    Name files that exist, or fix the path in the pre-commit or CI configuration.

    ## References
    - asllint README: exit codes
    """

    id = "ASL005"
    name = "unreadable-file"
    severity = Severity.ERROR
    source_url = ""
    #: about the file system, not the file's contents
    engine_emitted = True
