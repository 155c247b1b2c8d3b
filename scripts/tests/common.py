# SPDX-License-Identifier: GPL-2.0
"""What the harness tests share: where things are, how to run a script."""
import os
import subprocess
import sys

# no __pycache__ in the work tree
sys.dont_write_bytecode = True

TESTS = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.dirname(TESTS)
FIXTURES = os.path.join(TESTS, 'fixtures')
KUNIT_PY = os.environ.get(
    'KUNIT_PY',
    '/root/.cache/defrag-series/src/linux-7.2.13/tools/testing/kunit/kunit.py')

if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)


def fixture(*path):
    return os.path.join(FIXTURES, *path)


def read_fixture(*path):
    with open(fixture(*path), encoding='utf-8') as f:
        return f.read()


def run_script(name, *args):
    """Run scripts/NAME with python3 -> CompletedProcess (text)."""
    return subprocess.run([sys.executable, os.path.join(SCRIPTS, name), *args],
                          capture_output=True, text=True)
