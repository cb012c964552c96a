"""The JSONata syntax checker: idioms of the JSONata documentation parse, broken expressions
fail with JSONata's error code at the right offset, and no input makes it raise anything else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asllint.jsonata import JsonataSyntaxError, parse, syntax_error, top_level_references

VALID = [
    # literals
    '"hello"',
    "'single quoted'",
    '"escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"',
    "'it\"s'",
    "42",
    "-42",
    "3.14",
    "1e10",
    "1.5E-3",
    "0",
    "true",
    "false",
    "null",
    # paths, predicates, wildcards
    "Account",
    "Account.Name",
    "Account.Order[0].Product[0].Price",
    "Account.Order[-1]",
    "Phone[type='mobile'].number",
    "Phone[type='mobile' and number != ''][0]",
    "Account.Order.Product[Price > 30].(Price * Quantity)",
    "Address.*",
    "*.Postcode",
    "**.Postcode",
    "Account.`Account Name`",
    "`hello world`",
    "Account.Order[]",
    "Account.Order[0][]",
    '"Account"."Order"',
    "Email[type='home'].address[0]",
    "$states.input.items[price > 10 and quantity < 3].name",
    # variables, context, functions
    "$",
    "$$",
    "$.Account",
    "$x",
    "$states.context.Execution.Id",
    "$sum(Account.Order.Product.(Price * Quantity))",
    "$count($states.input.items)",
    "$string(42)",
    "Account.Order.Product.$string(Price)",
    "$substring('hello', 1, 3)",
    "$f(?, 2)",
    "$uppercase('a') ~> $trim()",
    "$states.input.name ~> $uppercase ~> $trim",
    "$partition($states.input, 2)",
    "$uuid()",
    "$now()",
    # operators
    "1 + 2 - 3 * 4 / 5 % 6",
    "'a' & 'b' & 3",
    "a = b and c != d or e < f and g <= h or i > j and k >= l",
    "x in [1, 2, 3]",
    "[1..5]",
    "[1..$count(x), 10]",
    "- x",
    "-(1 + 2)",
    "x ? 'yes' : 'no'",
    "x ? 'yes'",
    "a ? b ? c : d : e",
    # keywords as names
    "and",
    "or.in",
    "Account.and + Account.or",
    # constructors
    "[]",
    "{}",
    "()",
    "[1, 'two', true, null, [3], {'a': 4}]",
    '{"name": $states.input.name, "items": [1, 2]}',
    "Account.Order{Product.SKU: Product.Price}",
    "Account.Order.Product{`Product Name`: $sum(Price)}",
    "Phone{type: number}",
    # sort, positional and context binding, parent
    "Account.Order.Product^(Price)",
    "Account.Order.Product^(>Price, <Quantity)",
    "Account.Order#$i.Product[$i = 0]",
    "Account.Order@$o.Product@$p.{'order': $o.OrderID, 'product': $p.SKU}",
    "Account.Order.Product.{'name': `Product Name`, 'order': %.OrderID}",
    # blocks and bindings
    "($x := 5; $x + 1)",
    "($x := 5; $y := $x * 2; $y)",
    "($a := $b := 3; $a + $b;)",
    "$x := 1",
    # lambdas
    "function($x) { $x * 2 }",
    "function() { 42 }",
    "\u03bb($x, $y) { $x + $y }",
    "function($x)<n:n> { $x * 2 }",
    "function($x, $y)<s-n?:s> { $x }",
    "$map([1..5], function($v, $i, $a) { $v * $i })",
    "$reduce([1, 2, 3], function($acc, $v) { $acc + $v }, 0)",
    "$filter($states.input, function($v) { $v.ok })",
    "($fact := function($n) { $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(5))",
    # regular expressions
    "/ab+c/",
    "/ab+c/i",
    "/[0-9]+/im",
    "$match(x, /\\d{3}-\\d{4}/)",
    "$contains($states.input.name, /^[a-z]+$/)",
    "$replace(x, /(a|b)\\/c/, 'd')",
    "$split(x, /[,;]/)",
    "x ~> $replace(/a/, 'b')",
    "a / b",
    "(a) / (b)",
    "[1] / 2",
    # transform
    "| Account.Order.Product | {'Price': Price * 1.2} |",
    "| Account | {}, ['Order', 'Name'] |",
    "$states.input ~> | items | {'checked': true} |",
    # comments and whitespace
    "/* a comment */ 1",
    "1 /* inside */ + /* again */ 2",
    "\n\t Account \r\n . Name \v",
    # the Step Functions documentation
    "$states.input.title",
    "$states.result.Payload",
    "$states.errorOutput.Cause",
    "$parse($states.input.body)",
    "$sum($states.input.items.(price * quantity)) > 100",
    "$hash($states.input.message, 'SHA-256')",
    "$exists($states.input.x) ? $states.input.x : 'default'",
    "{'id': $uuid(), 'at': $now()}",
]

# (expression, JSONata error code, offset of the error)
INVALID = [
    ("", "S0207", 0),
    ("   ", "S0207", 3),
    ("1 +", "S0207", 3),
    ("Account.", "S0207", 8),
    ("(1", "S0203", 2),
    ("[1, 2", "S0203", 5),
    ('{"a": 1', "S0203", 7),
    ("$sum(x", "S0203", 6),
    ("$sum(x))", "S0201", 7),
    ("[1, 2]]", "S0201", 6),
    ("{'a' 1}", "S0202", 5),
    ("{'a': 1 'b': 2}", "S0202", 8),
    ('"abc', "S0101", 0),
    ("'abc", "S0101", 0),
    ("'abc\"", "S0101", 0),
    ('"a\\q"', "S0103", 3),
    ('"a\\u12"', "S0104", 3),
    ("1e999", "S0102", 0),
    ("`abc", "S0105", 0),
    ("/* never closed", "S0106", 0),
    ("1 /* never closed", "S0106", 2),
    ("//", "S0301", 0),
    ("/abc", "S0302", 0),
    ("$match(x, /[a/)", "S0302", 10),
    ("1 2", "S0201", 2),
    ("a b", "S0201", 2),
    ("a..b", "S0201", 1),
    ("1..5", "S0201", 1),
    ("[1,]", "S0211", 3),
    ("$f(1,)", "S0211", 5),
    ("(a;;b)", "S0211", 3),
    (")", "S0211", 0),
    ("* 2 *", "S0201", 2),
    ("[/ab/]", "S0211", 1),  # as in jsonata-js: after a prefix '[', '/' is read as division
    ("+ 1", "S0211", 0),
    ("x ? : y", "S0211", 4),
    ("a ?? b", "S0211", 3),
    ("a !b", "S0204", 2),
    ("~ x", "S0204", 0),
    ("a.1", "S0213", 2),
    ("a.true", "S0213", 2),
    ("1 := 2", "S0212", 0),
    ("a := 2", "S0212", 0),
    ("a @ b", "S0214", 4),
    ("a # 1", "S0214", 4),
    ("function(x) { x }", "S0208", 9),
    ("function($x) $x", "S0202", 13),
    ("function($x) { $x", "S0203", 17),
    ("| a | b", "S0203", 7),
    ("a^(b", "S0203", 4),
    ("a^b", "S0202", 2),
    ("$.store.book[?(@.price < 10)]", "S0211", 13),
    ("$x := 5; $x + 1", "S0201", 7),
]


@pytest.mark.parametrize("expression", VALID)
def test_valid_expressions_parse(expression: str) -> None:
    assert syntax_error(expression) is None, syntax_error(expression)


@pytest.mark.parametrize(("expression", "code", "offset"), INVALID)
def test_invalid_expressions_fail_where_jsonata_does(expression: str, code: str, offset: int) -> None:
    error = syntax_error(expression)
    assert error is not None, f"{expression!r} parsed"
    assert (error.code, error.offset) == (code, offset), error


def test_error_describes_itself() -> None:
    error = syntax_error("$sum(x")
    assert error is not None
    assert error.description == "expected ')' before the end of the expression"
    assert str(error) == "S0203 at offset 6: expected ')' before the end of the expression"
    with pytest.raises(JsonataSyntaxError):
        parse("1 +")


def test_tokens() -> None:
    found = parse("$states.input.`a b`[0] & 'x' /* c */ ~> $f(/r/i)")
    assert [(t.kind, t.value) for t in found] == [
        ("variable", "states"),
        ("operator", "."),
        ("name", "input"),
        ("operator", "."),
        ("name", "a b"),
        ("operator", "["),
        ("number", 0.0),
        ("operator", "]"),
        ("operator", "&"),
        ("string", "x"),
        ("operator", "~>"),
        ("variable", "f"),
        ("operator", "("),
        ("regex", "r"),
        ("operator", ")"),
    ]
    assert (found[0].start, found[0].end) == (0, 7)


def test_a_division_is_not_a_regex_after_an_operand() -> None:
    assert syntax_error("a / b / c") is None
    assert syntax_error("(a) / 2 / (b)") is None
    assert syntax_error("$x[0] / 2") is None


def test_very_deep_nesting_is_not_judged() -> None:
    assert syntax_error("(" * 5000 + "1" + ")" * 5000) is None


# --- generated expressions ------------------------------------------------------------------

_names = st.sampled_from(["a", "Account", "`Product Name`", "and", "in", "price", "$", "$$", "$x", "$states.input"])
_literals = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda f: repr(f).replace("inf", "1")),
    st.sampled_from(["true", "false", "null", "'x'", '"y\\n"']),
)
_binary = st.sampled_from(["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "&", "and", "or", "in", "~>"])


def _compound(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(children, children)
    return st.one_of(
        st.tuples(children, _binary, children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(_names, _names).map(lambda t: f"{t[0]}.{t[1]}"),
        pair.map(lambda t: f"{t[0]}[{t[1]}]"),
        st.lists(children, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(pair, max_size=3).map(lambda ps: "{" + ", ".join(f"{k}: {v}" for k, v in ps) + "}"),
        st.lists(children, min_size=1, max_size=3).map(lambda items: "(" + "; ".join(items) + ")"),
        st.lists(children, max_size=3).map(lambda items: "$f(" + ", ".join(items) + ")"),
        st.tuples(children, children, children).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        children.map(lambda c: f"($v := {c})"),
        children.map(lambda c: f"(function($v, $i) {{ {c} }})"),  # after a bare lambda's '}', '/' opens a regex
        children.map(lambda c: f"-{c}"),
        pair.map(lambda t: f"[{t[0]}..{t[1]}]"),
        pair.map(lambda t: f"{t[0]}^(>{t[1]})"),
        pair.map(lambda t: f"| {t[0]} | {{'k': {t[1]}}} |"),
        children.map(lambda c: f"/* note */ {c}"),
        children.map(lambda c: f"$match({c}, /ab+/i)"),
    )


expressions = st.recursive(st.one_of(_names, _literals), _compound, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(expressions)
def test_generated_expressions_parse(expression: str) -> None:
    assert syntax_error(expression) is None, (expression, syntax_error(expression))


@settings(max_examples=300, deadline=None)
@given(expressions.filter(lambda e: e.rstrip()[-1:] in ")]}"))
def test_an_expression_missing_its_last_bracket_does_not_parse(expression: str) -> None:
    cut = expression.rstrip()[:-1]
    error = syntax_error(cut)
    assert error is not None, cut
    assert 0 <= error.offset <= len(cut)


@settings(max_examples=300, deadline=None)
@given(expressions, st.sampled_from(["+", "*", "and", ".", ",", ":=", "?", "~>"]))
def test_a_dangling_operator_does_not_parse(expression: str, operator: str) -> None:
    assert syntax_error(f"{expression} {operator}") is not None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab$.[](){}'\"`/*,;:?<>=!~^%#@&|-+0123 \\λ")), max_size=30))
def test_any_text_parses_or_fails_with_an_offset(text: str) -> None:
    try:
        found = parse(text)
    except JsonataSyntaxError as error:
        assert 0 <= error.offset <= len(text)
        assert error.description
    else:
        ends = [0] + [t.end for t in found]
        assert all(t.start >= end for t, end in zip(found, ends, strict=False))
        assert all(t.end <= len(text) for t in found)


# --- what the ASL8xx rules read from an expression -------------------------------------------


def test_placeholders_keep_their_length_and_parse() -> None:
    from asllint_rules.spec.jsonata.common import source

    value = "{% $states.input.${Field} & '${AWS::Region}' %}"
    text = source(value)
    assert len(text) == len(value) - 4
    assert "${" not in text
    assert syntax_error(text) is None


@pytest.mark.parametrize(
    ("expression", "members"),
    [
        ("$states.input.a & $states.result.b", ["input", "result"]),
        ("$states.context.Execution.Id", ["context"]),
        ("$states .input", []),  # not a plain member read: left alone
        ("$count($states.errorOutput)", ["errorOutput"]),
        ("($states := {'x': 1}; $states.x)", []),  # rebinds $states
        ("$statesx.input", []),
    ],
)
def test_states_members(expression: str, members: list[str]) -> None:
    from asllint_rules.spec.jsonata.states_variable_misuse import _members

    assert list(_members(parse(expression))) == members


@pytest.mark.parametrize(
    ("expression", "names"),
    [
        ("phone", ["phone"]),
        ("phone.number", ["phone"]),
        ("$", ["$"]),
        ("$$.a", ["$$"]),
        ("$count(items)", ["items"]),
        ('{"a": b}', ["b"]),
        ("a ? b : c", ["a", "b", "c"]),
        ("($x := 1; y)", ["y"]),
        ("x ~> $uppercase()", ["x"]),
        ("$states.input.phone", []),
        ("$states.input.items[price > 10].name", []),
        ("$x[a = 1].b", []),
        ("$states.input.items^(price)", []),
        ("$states.input{category: $sum(price)}", []),
        ("$map($states.input.xs, function($v) { $v.name })", []),
        ("$states.input.a ~> $join(',')", []),
        ('"text" & $name', []),
        ("1 +", []),  # does not parse: ASL804 says so
    ],
)
def test_top_level_references(expression: str, names: list[str]) -> None:
    assert [name for name, _ in top_level_references(expression)] == names


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_top_level_references_never_raise(text: str) -> None:
    for name, offset in top_level_references(text):
        assert 0 <= offset < len(text) and name


@pytest.mark.parametrize("expression", ["a^(>a) / 2", "$x ~> |a|{'b': 1}| / 2"])
def test_a_division_after_a_sort_or_a_transform(expression: str) -> None:
    assert syntax_error(expression) is None
