"""YAML read as nodes, so that every value keeps its line: what a scenario file is made of.

`compose` reads the text (a syntax error is a `ScenarioError` naming the line); a
`NodeReader` turns the nodes into checked values, failing with the node's line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class ScenarioError(Exception):
    """A malformed scenario file: `str()` is one line, `file:line: message`."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        # User text quoted in a message must not break the one-line promise.
        message = message.replace("\r", "\\r").replace("\n", "\\n")
        self.source, self.line, self.message = source, line, message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


_SCALARS = yaml.constructor.SafeConstructor()


class NodeReader:
    """Turns composed YAML nodes into typed values, failing with the node's line."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: Node | None, message: str) -> ScenarioError:
        line = node.start_mark.line + 1 if node is not None else None
        return ScenarioError(self.source, line, message)

    def scalar(self, node: Node, what: str) -> Any:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a {_kind(node)}")
        try:
            return _SCALARS.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            raise self.fail(node, f"{what}: unreadable value {node.value!r} "
                                  f"({_first_line(exc)})") from exc

    def text(self, node: Node, what: str) -> str:
        value = self.scalar(node, what)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(node, f"{what} must be non-empty text, got {shown(value)}")
        return value

    def integer(self, node: Node, what: str, low: int = 0, high: int | None = None) -> int:
        value = self.scalar(node, what)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(node, f"{what} must be a whole number, got {shown(value)}")
        if value < low or (high is not None and value > high):
            bound = f"{low}–{high}" if high is not None else f"≥ {low}"
            raise self.fail(node, f"{what} must be {bound}, got {value}")
        return value

    def number(self, node: Node, what: str, high: float) -> float:
        value = self.scalar(node, what)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise self.fail(node, f"{what} must be a number of seconds, got {shown(value)}")
        if not 0 <= value <= high:
            raise self.fail(node, f"{what} must be between 0 and {high:g} seconds, got {value}")
        return float(value)

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        """One text or a list of texts."""
        if isinstance(node, SequenceNode):
            if not node.value:
                raise self.fail(node, f"{what} must not be an empty list")
            return tuple(self.text(item, what) for item in node.value)
        return (self.text(node, what),)

    def mapping(self, node: Node, what: str) -> list[tuple[str, Node, Node]]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value), not a {_kind(node)}")
        seen: set[str] = set()
        items = []
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"a key in {what}")
            if not isinstance(key, str):
                raise self.fail(key_node, f"keys in {what} must be names, got {shown(key)}")
            if key in seen:
                raise self.fail(key_node, f"{shown(key)} is given twice in {what}")
            seen.add(key)
            items.append((key, key_node, value_node))
        return items


def _kind(node: Node) -> str:
    return {MappingNode: "mapping", SequenceNode: "list"}.get(type(node), "value")


def shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def compose(text: str, source: str) -> Node | None:
    """The file's root node (None for an empty file)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        raise ScenarioError(source, line, f"YAML error: {_first_line(Exception(problem))}") from None
    except (yaml.YAMLError, ValueError, UnicodeError) as exc:
        raise ScenarioError(source, None, f"YAML error: {_first_line(exc)}") from None
    except RecursionError:
        raise ScenarioError(source, None, "YAML error: nested too deeply") from None
