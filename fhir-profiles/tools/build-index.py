#!/usr/bin/env python3
"""Regenerates the package indexes from the resource files:

- fhir-profiles/package/.index.json for the resources in fhir-profiles/package/
- fhir-profiles/package/example/.index.json for the examples in fhir-profiles/package/example/

usage: python3 fhir-profiles/tools/build-index.py [--check]

With --check it writes nothing and exits 1 when either index is stale. The Maven test
PackageIndexTest applies the same rules, so a stale index fails the build.
"""
import json
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "package")
EXAMPLE = os.path.join(PACKAGE, "example")
FOLDERS = [(PACKAGE, ".index.json"), (EXAMPLE, "example/.index.json")]
# kind and type only for StructureDefinition, content only for CodeSystem (as in the FHIR package spec)
FIELDS = {"*": ["url", "version"], "StructureDefinition": ["kind", "type"], "CodeSystem": ["content", "supplements"]}


def entry(filename, resource):
    e = {"filename": filename, "resourceType": resource["resourceType"], "id": resource["id"]}
    for field in FIELDS["*"] + FIELDS.get(resource["resourceType"], []):
        value = resource.get(field)
        if isinstance(value, str):
            e[field] = value
    return e


def build(folder):
    files = sorted(f for f in os.listdir(folder)
                   if f.endswith(".json") and f not in ("package.json", ".index.json"))
    entries = []
    for f in files:
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            entries.append(entry(f, json.load(fh)))
    return {"index-version": 1, "files": entries}


def main(argv):
    stale = 0
    for folder, name in FOLDERS:
        text = json.dumps(build(folder), indent=2, ensure_ascii=False) + "\n"
        path = os.path.join(folder, ".index.json")
        if "--check" in argv:
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if current != text:
                print(f"{name} is stale: run python3 fhir-profiles/tools/build-index.py")
                stale = 1
            continue
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {os.path.normpath(path)} ({len(json.loads(text)['files'])} files)")
    return stale


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
