"""Checking a JSON document against a JSON Schema (draft 2020-12), in plain words.

Only the keywords the bundled schemas use are understood (``KEYWORDS``); a test keeps the
schemas to them, so no keyword is ever silently ignored. Each problem names the key path
("columns.Who", "definitions[0].unit"), what was expected (the subschema's ``title``) and what
was found, with a suggestion for a misspelt key or value: "unknown key 'keep_row' (did you mean
'keep_rows'?)".
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                         "examples", "default"})
KEYWORDS = ANNOTATIONS | {"$ref", "type", "enum", "const", "anyOf", "properties", "required",
                          "additionalProperties", "propertyNames", "items", "minItems",
                          "minimum", "maximum", "minLength", "pattern"}
_TYPES = {"string": "a text", "integer": "a whole number", "number": "a number",
          "object": "a set of keys and values", "array": "a list", "boolean": "true or false",
          "null": "null"}
Path = tuple[str | int, ...]


def key_path(path: Path) -> str:
    """("definitions", 0, "unit") → "definitions[0].unit"; line breaks shown as \\n."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text.replace("\n", "\\n").replace("\r", "\\r")


def shown(value: Any) -> str:
    """A found value as a message quotes it, cut short when long."""
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= 80 else text[:77] + "…"


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)  # 2.0 is not taken
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, {"string": str, "object": dict, "array": list, "boolean": bool,
                              "null": type(None)}[kind])


class SchemaChecker:
    """Checks documents against one schema; ``problems`` lists every problem found."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.root = schema

    def problems(self, document: Any) -> list[str]:
        return self._check(document, self.root, ())

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            target: Any = self.root
            for part in schema["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def expected(self, schema: dict[str, Any]) -> str:
        schema = self._resolve(schema)
        if "title" in schema:
            return str(schema["title"])
        if "const" in schema:
            return shown(schema["const"])
        if "enum" in schema:
            return "one of " + ", ".join(shown(v) for v in schema["enum"])
        if "anyOf" in schema:
            return " or ".join(self.expected(s) for s in schema["anyOf"])
        kinds = schema.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return " or ".join(_TYPES[k] for k in kinds) or "something else"

    def _wrong(self, path: Path, schema: dict[str, Any], value: Any,
               choices: list[str] | None = None) -> list[str]:
        hint = ""
        if choices and isinstance(value, str):
            close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        where = f"key '{key_path(path)}'" if path else "the profile"
        return [f"{where} must be {self.expected(schema)}, found {shown(value)}{hint}"]

    def _check(self, value: Any, schema: dict[str, Any], path: Path) -> list[str]:
        schema = self._resolve(schema)
        if "anyOf" in schema:
            for option in schema["anyOf"]:
                if not self._check(value, option, path):
                    break
            else:
                choices = [str(v) for s in schema["anyOf"] for v in self._words(s)]
                return self._wrong(path, schema, value, choices)
        kinds = schema.get("type")
        if kinds is not None:
            kinds = [kinds] if isinstance(kinds, str) else kinds
            if not any(_is(value, k) for k in kinds):
                return self._wrong(path, schema, value)
        if "const" in schema and value != schema["const"]:
            return self._wrong(path, schema, value)
        if "enum" in schema and value not in schema["enum"]:
            return self._wrong(path, schema, value, [str(v) for v in schema["enum"]])
        if isinstance(value, str) and (
                len(value) < schema.get("minLength", 0)
                or ("pattern" in schema and not re.search(schema["pattern"], value))):
            return self._wrong(path, schema, value)
        if _is(value, "number") and not (schema.get("minimum", value) <= value
                                         <= schema.get("maximum", value)):
            return self._wrong(path, schema, value)
        if isinstance(value, list):
            return self._array(value, schema, path)
        if isinstance(value, dict):
            return self._object(value, schema, path)
        return []

    def _words(self, schema: dict[str, Any]) -> list[Any]:
        schema = self._resolve(schema)
        return list(schema.get("enum", [])) + ([schema["const"]] if "const" in schema else [])

    def _array(self, value: list[Any], schema: dict[str, Any], path: Path) -> list[str]:
        if len(value) < schema.get("minItems", 0):
            return self._wrong(path, schema, value)
        out: list[str] = []
        if "items" in schema:
            for i, item in enumerate(value):
                out += self._check(item, schema["items"], (*path, i))
        return out

    def _object(self, value: dict[str, Any], schema: dict[str, Any], path: Path) -> list[str]:
        out: list[str] = []
        properties: dict[str, Any] = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                out.append(f"key '{key_path((*path, name))}' is missing: expected "
                           f"{self.expected(properties.get(name, {}))}")
        names = self._resolve(schema.get("propertyNames", {}))
        extra = schema.get("additionalProperties", True)
        listed = False
        for name, item in value.items():
            if name in properties:
                out += self._check(item, properties[name], (*path, name))
                continue
            if extra is False or self._check(name, names, ()):
                choices = list(properties) + [str(v) for v in self._words(names)]
                close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
                hint = f" (did you mean '{key_path((*path, close[0]))}'?)" if close else ""
                known = "" if close or listed or not choices or len(choices) > 16 else (
                    "; the keys are " + ", ".join(choices))
                listed = listed or bool(known)  # the keys are listed once per object
                out.append(f"unknown key '{key_path((*path, name))}'{hint}{known}")
            elif isinstance(extra, dict):
                out += self._check(item, extra, (*path, name))
        return out
