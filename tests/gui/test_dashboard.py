#!/usr/bin/python3
"""The branch manager's dashboard, driven through accessibility as a
person would.

Run inside gui-session with Debian's python3:
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_dashboard.py \\
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
On a demo book of 3,000 clients scored twice with the command line (as of
2026-09-30 and as of today): reads the key figures; points at the
capital × turnover grid until its tooltip's element is the large
short-term cell (the pointer moves, the chart's accessible description
says what is under it), clicks it and finds the client list filtered to
exactly that many clients, the number the scores export gives for the
cell; shows the segments chart as its table and reads the Champions
strategy, edits it with the command line and sees the dashboard follow.
"""
import csv
import os
import re
import subprocess
import time
import unittest

from awb_gui import (AppTestCase, click, find_all, find_one, grouped, on_screen, programs, pyatspi,
                     rawinput, screenshot, wait_until)

APP, CLI = programs()
TITLE = 'dash.sqlite — Advisor Workbench'
N_CLIENTS = 3000


def scores_rows(cli, path):
    out = path + '.scores.csv'
    subprocess.run([cli, 'export', 'scores', '--db', path, '--output', out], check=True,
                   stdout=subprocess.DEVNULL)
    with open(out, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


class DashboardTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = os.path.join(cls.tmp.name, 'dash.sqlite')
        subprocess.run([CLI, 'demo', '--db', cls.path, '--clients', str(N_CLIENTS), '--seed', '5',
                        '--quiet'], check=True)
        for as_of in ('2026-09-30', None):
            subprocess.run([CLI, 'score', '--db', cls.path, '--quiet']
                           + (['--as-of', as_of] if as_of else []),
                           check=True, stdout=subprocess.DEVNULL)

    def chart(self, win, title):
        return wait_until(lambda: find_one(win, lambda n: n.roleName == 'image'
                                           and n.name == title),
                          what='the chart "%s"' % title)

    def scroll_into_view(self, win, node):
        """Scrolls the dashboard (its vertical scroll bar's value, as the
        smoke test does) until @node is inside the window; returns its
        extents."""
        wh = win.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height
        values = []
        for sb in find_all(win, lambda n: n.roleName == 'scroll bar'):
            if sb.getState().contains(pyatspi.STATE_VERTICAL) and on_screen(sb):
                for n in sb.children:
                    try:
                        v = n.queryValue()
                    except NotImplementedError:
                        continue
                    if 0 < v.maximumValue < 100000:
                        values.append(v)
        self.assertTrue(values, 'the dashboard scrolls')
        for _ in range(10):
            e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if e.y >= 60 and e.y + min(e.height, 300) <= wh:
                return e
            for v in values:
                v.currentValue = max(0.0, min(v.maximumValue, v.currentValue + e.y - 120))
            time.sleep(0.5)
        self.fail('could not bring %s into view' % node.name)

    def point_at(self, chart, e, label):
        """Moves the pointer over the chart until the element under it is
        @label; returns (x, y, description)."""
        for fy in [i / 24 for i in range(1, 24)]:
            for fx in [i / 24 for i in range(23, 0, -1)]:
                x, y = int(e.x + fx * e.width), int(e.y + fy * min(e.height, 600))
                rawinput.absoluteMotion(x, y)
                time.sleep(0.03)
                d = chart.description or ''
                if d.startswith(label + ':'):
                    return x, y, d
        self.fail('no element "%s" under the pointer' % label)

    def test_dashboard(self):
        self.launch(['--db', self.path])
        win = self.window(TITLE)
        click(self.switcher_button(win, 'Dashboard'))
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and (n.name or '')
                                    .startswith('Clients: %s, ' % grouped(N_CLIENTS))),
                   what='the Clients card')
        screenshot('dashboard', TITLE)

        # the large short-term cell: its number, then a click on it
        rows = scores_rows(CLI, self.path)
        expected = sum(1 for r in rows if r['capital_size'] == 'large'
                       and r['turnover_class'] == 'short_term')
        chart = self.chart(win, 'Capital × turnover: clients, AUM and commission per cell')
        e = self.scroll_into_view(win, chart)
        x, y, description = self.point_at(chart, e, 'Large, Short-term')
        shown = int(re.search(r'Clients ([\d,]+)', description).group(1).replace(',', ''))
        self.assertEqual(shown, expected)
        screenshot('dashboard-capital', TITLE)
        rawinput.click(x, y)
        count = '%s of %s clients' % (grouped(expected), grouped(N_CLIENTS))
        self.label_named(win, count)
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label'
                                    and (n.name or '').endswith('— %s clients' % grouped(expected))
                                    and 'Large, Short-term' in n.name),
                   what='the heading of the chart\'s clients')
        screenshot('dashboard-drill-down', TITLE)
        show_all = wait_until(lambda: find_one(win, lambda n: n.roleName == 'push button'
                                               and n.name == 'Show All Clients'),
                              what='Show All Clients')
        show_all.doActionNamed('click')
        self.label_named(win, '%s clients' % grouped(N_CLIENTS))

        # the segments' strategies follow the book's settings
        subprocess.run([CLI, 'settings', '--db', self.path, 'set', 'text.segment.champions',
                        'Invite to the annual client dinner'], check=True,
                       stdout=subprocess.DEVNULL)
        click(self.switcher_button(win, 'Dashboard'))
        toggle = wait_until(lambda: find_one(
            win, lambda n: n.name == 'Show the numbers of “Clients and revenue per RFM segment”'),
            what='the segments chart\'s numbers button')
        toggle.doActionNamed('click')
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label'
                                    and n.name == 'Invite to the annual client dinner'),
                   what='the edited strategy in the segments table')
        champions = [r for r in rows if r['rfm_segment'] == 'champions']
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and n.name == 'Champions'
                                    and (n.description or '').startswith(
                                        'Champions: Clients %s' % grouped(len(champions)))),
                   what='the Champions row of the segments table')


if __name__ == '__main__':
    unittest.main(verbosity=2)
