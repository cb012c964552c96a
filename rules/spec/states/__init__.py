"""ASL4xx-ASL7xx: what each state type requires: Choice, Wait, Fail, Retry and Catch, Parallel, Map, timeouts.

Also ASL111 and ASL112, the transitions each state type may (or must) have, and ASL205, loops
that no execution can leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint_rules.spec.states.choice_operand_type import ChoiceOperandType
from asllint_rules.spec.states.choice_operator_count import ChoiceOperatorCount
from asllint_rules.spec.states.choice_rule_next import ChoiceRuleNext
from asllint_rules.spec.states.choice_rule_unknown_field import ChoiceRuleUnknownField
from asllint_rules.spec.states.choice_rule_unreachable import ChoiceRuleUnreachable
from asllint_rules.spec.states.choice_without_default import ChoiceWithoutDefault
from asllint_rules.spec.states.choices_empty import ChoicesEmpty
from asllint_rules.spec.states.errorequals_empty import ErrorequalsEmpty
from asllint_rules.spec.states.fail_field_exclusive import FailFieldExclusive
from asllint_rules.spec.states.heartbeat_not_below_timeout import HeartbeatNotBelowTimeout
from asllint_rules.spec.states.inescapable_loop import InescapableLoop
from asllint_rules.spec.states.map_distributed_fields import MapDistributedFields
from asllint_rules.spec.states.map_maxconcurrency import MapMaxconcurrency
from asllint_rules.spec.states.map_processor import MapProcessor
from asllint_rules.spec.states.map_selector_exclusive import MapSelectorExclusive
from asllint_rules.spec.states.maxattempts_zero import MaxattemptsZero
from asllint_rules.spec.states.next_or_end import NextOrEnd
from asllint_rules.spec.states.parallel_branches import ParallelBranches
from asllint_rules.spec.states.retrier_fields import RetrierFields
from asllint_rules.spec.states.retrier_shadowed import RetrierShadowed
from asllint_rules.spec.states.states_all_position import StatesAllPosition
from asllint_rules.spec.states.terminal_state_transition import TerminalStateTransition
from asllint_rules.spec.states.timeout_values import TimeoutValues
from asllint_rules.spec.states.unknown_states_error import UnknownStatesError
from asllint_rules.spec.states.value_and_path_together import ValueAndPathTogether
from asllint_rules.spec.states.wait_exactly_one import WaitExactlyOne
from asllint_rules.spec.states.wait_timestamp_format import WaitTimestampFormat

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    NextOrEnd,
    TerminalStateTransition,
    ChoicesEmpty,
    ChoiceRuleNext,
    ChoiceOperatorCount,
    ChoiceOperandType,
    ChoiceWithoutDefault,
    ChoiceRuleUnreachable,
    ChoiceRuleUnknownField,
    WaitExactlyOne,
    WaitTimestampFormat,
    FailFieldExclusive,
    ErrorequalsEmpty,
    StatesAllPosition,
    RetrierFields,
    RetrierShadowed,
    UnknownStatesError,
    MaxattemptsZero,
    ParallelBranches,
    MapProcessor,
    MapDistributedFields,
    MapSelectorExclusive,
    MapMaxconcurrency,
    TimeoutValues,
    HeartbeatNotBelowTimeout,
    ValueAndPathTogether,
    InescapableLoop,
]
