"""Smart-list logic: ``all``, ``any`` or an expression such as ``1 and (2 or not 3)``.

``parse_logic`` turns the text into a small tree (:class:`Ref`, :class:`Not`,
:class:`And`, :class:`Or`) or raises :class:`LogicError` with the character position of
the problem, so the editor can check the expression as it is typed. ``evaluate`` and
``referenced`` work on the tree; the engine compiles the same tree to SQL.

Campaign files keep the words in English; the editor also reads them in the language it
shows (``language="sv"``: ``1 och (2 eller inte 3)``), stores them in English
(:func:`english_logic`) and shows a stored expression in its own language
(:func:`localized_logic`).

An expression may name at most :data:`MAX_LOGIC_TERMS` filter numbers and nest at most
:data:`MAX_LOGIC_DEPTH` levels of parentheses and ``not``: anything larger is refused here,
before it can exhaust the parser's recursion or SQLite's expression limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Filter numbers an expression may name (``1 or 1 or 1`` names three).
MAX_LOGIC_TERMS = 200
#: Parentheses and ``not`` nested inside one another.
MAX_LOGIC_DEPTH = 50


class LogicError(ValueError):
    """The expression does not parse; ``position`` is a 0-based character offset. ``code``
    is ``invalid``, ``unknown_filter``, ``too_long`` or ``too_deep``."""

    def __init__(self, message: str, position: int, code: str = "invalid") -> None:
        super().__init__(message)
        self.position = position
        self.code = code


@dataclass(frozen=True)
class Ref:
    number: int  # 1-based filter number


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


Node = Ref | Not | And | Or

_TOKEN = re.compile(r"\s*(?:(\d+)|(\()|(\))|([^\W\d_]+)|(\S))")
_WORD = re.compile(r"[^\W\d_]+")
_OPERATORS = ("and", "or", "not")
#: The operator words of each language besides English: word → English word.
WORDS: dict[str, dict[str, str]] = {"sv": {"och": "and", "eller": "or", "inte": "not"}}


def _tokens(text: str, language: str = "en") -> list[tuple[str, str, int]]:
    words = {w: w for w in _OPERATORS} | WORDS.get(language, {})
    out: list[tuple[str, str, int]] = []
    terms = 0
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        start = m.start(m.lastindex or 0)
        num, lp, rp, word, other = m.groups()
        if num is not None:
            terms += 1
            if terms > MAX_LOGIC_TERMS:
                raise LogicError(
                    f"the expression names more than {MAX_LOGIC_TERMS} filter numbers; "
                    "combine filters or use a static list",
                    start,
                    "too_long",
                )
            out.append(("num", num, start))
        elif lp:
            out.append(("(", lp, start))
        elif rp:
            out.append((")", rp, start))
        elif word is not None:
            w = words.get(word.lower())
            if w is None:
                raise LogicError(f"unknown word {word!r}; use numbers, and, or, not, parentheses", start)
            out.append((w, word, start))
        elif other is not None:
            raise LogicError(f"unexpected {other!r}", start)
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.toks = _tokens(text, language)
        self.i = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def pos(self) -> int:
        return self.toks[self.i][2] if self.i < len(self.toks) else len(self.text)

    def take(self, kind: str) -> tuple[str, str, int]:
        if self.peek() != kind:
            found = "the end" if self.peek() is None else repr(self.toks[self.i][1])
            raise LogicError(f"expected {kind!r} but found {found}", self.pos())
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise LogicError("the expression is empty", 0)
        node = self.or_()
        if self.peek() is not None:
            raise LogicError(f"unexpected {self.toks[self.i][1]!r}", self.pos())
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == "or":
            self.i += 1
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == "and":
            self.i += 1
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def nest(self) -> None:
        """One level deeper (a ``not`` or a parenthesis); refused past the limit."""
        self.depth += 1
        if self.depth > MAX_LOGIC_DEPTH:
            raise LogicError(
                f"parentheses and 'not' are nested more than {MAX_LOGIC_DEPTH} levels deep; simplify the expression",
                self.pos(),
                "too_deep",
            )

    def not_(self) -> Node:
        if self.peek() == "not":
            nots = 0
            while self.peek() == "not":  # a loop, not recursion: 'not not not ...' costs no stack
                self.nest()
                self.i += 1
                nots += 1
            node = self.atom()
            self.depth -= nots
            for _ in range(nots):
                node = Not(node)
            return node
        return self.atom()

    def atom(self) -> Node:
        kind = self.peek()
        if kind == "num":
            _, text, start = self.take("num")
            digits = text.lstrip("0")
            if len(digits) > 9:  # no smart list has a billion filters; int() refuses thousands of digits
                shown = digits if len(digits) <= 12 else digits[:12] + "…"
                raise LogicError(f"filter {shown} does not exist", start, "unknown_filter")
            number = int(digits or "0")
            if number < 1:
                raise LogicError("filter numbers start at 1", start)
            return Ref(number)
        if kind == "(":
            self.nest()
            self.i += 1
            node = self.or_()
            self.take(")")
            self.depth -= 1
            return node
        found = "the end" if kind is None else repr(self.toks[self.i][1])
        raise LogicError(f"expected a filter number or '(' but found {found}", self.pos())


def parse_logic(text: str, filter_count: int, language: str = "en") -> Node:
    """Parse ``all``/``any``/an expression over filters ``1..filter_count``; with
    ``language="sv"`` the words ``och``, ``eller`` and ``inte`` are read as well."""
    stripped = text.strip().lower()
    if stripped in ("all", "any"):
        refs = tuple(Ref(i) for i in range(1, filter_count + 1))
        if not refs:
            return And(())
        return And(refs) if stripped == "all" else Or(refs)
    node = _Parser(text, language).parse()
    for number in sorted(referenced(node)):
        if number > filter_count:
            raise LogicError(
                f"filter {number} does not exist (the smart list has {filter_count})",
                _position_of(text, number),
                "unknown_filter",
            )
    return node


def english_logic(text: str, language: str = "en") -> str:
    """An expression typed in ``language`` with its words in English, for the campaign file:
    ``1 och (2 eller inte 3)`` → ``1 and (2 or not 3)``. Anything else is kept as typed."""
    words = WORDS.get(language)
    if not words:
        return text
    return _WORD.sub(lambda m: words.get(m.group(0).lower(), m.group(0)), text)


def localized_logic(text: str, language: str) -> str:
    """A stored expression with its words in ``language``: ``1 and 2`` → ``1 och 2``."""
    words = WORDS.get(language)
    if not words or text.strip().lower() in ("all", "any"):
        return text
    back = {english: word for word, english in words.items()}
    return _WORD.sub(lambda m: back.get(m.group(0).lower(), m.group(0)), text)


def _position_of(text: str, number: int) -> int:
    m = re.search(rf"(?<!\d){number}(?!\d)", text)
    return m.start() if m else 0


def referenced(node: Node) -> set[int]:
    """The filter numbers an expression uses."""
    if isinstance(node, Ref):
        return {node.number}
    if isinstance(node, Not):
        return referenced(node.operand)
    return set().union(*(referenced(n) for n in node.operands)) if node.operands else set()


def evaluate(node: Node, truth: Callable[[int], bool]) -> bool:
    """Evaluate with ``truth(n)`` giving filter n's result (an empty And is true, an empty Or false)."""
    if isinstance(node, Ref):
        return truth(node.number)
    if isinstance(node, Not):
        return not evaluate(node.operand, truth)
    if isinstance(node, And):
        return all(evaluate(n, truth) for n in node.operands)
    return any(evaluate(n, truth) for n in node.operands)
