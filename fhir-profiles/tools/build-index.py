#!/usr/bin/env python3
"""Regenerates fhir-profiles/package/.index.json from the resource files in fhir-profiles/package/.

usage: python3 fhir-profiles/tools/build-index.py [--check]

With --check it writes nothing and exits 1 when the index is stale. The Maven test
PackageIndexTest applies the same rules, so a stale index fails the build.
"""
import json
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "package")
# kind and type only for StructureDefinition, content only for CodeSystem (as in the FHIR package spec)
FIELDS = {"*": ["url", "version"], "StructureDefinition": ["kind", "type"], "CodeSystem": ["content", "supplements"]}


def entry(filename, resource):
    e = {"filename": filename, "resourceType": resource["resourceType"], "id": resource["id"]}
    for field in FIELDS["*"] + FIELDS.get(resource["resourceType"], []):
        value = resource.get(field)
        if isinstance(value, str):
            e[field] = value
    return e


def build():
    files = sorted(f for f in os.listdir(PACKAGE)
                   if f.endswith(".json") and f not in ("package.json", ".index.json"))
    entries = []
    for f in files:
        with open(os.path.join(PACKAGE, f), encoding="utf-8") as fh:
            entries.append(entry(f, json.load(fh)))
    return {"index-version": 1, "files": entries}


def main(argv):
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    path = os.path.join(PACKAGE, ".index.json")
    if "--check" in argv:
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if current != text:
            print(".index.json is stale: run python3 fhir-profiles/tools/build-index.py")
            return 1
        return 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {path} ({len(json.loads(text)['files'])} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
