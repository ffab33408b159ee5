"""AWS's machine-readable description of the Cognito user-pools API, used as a check.

The model is botocore's data/cognito-idp/2016-04-18/service-2.json (the file
boto3, the AWS CLI and the SDKs are generated from). It is read as JSON, never
through botocore: the emulator runs under Debian's python3, which has none.

shape_problems() checks a value against a shape as AWS's request validation
does: required members, no undeclared member, JSON types, enum values, length
(in code points) and pattern. Patterns are Java regular expressions, matched
against the whole value as Cognito does ("Member must satisfy regular
expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" for a user name with a
space). Values of shapes the model marks sensitive never appear in a problem.
"""

import gzip
import json
import re
import unicodedata

def read_json(path: str) -> dict:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


class Model:
    def __init__(self, data: dict):
        self.metadata = data.get("metadata", {})
        self.operations = data.get("operations", {})
        self.shapes = data.get("shapes", {})

    @classmethod
    def load(cls, path: str) -> "Model":
        return cls(read_json(path))

    def input_shape(self, operation: str) -> str | None:
        return self.operations.get(operation, {}).get("input", {}).get("shape")

    def output_shape(self, operation: str) -> str | None:
        return self.operations.get(operation, {}).get("output", {}).get("shape")

    def errors(self, operation: str) -> set[str]:
        return {e["shape"] for e in self.operations.get(operation, {}).get("errors", [])}

    def error_status(self, error: str) -> int:
        """The HTTP status AWS answers an error shape with: the shape's
        "error": {"httpStatusCode"} when the model gives one, else 500 for a
        server fault and 400 for a client error (AWS JSON 1.1 protocol)."""
        shape = self.shapes.get(error, {})
        status = shape.get("error", {}).get("httpStatusCode")
        if status is not None:
            return status
        return 500 if shape.get("fault") else 400

    def enum(self, shape: str) -> tuple:
        return tuple(self.shapes.get(shape, {}).get("enum", ()))

    def shape_problems(self, shape: str, value, path: str) -> list[str]:
        problems: list[str] = []
        self._check(shape, value, path, problems)
        return problems

    def _check(self, name: str, value, path: str, problems: list[str]) -> None:
        shape = self.shapes.get(name)
        if shape is None:
            problems.append(f"{path}: shape {name} is not in the model")
            return
        kind = shape.get("type")
        checker = _CHECKERS.get(kind)
        if checker is None:
            problems.append(f"{path}: shape {name} has type {kind}, which this checker does not know")
            return
        checker(self, name, shape, value, path, problems)


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "list", dict: "object"}.get(type(value), type(value).__name__)


def _check_structure(model, name, shape, value, path, problems):
    if not isinstance(value, dict):
        problems.append(f"{path}: {_json_type(value)} where the model has structure {name}")
        return
    members = shape.get("members", {})
    for required in shape.get("required", []):
        if value.get(required) is None:
            problems.append(f"{path}.{required}: required by {name}, missing")
    for key, item in value.items():
        spec = members.get(key)
        if spec is None:
            problems.append(f"{path}.{key}: {name} has no such member")
        elif item is not None:
            model._check(spec["shape"], item, f"{path}.{key}", problems)


def _check_map(model, name, shape, value, path, problems):
    if not isinstance(value, dict):
        problems.append(f"{path}: {_json_type(value)} where the model has map {name}")
        return
    _check_size(name, shape, len(value), path, problems)
    for key, item in value.items():
        model._check(shape["key"]["shape"], key, f"{path} key", problems)
        model._check(shape["value"]["shape"], item, f"{path}[{key!r}]", problems)


def _check_list(model, name, shape, value, path, problems):
    if not isinstance(value, list):
        problems.append(f"{path}: {_json_type(value)} where the model has list {name}")
        return
    _check_size(name, shape, len(value), path, problems)
    for i, item in enumerate(value):
        model._check(shape["member"]["shape"], item, f"{path}[{i}]", problems)


def _check_size(name, shape, size, path, problems):
    if "min" in shape and size < shape["min"]:
        problems.append(f"{path}: {size} entries, {name} wants at least {shape['min']}")
    if "max" in shape and size > shape["max"]:
        problems.append(f"{path}: {size} entries, {name} wants at most {shape['max']}")


def _check_string(model, name, shape, value, path, problems):
    if not isinstance(value, str):
        problems.append(f"{path}: {_json_type(value)} where the model has string {name}")
        return
    shown = "(sensitive)" if shape.get("sensitive") else repr(value)
    if "enum" in shape and value not in shape["enum"]:
        problems.append(f"{path}: {shown} is not one of {name}'s values {', '.join(shape['enum'])}")
    if "min" in shape and len(value) < shape["min"]:
        problems.append(f"{path}: length {len(value)}, {name} wants at least {shape['min']}")
    if "max" in shape and len(value) > shape["max"]:
        problems.append(f"{path}: length {len(value)}, {name} wants at most {shape['max']}")
    if "pattern" in shape and not java_fullmatch(shape["pattern"], value):
        problems.append(f"{path}: {shown} does not match {name}'s pattern {shape['pattern']}")


def _check_integer(model, name, shape, value, path, problems):
    if not isinstance(value, int) or isinstance(value, bool):
        problems.append(f"{path}: {_json_type(value)} where the model has {shape['type']} {name}")
        return
    if "min" in shape and value < shape["min"]:
        problems.append(f"{path}: {value}, {name} wants at least {shape['min']}")
    if "max" in shape and value > shape["max"]:
        problems.append(f"{path}: {value}, {name} wants at most {shape['max']}")


def _check_boolean(model, name, shape, value, path, problems):
    if not isinstance(value, bool):
        problems.append(f"{path}: {_json_type(value)} where the model has boolean {name}")


def _check_timestamp(model, name, shape, value, path, problems):
    # AWS JSON 1.1 sends timestamps as epoch seconds (a JSON number).
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        problems.append(f"{path}: {_json_type(value)} where the model has timestamp {name}")


_CHECKERS = {
    "structure": _check_structure, "map": _check_map, "list": _check_list,
    "string": _check_string, "integer": _check_integer, "long": _check_integer,
    "boolean": _check_boolean, "timestamp": _check_timestamp,
}

_UNICODE_CLASS = re.compile(r"\\p\{([A-Z][a-z]?)\}")
_ASCII_OF: dict[str, str] = {}


def _members(category: str, extra: set) -> str:
    if category not in _ASCII_OF:
        _ASCII_OF[category] = "".join(chr(i) for i in range(128)
                                      if unicodedata.category(chr(i)).startswith(category))
    return _ASCII_OF[category] + "".join(sorted(c for c in extra if unicodedata.category(c).startswith(category)))


def java_fullmatch(pattern: str, value: str) -> bool:
    """Java's Pattern.matches(pattern, value) for the model's patterns.

    With re.ASCII, Python's \\w, \\d, \\s and \\S are Java's (ASCII) classes,
    and without re.DOTALL '.' leaves out a newline, as Java's does (Java also
    leaves out \\r and U+0085, U+2028, U+2029). Python's re has no \\p{..}:
    each becomes the characters of that Unicode category among the ASCII ones
    and those of the value itself, which decides the match for this value
    exactly (inside a character class as its members, outside as a class)."""
    extra = {c for c in value if ord(c) > 127}
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            m = _UNICODE_CLASS.match(pattern, i)
            if m:
                members = re.escape(_members(m.group(1), extra))
                out.append(members if in_class else ("[%s]" % members if members else "(?!)"))
                i = m.end()
            else:
                out.append(pattern[i:i + 2])
                i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return re.fullmatch("".join(out), value, re.ASCII) is not None
