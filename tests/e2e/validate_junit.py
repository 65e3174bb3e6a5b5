#!/usr/bin/env python3
"""Reads a JUnit XML report the way CI test-report consumers do and checks its consistency:
the Jenkins/Surefire structure (testsuites > testsuite > testcase > failure|error|skipped),
required attributes, and counts that agree with the test cases. Exit 1 on any problem."""
import sys
import xml.etree.ElementTree as ET

problems = []
root = ET.parse(sys.argv[1]).getroot()
if root.tag != "testsuites":
    problems.append(f"root element is <{root.tag}>, not <testsuites>")
totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for suite in root:
    if suite.tag != "testsuite":
        problems.append(f"<{suite.tag}> inside <testsuites>")
        continue
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in suite:
        if case.tag != "testcase":
            problems.append(f"<{case.tag}> inside <testsuite>")
            continue
        for attribute in ("classname", "name"):
            if not case.get(attribute):
                problems.append(f"a testcase without {attribute}")
        counts["tests"] += 1
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        if len(kinds) > 1:
            problems.append(f"testcase {case.get('name')} has {kinds}")
        for child in case:
            if child.tag == "failure":
                counts["failures"] += 1
            elif child.tag == "error":
                counts["errors"] += 1
            elif child.tag == "skipped":
                counts["skipped"] += 1
            elif child.tag not in ("system-out", "system-err"):
                problems.append(f"<{child.tag}> inside <testcase>")
            if child.tag in ("failure", "error") and child.get("message") is None:
                problems.append(f"<{child.tag}> without a message in {case.get('name')}")
    for key, value in counts.items():
        if int(suite.get(key, "-1")) != value:
            problems.append(f"suite {suite.get('name')}: {key}={suite.get(key)} but {value} found")
        totals[key] += value
for key, value in totals.items():
    if int(root.get(key, "-1")) != value:
        problems.append(f"testsuites: {key}={root.get(key)} but {value} found")
if totals["tests"] == 0:
    problems.append("no test cases")
for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
