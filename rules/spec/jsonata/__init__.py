"""ASL8xx: query languages and JSONata: ``QueryLanguage``, the fields of each language,
``{% %}`` expressions and the reserved ``$states`` variable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint_rules.spec.jsonata.dollar_key_in_jsonata import DollarKeyInJsonata
from asllint_rules.spec.jsonata.jsonata_field_in_jsonpath_state import JsonataFieldInJsonpathState
from asllint_rules.spec.jsonata.jsonata_partial_expression import JsonataPartialExpression
from asllint_rules.spec.jsonata.jsonata_syntax import JsonataSyntax
from asllint_rules.spec.jsonata.jsonata_top_level_reference import JsonataTopLevelReference
from asllint_rules.spec.jsonata.jsonpath_field_in_jsonata_state import JsonpathFieldInJsonataState
from asllint_rules.spec.jsonata.query_language_value import QueryLanguageValue
from asllint_rules.spec.jsonata.states_variable_misuse import StatesVariableMisuse

if TYPE_CHECKING:
    from asllint import Rule

RULES: list[type[Rule]] = [
    QueryLanguageValue,
    JsonpathFieldInJsonataState,
    JsonataFieldInJsonpathState,
    JsonataSyntax,
    JsonataPartialExpression,
    StatesVariableMisuse,
    DollarKeyInJsonata,
    JsonataTopLevelReference,
]
