"""ASL: the Amazon States Language itself — input, structure and graph rules.

Ids: ``ASL0xx`` input (files that cannot be read as a definition), ``ASL1xx`` structure,
``ASL2xx`` the transition graph; the sub-packages hold the rest (``ASL3xx`` paths,
``ASL4xx``-``ASL7xx`` state types, ``ASL8xx`` JSONata, ``ASL9xx`` Task resources).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint import hookimpl
from asllint_rules.spec import jsonata, paths, states, structure, tasks
from asllint_rules.spec.definition_not_object import DefinitionNotObject
from asllint_rules.spec.duplicate_json_key import DuplicateJsonKey
from asllint_rules.spec.duplicate_state_name import DuplicateStateName
from asllint_rules.spec.input import EmptyFile, JsonSyntaxError, UndecodableFile, UnreadableFile, YamlSyntaxError
from asllint_rules.spec.missing_terminal_state import MissingTerminalState
from asllint_rules.spec.start_at_missing import StartAtMissing
from asllint_rules.spec.start_at_unknown import StartAtUnknown
from asllint_rules.spec.states_missing import StatesMissing
from asllint_rules.spec.transition_target_unknown import TransitionTargetUnknown
from asllint_rules.spec.unreachable_state import UnreachableState

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    JsonSyntaxError,
    YamlSyntaxError,
    EmptyFile,
    UndecodableFile,
    UnreadableFile,
    DefinitionNotObject,
    StatesMissing,
    StartAtMissing,
    StartAtUnknown,
    DuplicateStateName,
    DuplicateJsonKey,
    TransitionTargetUnknown,
    UnreachableState,
    MissingTerminalState,
    *structure.RULES,
    *paths.RULES,
    *states.RULES,
    *jsonata.RULES,
    *tasks.RULES,
]


@hookimpl
def asllint_rules() -> list[type[Rule]]:
    return RULES
