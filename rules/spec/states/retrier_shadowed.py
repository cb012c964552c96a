from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import Rule, Severity, Violation
from asllint_rules.spec.states._util import node

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import StateMachine


class RetrierShadowed(Rule):
    """## What it does
    Flags a Retrier or Catcher whose every error name is already listed by an earlier
    Retrier or Catcher of the same state.

    ## Why is this bad?
    The first Retrier (or Catcher) whose ``ErrorEquals`` matches handles the error, so a
    later one that matches only names handled before is never used; its settings are dead.

    ## Example
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["States.Timeout", "Lambda.TooManyRequestsException"]},
               {"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 6}], "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
     "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 6},
               {"ErrorEquals": ["States.Timeout"]}], "End": true}
    ```

    ## References
    - Amazon States Language: Retrying after error
    - Amazon States Language: Fallback states
    """

    id = "ASL504"
    name = "retrier-shadowed"
    severity = Severity.WARNING
    source_url = "https://states-language.net/spec.html#retrying-after-error"

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        for state in machine.states:
            for group in ("Retry", "Catch"):
                items = state.body.get(group)
                if not isinstance(items, list) or len(items) < 2:
                    continue
                kind = "Retrier" if group == "Retry" else "Catcher"
                earlier: list[tuple[int, set[str]]] = []
                for i, item in enumerate(items):
                    names = item.get("ErrorEquals") if isinstance(item, dict) else None
                    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                        continue
                    mine = set(names)
                    for index, before in earlier:
                        if "States.ALL" not in before and mine <= before:  # States.ALL first: ASL502
                            yield Violation(
                                node(state, (*state.path, group, i, "ErrorEquals"), names),
                                f"every error named here is handled first by {group}[{index}], so this {kind} "
                                "is never used; move it before that one or remove it",
                            )
                            break
                    earlier.append((i, mine))
