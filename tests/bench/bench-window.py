#!/usr/bin/python3
"""bench-window: the client list in the real window, on a big book.

usage (inside tests/gui/gui-session, with Debian's python3, on a screen
wide enough for every column):
    tests/gui/gui-session --screen 1600x1000x24 /usr/bin/python3 \\
        tests/bench/bench-window.py build/app/gui/advisor-workbench BOOK

BOOK defaults to the book bench-client-list generates
($AWB_BENCH_DIR or /var/tmp/awb-bench, client-list-large.sqlite).  It starts
the application on the book and reads the window's own timings from its
debug log (G_MESSAGES_DEBUG=awb-clients-page): when the first rows were
shown after the start; for keystrokes typed into the search, the time from
the keystroke's query to the list showing its answer; for a click on each
column's title (twice: both ways), the same.  Then the peak memory of the
application (VmHWM) after each stage.  The window opens 1,480 pixels wide
(a settings keyfile of its own): every title is on the screen, and the
name column does not widen, which GTK 4.8 does not tell the titles'
positions on the accessibility bus (a click there would hit another
title).  A benchmark, not a test: it asserts nothing and prints figures.
"""
import os
import re

import gi
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from dogtail.config import config
config.checkForA11y = False
config.logDebugToFile = False
config.logDebugToStdOut = False
config.typingDelay = 0.25
from dogtail import rawinput   # noqa: E402
sys.excepthook = sys.__excepthook__

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gui'))
from awb_gui import click, find_all, root, wait_until as wait_for_node   # noqa: E402

app = sys.argv[1] if len(sys.argv) > 1 else 'build/app/gui/advisor-workbench'
book = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.environ.get('AWB_BENCH_DIR', '/var/tmp/awb-bench'), 'client-list-large.sqlite')
here = os.path.dirname(os.path.abspath(__file__))
build = os.path.dirname(os.path.dirname(os.path.abspath(app)))
config_home = tempfile.mkdtemp(prefix='awb-bench-window-', dir=os.environ.get('GUI_SESSION_DIR'))
os.makedirs(os.path.join(config_home, 'glib-2.0', 'settings'))
with open(os.path.join(config_home, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
    f.write('[io/github/advisorworkbench/Workbench]\nwindow-width=1480\nwindow-height=900\n')
env = dict(os.environ, G_MESSAGES_DEBUG='awb-clients-page awb-client-index',
           GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config_home)
env.setdefault('GSETTINGS_SCHEMA_DIR', os.path.join(build, 'data'))

events = []   # (seconds since the start, line)
started = time.monotonic()
# GLib writes debug messages to standard output, warnings to standard error
proc = subprocess.Popen([app, '--db', book], env=env, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, text=True)


def read_log():
    for line in proc.stdout:
        events.append((time.monotonic() - started, line.rstrip()))


threading.Thread(target=read_log, daemon=True).start()


def peak_mb():
    """The peak so far and what the application holds now, in MB."""
    with open('/proc/%d/status' % proc.pid) as f:
        fields = dict(line.split(':', 1) for line in f)
    return tuple(int(fields[k].split()[0]) / 1024.0 for k in ('VmHWM', 'VmRSS'))


peaks = []


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
peaks.append(('the first rows shown and the search ready', peak_mb()))

# (what it is, what is typed): several of each, keystroke by keystroke
queries = [('part of a name', '王'), ('part of a name', '建华'), ('part of a name', '小红'),
           ('pinyin initials', 'wjh'), ('pinyin initials', 'zw'), ('pinyin initials', 'lxm'),
           ('client ID', '3101'), ('client ID', '0000123'),
           ('phone ending', '5678'), ('phone ending', '1234')]
rawinput.keyCombo('<Control>f')
time.sleep(0.3)
times = {}
for kind, q in queries:
    rawinput.keyCombo('<Control>a')
    rawinput.pressKey('BackSpace')
    time.sleep(1.0)
    n_before = len(events)
    rawinput.typeText(q)
    time.sleep(1.5)
    for t, line in events[n_before:]:
        m = re.search(r'query “(.*)” sort \d+: (\d+) clients in ([\d.]+) ms', line)
        if m and m.group(1):
            times.setdefault(kind, []).append(float(m.group(3)))
            times.setdefault('all', []).append(float(m.group(3)))

peaks.append(('the searches typed', peak_mb()))
# every column's title clicked twice (ascending, then descending), from
# an empty search; the first time each order is made, then kept
rawinput.keyCombo('<Control>a')
rawinput.pressKey('BackSpace')
time.sleep(2.0)
TITLES = ['Client ID', 'Phone', 'Manager', 'Tier', 'RFM Segment', 'Loyalty Type', 'Risk Level',
          'AUM (CNY)', 'Last Contact', 'Next Due', 'Next Best Action', 'ID Number', 'Name']
window = wait_for_node(lambda: next(a for a in root.applications() if a.get_process_id() == proc.pid)
                       .child(roleName='tree table'), what='the client list')
gi.require_version('Gdk', '3.0')
from gi.repository import Gdk   # noqa: E402
table = window.queryComponent().getExtents(0)
visible_right = min(Gdk.Screen.get_default().get_width(), table.x + table.width)
sorts = []
off_screen = []
for title in TITLES:
    # not into the rows ('list'): an assistive technology that reads every
    # row makes each of them send its new name at every change
    header = wait_for_node(lambda: find_all(window, lambda n: n.roleName in ('filler', 'column header')
                                            and n.name == title, skip_roles=('list',))[0],
                           what='the title ' + title)
    extents = header.queryComponent().getExtents(0)   # screen coordinates
    # a title out of the visible part: scroll the list sideways as a person
    # would (Shift and the wheel over the rows)
    for _ in range(40):
        if extents.width > 0 and extents.x >= table.x and extents.x + extents.width <= visible_right:
            break
        rawinput.holdKey('Shift_L')
        rawinput.click(table.x + table.width // 2, table.y + table.height // 2,
                       button=4 if extents.x < table.x else 5)
        rawinput.releaseKey('Shift_L')
        time.sleep(0.5)
        extents = header.queryComponent().getExtents(0)
    if extents.width <= 0 or extents.x < table.x or extents.x + extents.width > visible_right:
        off_screen.append(title)
        continue
    for direction in ('ascending', 'descending'):
        n_before = len(events)
        click(header)
        time.sleep(2.0)
        shown_ms = None
        for t, line in events[n_before:]:
            m = re.search(r'showed \d+ clients in ([\d.]+) ms', line)
            if m:
                shown_ms = float(m.group(1))
            m = re.search(r'query “” sort (\d+): (\d+) clients in ([\d.]+) ms', line)
            if m:
                sorts.append((title, direction, float(m.group(3)), shown_ms, int(m.group(1))))

peaks.append(('every sort', peak_mb()))
proc.terminate()
proc.wait(timeout=10)

print('book %s' % book)
print('first rows shown %.2f s after the start (%s)' % (first_t, first.split('DEBUG: ')[-1]))
print('search ready %.2f s after the start (%s)' % (index_t, index.split('DEBUG: ')[-1]))
print('keystroke to list shown (the query read from the index, the list given its answer):')
for kind in ['part of a name', 'pinyin initials', 'client ID', 'phone ending', 'all']:
    typed = sorted(times.get(kind, []))
    if typed:
        p95 = typed[min(len(typed) - 1, int(len(typed) * 0.95))]
        print('  %-16s %3d keystrokes, median %6.1f ms, 95th percentile %6.1f ms, max %6.1f ms'
              % (kind, len(typed), statistics.median(typed), p95, typed[-1]))
print('sort change to list shown (a click on the title; the order made the first time):')
for title, direction, ms, shown_ms, sort in sorts:
    print('  %-18s %-10s %6.1f ms  (of which the rows shown read again: %.1f ms)  [sort %d]'
          % (title, direction, ms, shown_ms or 0, sort))
sorted_by = {}
for title, direction, ms, shown_ms, sort in sorts:
    sorted_by.setdefault(sort, set()).add(title)
for sort, titles in sorted_by.items():
    if len(titles) > 1:
        print('  clicks on %s all made sort %d: the titles\' places as AT-SPI gave them were wrong'
              % (', '.join(sorted(titles)), sort))
missing = [t for t in TITLES if t not in off_screen and t not in {s[0] for s in sorts}]
if missing:
    print('  clicked, but no sort followed: %s' % ', '.join(missing))
if sorts:
    print('  slowest %.1f ms' % max(s[2] for s in sorts))
if off_screen:
    print('  not on the screen, not clicked: %s (a wider --screen)' % ', '.join(off_screen))
for what, (peak, now) in peaks:
    print('memory of the application after %s: peak %.0f MB, now %.0f MB' % (what, peak, now))
