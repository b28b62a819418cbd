#!/usr/bin/python3
"""validate_json.py SCHEMA FILE [--lines] -- checks a pactum --json output against its schema in
docs/schemas/, and the schema against JSON Schema 2020-12. With --lines, each line of FILE is a
document (decide --batch). Prints one line per problem, with the path of the value at fault, and
exits 1 if there is any. Run by tests/cli/test_json.sh with Debian's python3-jsonschema."""
import json
import pathlib
import sys

import jsonschema


def main():
    args = [a for a in sys.argv[1:] if a != "--lines"]
    lines = "--lines" in sys.argv[1:]
    if len(args) != 2:
        print("usage: validate_json.py SCHEMA FILE [--lines]", file=sys.stderr)
        return 2
    schema_path = pathlib.Path(args[0]).resolve()
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    # References such as "common.json#/$defs/money" are read beside the schema, as any validator
    # that is given the schema's file resolves them.
    resolver = jsonschema.RefResolver(base_uri=schema_path.as_uri(), referrer=schema)
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
    text = sys.stdin.read() if args[1] == "-" else pathlib.Path(args[1]).read_text()
    docs = [l for l in text.split("\n") if l.strip()] if lines else [text]
    if not docs:
        print(f"{args[1]}: no document", file=sys.stderr)
        return 1
    problems = 0
    for n, doc in enumerate(docs, 1):
        where = f"{args[1]}:{n}" if lines else args[1]
        try:
            value = json.loads(doc)
        except json.JSONDecodeError as e:
            print(f"{where}: not JSON: {e}")
            problems += 1
            continue
        for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            # Under oneOf, say what each alternative found, so a misnamed field is easy to see.
            detail = error.message
            if error.context:
                best = jsonschema.exceptions.best_match(error.context)
                bpath = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in best.absolute_path)
                detail = f"{bpath or '.'}: {best.message}"
            print(f"{where}: {path or '.'}: {detail}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
