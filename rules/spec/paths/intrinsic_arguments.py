from __future__ import annotations

import math
from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint.jsonpath import Call, Literal, unescape_format
from asllint_rules.spec.paths._expressions import INTRINSICS, calls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine
    from asllint.jsonpath import JsonPath

# What a call returns; StringToJson and ArrayGetItem may return anything.
_RETURNS = {
    "States.Format": "string",
    "States.JsonToString": "string",
    "States.Base64Encode": "string",
    "States.Base64Decode": "string",
    "States.Hash": "string",
    "States.UUID": "string",
    "States.MathAdd": "number",
    "States.MathRandom": "number",
    "States.ArrayLength": "number",
    "States.Array": "array",
    "States.ArrayPartition": "array",
    "States.ArrayRange": "array",
    "States.ArrayUnique": "array",
    "States.StringSplit": "array",
    "States.ArrayContains": "boolean",
    "States.JsonMerge": "object",
}
# The JSON type each argument must have (None: any); the last entry repeats for variadic calls.
_PARAMETERS: dict[str, tuple[str | None, ...]] = {
    "States.Format": ("string", None),
    "States.StringToJson": ("string",),
    "States.ArrayPartition": ("array", "number"),
    "States.ArrayContains": ("array", None),
    "States.ArrayRange": ("number", "number", "number"),
    "States.ArrayGetItem": ("array", "number"),
    "States.ArrayLength": ("array",),
    "States.ArrayUnique": ("array",),
    "States.Base64Encode": ("string",),
    "States.Base64Decode": ("string",),
    "States.Hash": (None, "string"),
    "States.JsonMerge": ("object", "object", "boolean"),
    "States.MathRandom": ("number", "number", "number"),
    "States.MathAdd": ("number", "number"),
    "States.StringSplit": ("string", "string"),
}
HASH_ALGORITHMS = ("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512")
#: the most items States.ArrayRange may return
ARRAY_RANGE_LIMIT = 1000


def _kind(argument: Literal | JsonPath | Call) -> str | None:
    """The JSON type of an argument when it is known without input."""
    if isinstance(argument, Call):
        return _RETURNS.get(argument.name)
    if not isinstance(argument, Literal):
        return None
    value = argument.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def _integer(argument: Literal | JsonPath | Call) -> int | None:
    if isinstance(argument, Literal) and not isinstance(argument.value, bool):
        value = argument.value
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    return None


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class IntrinsicArguments(Rule):
    """## What it does
    Checks the arguments of every intrinsic call that can be judged without input: their
    number, the JSON type of literals and of nested calls (``States.MathAdd('1', 2)``,
    ``States.ArrayLength(States.Format(…))``), that a ``States.Format`` template has one ``{}``
    per value that follows it, that ``States.ArrayRange`` has a non-zero step and returns at
    most 1,000 items, that ``States.ArrayPartition`` has a positive size and
    ``States.ArrayGetItem`` a non-negative index, that ``States.Hash`` names ``MD5``,
    ``SHA-1``, ``SHA-256``, ``SHA-384`` or ``SHA-512``, and that ``States.JsonMerge`` asks for a
    shallow merge (``false``).

    ## Why is this bad?
    Step Functions rejects a call with the wrong number of arguments when the definition is
    created; the other mistakes fail every execution that reaches the state with
    ``States.IntrinsicFailure``.

    ## Example
    ```json
    {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello {} {}', $.first)"}, "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello {} {}', $.first, $.last)"}, "End": true}
    ```

    ## References
    - Amazon States Language: Intrinsic Functions
    - AWS Step Functions Developer Guide: Intrinsic functions for JSONPath in Step Functions
    """

    id = "ASL308"
    name = "intrinsic-arguments"
    severity = Severity.ERROR
    source_url = "https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for expression, call in calls(machine):
            for message in self.problems(call):
                yield Violation(expression.node, message)

    @staticmethod
    def problems(call: Call) -> Iterator[str]:
        """What is wrong with the arguments of one call (not of the calls nested in it)."""
        name = call.name
        bounds = INTRINSICS.get(name)
        if bounds is None:
            return  # ASL307
        args = call.arguments
        low, high = bounds
        if len(args) < low or (high is not None and len(args) > high):
            wanted = (
                f"at least {_plural(low, 'argument')}"
                if high is None
                else _plural(low, "argument")
                if low == high
                else f"{low} to {high} arguments"
            )
            yield f"{name} takes {wanted}, not {len(args)}"
            return
        types = _PARAMETERS.get(name, ())
        for i, argument in enumerate(args):
            wanted_type = types[min(i, len(types) - 1)] if types else None
            found = _kind(argument)
            if wanted_type is not None and found is not None and found != wanted_type:
                shown = argument.text if isinstance(argument, (Literal, Call)) else ""
                yield f"argument {i + 1} of {name} must be {_a(wanted_type)}, not {_a(found)} ({shown})"
        yield from _values(name, args)


def _values(name: str, args: tuple[Literal | JsonPath | Call, ...]) -> Iterator[str]:
    if name == "States.Format":
        template = args[0]
        if isinstance(template, Literal) and isinstance(template.value, str):
            count = unescape_format(template.text[1:-1])[0]
            given = len(args) - 1
            if count != given:
                yield (
                    f"the States.Format template has {_plural(count, 'placeholder')} {{}} but is followed by "
                    f"{_plural(given, 'value')}; give one value per {{}} (write \\{{ and \\}} for literal braces)"
                )
    elif name == "States.ArrayRange":
        start, end, step = (_integer(a) for a in args)
        if step == 0:
            yield "the step of States.ArrayRange must not be 0"
        elif start is not None and end is not None and step is not None:
            count = max(0, math.floor((end - start) / step) + 1)
            if count > ARRAY_RANGE_LIMIT:
                yield f"States.ArrayRange would return {count} items; it returns at most {ARRAY_RANGE_LIMIT}"
    elif name == "States.ArrayPartition":
        size = _integer(args[1])
        if size is not None and size <= 0:
            yield f"the chunk size of States.ArrayPartition must be a positive integer, not {args[1].text}"
    elif name == "States.ArrayGetItem":
        index = _integer(args[1])
        if index is not None and index < 0:
            yield f"the index of States.ArrayGetItem must not be negative ({args[1].text})"
    elif name == "States.Hash":
        algorithm = args[1]
        if (
            isinstance(algorithm, Literal)
            and isinstance(algorithm.value, str)
            and algorithm.value not in HASH_ALGORITHMS
        ):
            yield f"States.Hash does not know the algorithm {algorithm.value!r}; use one of {', '.join(HASH_ALGORITHMS)}"
    elif name == "States.JsonMerge":
        deep = args[2]
        if isinstance(deep, Literal) and deep.value is True:
            yield "States.JsonMerge supports only a shallow merge; pass false as the third argument"
