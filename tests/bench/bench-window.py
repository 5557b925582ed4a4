#!/usr/bin/python3
"""bench-window: the client list in the real window, on a big book.

usage (inside tests/gui/gui-session, with Debian's python3):
    tests/gui/gui-session /usr/bin/python3 tests/bench/bench-window.py \\
        build/app/gui/advisor-workbench BOOK

BOOK defaults to the book bench-client-list generates
($AWB_BENCH_DIR or /var/tmp/awb-bench, client-list-large.sqlite).  It starts
the application on the book and reads the window's own timings from its
debug log (G_MESSAGES_DEBUG=awb-clients-page): when the first rows were
shown after the start, and, for keystrokes typed into the search, the time
from the keystroke's query to the list showing its answer.  Then the peak
memory of the application (VmHWM).  A benchmark, not a test: it asserts
nothing and prints figures.
"""
import os
import re
import statistics
import subprocess
import sys
import threading
import time

from dogtail.config import config
config.checkForA11y = False
config.logDebugToFile = False
config.logDebugToStdOut = False
config.typingDelay = 0.25
from dogtail import rawinput   # noqa: E402

app = sys.argv[1] if len(sys.argv) > 1 else 'build/app/gui/advisor-workbench'
book = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.environ.get('AWB_BENCH_DIR', '/var/tmp/awb-bench'), 'client-list-large.sqlite')
here = os.path.dirname(os.path.abspath(__file__))
build = os.path.dirname(os.path.dirname(os.path.abspath(app)))
env = dict(os.environ, G_MESSAGES_DEBUG='awb-clients-page awb-client-index')
env.setdefault('GSETTINGS_SCHEMA_DIR', os.path.join(build, 'data'))

events = []   # (seconds since the start, line)
started = time.monotonic()
proc = subprocess.Popen([app, '--db', book], env=env, stderr=subprocess.PIPE, text=True)


def read_log():
    for line in proc.stderr:
        events.append((time.monotonic() - started, line.rstrip()))


threading.Thread(target=read_log, daemon=True).start()


def wait_for(pattern, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for t, line in events:
            if re.search(pattern, line):
                return t, line
        time.sleep(0.05)
    raise SystemExit('bench-window: no "%s" in the log' % pattern)


first_t, first = wait_for(r'showed \d+ clients')
index_t, index = wait_for(r'loaded \d+ clients')
time.sleep(1.0)

queries = ['王', '建华', 'wjh', 'zw', '3101', '5678']
n_before = len(events)
rawinput.keyCombo('<Control>f')
time.sleep(0.3)
for q in queries:
    rawinput.keyCombo('<Control>a')
    rawinput.pressKey('BackSpace')
    time.sleep(1.0)
    rawinput.typeText(q)
    time.sleep(1.0)
time.sleep(1.0)
times = {}
for t, line in events[n_before:]:
    m = re.search(r'query “(.*)” sort \d+: (\d+) clients in ([\d.]+) ms', line)
    if m and m.group(1):
        times.setdefault('typed', []).append(float(m.group(3)))

with open('/proc/%d/status' % proc.pid) as f:
    peak = next(int(line.split()[1]) for line in f if line.startswith('VmHWM'))
proc.terminate()
proc.wait(timeout=10)

print('book %s' % book)
print('first rows shown %.2f s after the start (%s)' % (first_t, first.split('DEBUG: ')[-1]))
print('search ready %.2f s after the start (%s)' % (index_t, index.split('DEBUG: ')[-1]))
typed = sorted(times.get('typed', []))
if typed:
    p95 = typed[min(len(typed) - 1, int(len(typed) * 0.95))]
    print('keystroke to list shown: %d keystrokes, median %.1f ms, 95th percentile %.1f ms, max %.1f ms'
          % (len(typed), statistics.median(typed), p95, typed[-1]))
print('peak memory of the application: %.0f MB' % (peak / 1024.0))
