"""Print `<tests run> <tests failed>` from an Odoo 11 log written with --test-enable.

Odoo logs `Ran N tests in Xs` per test module and, when some fail,
`Module <name>: F failures, E errors` per addon.
"""
import re
import sys

ran = failed = 0
with open(sys.argv[1], encoding='utf-8', errors='replace') as log:
    for line in log:
        match = re.search(r': Ran (\d+) tests? in ', line)
        if match:
            ran += int(match.group(1))
        match = re.search(r'odoo\.modules\.module: Module \w+: (\d+) failures, (\d+) errors', line)
        if match:
            failed += int(match.group(1)) + int(match.group(2))
print(ran, failed)
