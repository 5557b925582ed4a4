#!/usr/bin/python3
"""GUI smoke test of Advisor Workbench, driven through accessibility.

Run inside gui-session with Debian's python3 (it has gi, pyatspi, dogtail):
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_smoke.py \
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
It makes a 300-client demo book with the CLI, starts the real application on
it, finds the window and the client list by role and accessible name, checks
what they show against the book (read with sqlite3), switches to the
dashboard and the follow-ups, opens and closes the About window, and saves
screenshots into $GUI_TEST_ARTIFACTS.  Then the same in Chinese
(LANGUAGE=zh_CN).  test_scoring scores a bigger book with the "Score Book"
button, checks that the window responds while the run is in progress, reads
the segment distribution back against SQL and exports the scores through
the primary menu.
"""
import datetime
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unittest

from awb_gui import (AppTestCase, click, day_number, find_all, find_one, grouped,
                     on_screen, programs, pyatspi, rawinput, screenshot, wait_until)

APP, CLI = programs()


# The §11 `scores` header, exactly.
SCORES_HEADER = (
    'client_id,as_of,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment,'
    'rfm_state,tier_score,tier,service_group,cadence_days,overdue,capital_size,'
    'turnover_class,dependency,persistence,loyalty_type,loyalty_score,lifecycle,capacity,'
    'attitude,capacity_band,attitude_band,risk_level,questionnaire_expired,alloc_low,'
    'alloc_mid,alloc_high,mismatches,age_group,life_stage,family_stage,clv,value_tier')

# Segment labels in the order of the rfm_segment table of app/core/awb-codes.c:
# scores.rfm_segment stores the index into it.
SEGMENTS = ['Champions', 'Potential loyalist', 'Loyal', 'Promising', 'New', 'Can’t lose',
            'At risk', 'Need attention', 'About to sleep', 'Lost', 'Others']

# Big enough that the run lasts a few seconds, to act on the window meanwhile.
BIG_BOOK_CLIENTS = int(os.environ.get('AWB_GUI_BIG_BOOK', '100000'))


class Book:
    """The demo book, and what the window should show of it, from SQL."""

    def __init__(self, path):
        self.path = path
        db = sqlite3.connect(path)
        # display order: the name's collation key (ICU's Chinese
        # collation, stored by the book; test_client_list checks the pinyin
        # order by hand), then the account number
        self.names_in_order = [r[0] for r in db.execute(
            'SELECT name FROM clients ORDER BY name_key, client_no')]
        self.n_clients = len(self.names_in_order)
        self.total_aum = db.execute('SELECT total(aum) FROM clients').fetchone()[0]
        today = day_number(datetime.date.today())
        self.n_trades, self.commission = db.execute(
            'SELECT count(*), total(commission) FROM trades'
            ' WHERE trade_date > ? - 365 AND trade_date <= ?', (today, today)).fetchone()
        self.n_follow_ups = db.execute(
            'SELECT count(*) FROM interactions WHERE done = 0 AND follow_up_on IS NOT NULL'
        ).fetchone()[0]
        db.close()


class SmokeTest(AppTestCase):
    APP = APP
    CLI = CLI
    book = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        path = os.path.join(cls.tmp.name, 'book.sqlite')
        subprocess.run([CLI, 'demo', '--db', path, '--clients', '300', '--seed', '7',
                        '--end-date', '2026-06-30', '--quiet'], check=True)
        cls.book = Book(path)

    def launch(self, language=None, extra_env=None, args=None):
        return super().launch(args or ['--db', self.book.path], language, extra_env)

    def check_client_list(self, win, table_name):
        table = wait_until(lambda: win.child(roleName='tree table', name=table_name),
                           what='the client list')
        # first column of the rows on screen: the first names of the book, in order
        # (the column header row is a 'table row' too, without cells)
        listing = wait_until(lambda: table.child(roleName='list'), what='the rows')
        rows = wait_until(lambda: [r for r in listing.children
                                   if r.roleName == 'table row' and on_screen(r)],
                          what='rows on screen')
        # the first cell of a row is named "Name: 王建华" ("姓名：王建华")
        shown = []
        for row in rows:
            cells = [c for c in row.children if c.roleName == 'table cell']
            shown.append(re.split(r': |：', cells[0].name, maxsplit=1)[1])
        self.assertGreaterEqual(len(shown), 10)
        self.assertEqual(shown, self.book.names_in_order[:len(shown)])
        return table

    def test_english(self):
        self.launch()
        title = 'book.sqlite — Advisor Workbench'
        win = self.window(title)
        self.check_client_list(win, 'Clients')
        self.label_named(win, '%s clients' % grouped(self.book.n_clients))
        screenshot('clients', title)

        click(self.switcher_button(win, 'Dashboard'))
        # a book never scored: the dashboard says so and offers the run
        self.label_named(win, 'No Scoring Run Yet')
        screenshot('dashboard', title)

        click(self.switcher_button(win, 'Follow-ups'))
        # the day's work: its description counts the groups, and they add up
        due = wait_until(lambda: win.child(roleName='list', name='Follow-ups and contacts due'),
                         what='the follow-ups list')
        counts = wait_until(lambda: re.match(
            r'^([\d,]+) due: ([\d,]+) today, ([\d,]+) overdue, ([\d,]+) this week$',
            due.description or ''), what='the follow-up counts (now %r)' % due.description)
        n = [int(g.replace(',', '')) for g in counts.groups()]
        self.assertEqual(n[0], n[1] + n[2] + n[3])
        screenshot('follow-ups', title)

        # About, through the primary menu
        self.menu_item(win, 'About Advisor Workbench')
        about = wait_until(lambda: next(
            c for c in self.app.children if c.roleName in ('frame', 'dialog') and c.name != title),
            what='the About window')
        self.label_named(about, 'Advisor Workbench')
        screenshot('about', about.name)
        rawinput.pressKey('Escape')
        wait_until(lambda: len([c for c in self.app.children
                                if c.roleName in ('frame', 'dialog')]) == 1,
                   what='the About window closed')

    def test_chinese(self):
        self.launch('zh_CN')
        title = 'book.sqlite — 投顾工作台'
        win = self.window(title)
        self.check_client_list(win, '客户')
        self.label_named(win, '%s 位客户' % grouped(self.book.n_clients))
        self.switcher_button(win, '概览')
        screenshot('clients-zh_CN', title)
        click(self.switcher_button(win, '概览'))
        self.label_named(win, '尚无评分批次')
        screenshot('dashboard-zh_CN', title)

    def test_window_size_in_settings(self):
        # The keyfile backend reads and writes
        # $XDG_CONFIG_HOME/glib-2.0/settings/keyfile (gui-session gives every
        # session a fresh XDG_CONFIG_HOME).
        config_home = os.environ.get('XDG_CONFIG_HOME') or self.tmp.name
        folder = os.path.join(config_home, 'glib-2.0', 'settings')
        keyfile = os.path.join(folder, 'keyfile')
        os.makedirs(folder, exist_ok=True)
        with open(keyfile, 'w') as f:
            f.write('[io/github/advisorworkbench/Workbench]\nwindow-width=900\nwindow-height=640\n')
        self.launch(extra_env={'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config_home})
        title = 'book.sqlite — Advisor Workbench'
        win = self.window(title)

        # restored: the frame's extents leave out the client-side decoration's margin
        size = wait_until(lambda: (lambda e: (e.width, e.height) if e.width < 1000 else None)(
            win.queryComponent().getExtents(pyatspi.WINDOW_COORDS)), what='the window resized')
        self.assertAlmostEqual(size[0], 900, delta=20)
        self.assertAlmostEqual(size[1], 640, delta=20)

        # saved: resize the X window as a window manager would, and the new
        # size lands in the keyfile
        import gi
        gi.require_version('Gdk', '3.0')
        gi.require_version('GdkX11', '3.0')
        from gi.repository import Gdk, GdkX11
        out = subprocess.run(['xwininfo', '-name', title], capture_output=True, text=True,
                             check=True).stdout
        xid = int(out.split('Window id: ')[1].split()[0], 16)
        Gdk.init([])
        display = Gdk.Display.get_default()
        GdkX11.X11Window.foreign_new_for_display(display, xid).resize(800, 560)
        display.flush()
        def saved():
            with open(keyfile) as f:
                text = f.read()
            return 'window-width=800' in text and 'window-height=560' in text
        wait_until(saved, what='the new size in the keyfile')

        # the view shown last is remembered too
        click(self.switcher_button(win, 'Follow-ups'))

        def view_saved():
            with open(keyfile) as f:
                return "last-view='follow-ups'" in f.read()
        wait_until(view_saved, what='the last view in the keyfile')

    def import_file(self, path):
        """Ctrl+I, then type the path into the file chooser (GTK's own dialog:
        gui-session runs no portal) and press Return."""
        rawinput.keyCombo('<Control>i')
        # (GTK 4.8 gives the file chooser dialog the role 'filler')
        wait_until(lambda: next(c for c in self.app.children if c.name == 'Import Clients'),
                   what='the file chooser')
        rawinput.keyCombo('<Control>l')
        time.sleep(0.3)
        rawinput.typeText(path)
        time.sleep(0.3)
        rawinput.pressKey('Return')

    def test_import(self):
        book = os.path.join(self.tmp.name, 'import.sqlite')
        shutil.copy(self.book.path, book)
        bad = os.path.join(self.tmp.name, 'bad.csv')
        good = os.path.join(self.tmp.name, 'good.csv')
        with open(bad, 'w') as f:
            f.write('client_id,name,gender\nX1,Test One,Q\nX2,Test Two,M\nX3,Test Three,F\n')
        with open(good, 'w') as f:
            f.write('client_id,name,gender\nX1,Test One,F\nX2,Test Two,M\n')
        self.launch(args=['--db', book])
        title = 'import.sqlite — Advisor Workbench'
        win = self.window(title)
        self.label_named(win, '%s clients' % grouped(self.book.n_clients))

        # a bad file: the dialog names the file, line, column and value; nothing lands
        self.import_file(bad)
        dialog = wait_until(lambda: next(c for c in self.app.children
                                         if c.roleName == 'dialog' and c.name == 'Import Failed'),
                            what='the error dialog')
        body = wait_until(lambda: dialog.findChild(
            lambda n: n.roleName == 'label' and 'bad.csv:2' in (n.name or ''), retry=False),
            what='the bad line in the dialog')
        self.assertIn('gender', body.name)
        self.assertIn('Q', body.name)
        screenshot('import-failed', 'Import Failed')
        close = wait_until(lambda: next(
            n for n in dialog.findChildren(lambda n: n.roleName == 'push button'
                                           and (n.name or '').endswith('Close'))
            if on_screen(n)), what='the Close button')
        close.doActionNamed('click')
        wait_until(lambda: not [c for c in self.app.children if c.roleName == 'dialog'],
                   what='the dialog closed')
        self.label_named(win, '%s clients' % grouped(self.book.n_clients))

        # a good file: two more clients, in the list at once
        self.import_file(good)
        self.label_named(win, '%s clients' % grouped(self.book.n_clients + 2))
        db = sqlite3.connect(book)
        self.assertEqual(db.execute("SELECT count(*) FROM clients WHERE client_no IN ('X1', 'X2')")
                         .fetchone()[0], 2)
        db.close()

        # export: Ctrl+E, a file name, the default table (clients) and
        # encoding (UTF-8 with a byte-order mark, for Excel)
        exported = os.path.join(self.tmp.name, 'exported.csv')
        rawinput.keyCombo('<Control>e')
        wait_until(lambda: next(c for c in self.app.children if c.name == 'Export'),
                   what='the export file chooser')
        time.sleep(0.3)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(exported)
        time.sleep(0.3)
        rawinput.pressKey('Return')
        # (written to a temporary file renamed into place: there means complete)
        wait_until(lambda: os.path.exists(exported), what='the exported file')
        with open(exported, 'rb') as f:
            data = f.read()
        self.assertEqual(data.count(b'\n'), 1 + self.book.n_clients + 2)
        self.assertTrue(data.startswith(b'\xef\xbb\xbfclient_id,name'), data[:40])
        self.assertEqual(data.count(b'\nX1,Test One,F'), 1)

    def scroll_to_run(self, win):
        """Scrolls the dashboard down to the run's distribution, for the
        screenshot.  A vertical scroll bar (role 'scroll bar', state
        vertical) holds a 'GtkRange' with the Value interface; every
        vertical one with a short range is scrolled (the client list's runs
        to millions of pixels and is left alone; the follow-ups' does not
        show)."""
        for sb in find_all(win, lambda n: n.roleName == 'scroll bar'):
            if not sb.getState().contains(pyatspi.STATE_VERTICAL):
                continue
            for n in sb.children:
                try:
                    v = n.queryValue()
                except NotImplementedError:
                    continue
                if 0 < v.maximumValue < 100000:
                    v.currentValue = min(v.maximumValue, 292.0)
        time.sleep(0.5)

    def distribution_shown(self, win):
        """{label: count} read from the segments chart's table of numbers,
        whose rows' labels are described "Champions: Clients 1,234 (…"."""
        shown = {}
        for n in find_all(win, lambda n: n.roleName == 'label'
                          and re.match(r'^.+: Clients [\d,]+', n.description or '')):
            m = re.match(r'^(.+): Clients ([\d,]+)', n.description)
            if m.group(1) == n.name and (n.name in SEGMENTS or n.name == 'Prospects (no trade)'):
                shown[m.group(1)] = int(m.group(2).replace(',', ''))
        return shown

    def test_scoring(self):
        book = os.path.join(self.tmp.name, 'scoring.sqlite')
        subprocess.run([CLI, 'demo', '--db', book, '--clients', str(BIG_BOOK_CLIENTS),
                        '--seed', '11', '--end-date', '2026-06-30', '--quiet'], check=True)
        self.launch(args=['--db', book])
        title = 'scoring.sqlite — Advisor Workbench'
        win = self.window(title)
        to_clients = self.switcher_button(win, 'Clients')
        to_dashboard = self.switcher_button(win, 'Dashboard')
        click(to_dashboard)
        self.label_named(win, 'No Scoring Run Yet')

        # no run yet: nothing to export
        click(wait_until(lambda: win.child(name='Main Menu', roleName='push button'),
                         what='the primary menu button'))
        export_scores = wait_until(lambda: next(
            n for n in self.app.findChildren(
                lambda n: n.roleName == 'menu item'
                and (n.name or '').replace('_', '') == 'Export Scores…') if on_screen(n)),
            what='the Export Scores menu item')
        self.assertFalse(export_scores.sensitive)
        rawinput.pressKey('Escape')

        button = wait_until(lambda: next(
            n for n in find_all(win, lambda n: n.roleName == 'push button'
                                and n.name == 'Score Book') if on_screen(n)),
            what='the Score Book button')
        self.assertTrue(button.sensitive)

        # Cancel a first run: a toast says so, and the book has no run
        # (GTK 4.8 names a button with a mnemonic "_Cancel Cancel")
        cancel = wait_until(lambda: find_one(win, lambda n: n.roleName == 'push button'
                                             and (n.name or '').endswith('Cancel')),
                            what='the Cancel button of the progress area')
        button.doActionNamed('click')
        wait_until(lambda: not button.sensitive, timeout=5, what='the first run started')
        cancel.doActionNamed('click')
        # (a toast lasts seconds: the walk skips the views' scrolled
        # contents, the dashboard's hundreds of labels among them)
        wait_until(lambda: find_all(win, lambda n: n.roleName == 'label' and n.name ==
                                    'Scoring cancelled; nothing was changed',
                                    skip_roles=('tree table', 'list', 'scroll pane')),
                   timeout=60, what='the cancelled toast')
        wait_until(lambda: button.sensitive, what='Score Book enabled after the cancel')
        db = sqlite3.connect(book)
        self.assertEqual(db.execute('SELECT count(*) FROM scoring_runs').fetchone()[0], 0)
        self.assertEqual(db.execute('SELECT count(*) FROM scores').fetchone()[0], 0)
        db.close()
        self.label_named(win, 'No Scoring Run Yet')

        button.doActionNamed('click')

        # While the run is in progress (Score Book is disabled until it
        # ends) the window responds: two view switches take effect at once.
        t0 = time.monotonic()
        wait_until(lambda: not button.sensitive, timeout=5, what='the run started')
        click(to_clients)
        wait_until(lambda: to_clients.getState().contains(pyatspi.STATE_CHECKED)
                   or to_clients.getState().contains(pyatspi.STATE_SELECTED),
                   timeout=2, what='the Clients view shown during the run')
        click(to_dashboard)
        wait_until(lambda: to_dashboard.getState().contains(pyatspi.STATE_CHECKED)
                   or to_dashboard.getState().contains(pyatspi.STATE_SELECTED),
                   timeout=2, what='the Dashboard view shown during the run')
        t1 = time.monotonic()
        self.assertFalse(button.sensitive, 'the run ended before the window was tested')
        wait_until(lambda: button.sensitive, timeout=120, what='the run to end')
        print('\nscoring %d clients took %.1f s; two view switches answered within %.2f s'
              % (BIG_BOOK_CLIENTS, time.monotonic() - t0, t1 - t0), file=sys.stderr)
        wait_until(lambda: find_all(win, lambda n: n.roleName == 'label' and n.name ==
                                    'Scored %s clients' % grouped(BIG_BOOK_CLIENTS),
                                    skip_roles=('tree table', 'list', 'scroll pane')),
                   timeout=4, what='the toast "Scored %s clients"' % grouped(BIG_BOOK_CLIENTS))

        db = sqlite3.connect(book)
        run_id, = db.execute('SELECT max(id) FROM scoring_runs').fetchone()
        expected = {SEGMENTS[seg]: n for seg, n in db.execute(
            'SELECT rfm_segment, count(*) FROM scores WHERE run_id = ? GROUP BY 1', (run_id,))
            if seg is not None}
        prospects, = db.execute('SELECT count(*) FROM scores WHERE run_id = ?'
                                ' AND rfm_segment IS NULL', (run_id,)).fetchone()
        db.close()
        expected.update({s: 0 for s in SEGMENTS if s not in expected})
        expected['Prospects (no trade)'] = prospects
        self.assertEqual(sum(expected[s] for s in SEGMENTS) + prospects, BIG_BOOK_CLIENTS)
        wait_until(lambda: find_one(win, lambda n: n.name == 'Show the numbers of “Clients and '
                                    'revenue per RFM segment”'),
                   what='the segments chart').doActionNamed('click')
        shown = wait_until(lambda: (lambda d: d if len(d) == len(expected) else None)(
            self.distribution_shown(win)), what='the distribution rows')
        self.assertEqual(shown, expected)
        wait_until(lambda: find_one(
            win, lambda n: n.roleName == 'label'
            and (n.name or '').startswith('The run of %s (scored ' % datetime.date.today().isoformat())),
            what='the run\'s date under the heading')
        self.scroll_to_run(win)
        time.sleep(4.5)   # let the toast go before the picture
        screenshot('dashboard-scored', title)

        # export the latest run's scores through the menu
        exported = os.path.join(self.tmp.name, 'scores.csv')
        self.menu_item(win, 'Export Scores…')
        wait_until(lambda: next(c for c in self.app.children if c.name == 'Export Scores'),
                   what='the export scores file chooser')
        time.sleep(0.3)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(exported)
        time.sleep(0.3)
        rawinput.pressKey('Return')
        # (g_file_replace writes a new file in place: wait for the job's toast;
        # a toast lasts seconds, so the walk skips the lists of the views)
        wait_until(lambda: find_all(win, lambda n: n.roleName == 'label' and n.name ==
                                    'Exported the scores of %s clients'
                                    % grouped(BIG_BOOK_CLIENTS),
                                    skip_roles=('tree table', 'list', 'scroll pane')),
                   timeout=60, what='the export toast')
        with open(exported, 'rb') as f:
            data = f.read()
        if data.startswith(b'\xef\xbb\xbf'):
            data = data[3:]
        lines = data.decode('utf-8').splitlines()
        self.assertEqual(lines[0], SCORES_HEADER)
        self.assertEqual(len(lines), 1 + BIG_BOOK_CLIENTS)
        self.assertEqual(len({line.split(',', 1)[0] for line in lines[1:]}), BIG_BOOK_CLIENTS)

    def test_scoring_chinese(self):
        book = os.path.join(self.tmp.name, 'scoring-zh.sqlite')
        shutil.copy(self.book.path, book)
        self.launch('zh_CN', args=['--db', book])
        title = 'scoring-zh.sqlite — 投顾工作台'
        win = self.window(title)
        click(self.switcher_button(win, '概览'))
        rawinput.keyCombo('<Control>r')
        wait_until(lambda: find_all(win, lambda n: n.roleName == 'label'
                                    and n.name == '已评分 %s 位客户' % grouped(self.book.n_clients),
                                    skip_roles=('tree table', 'list', 'scroll pane')),
                   timeout=60, what='the toast in Chinese')
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and (n.name or '')
                                    .startswith('客户: %s' % grouped(self.book.n_clients))),
                   what='the clients card in Chinese')
        self.scroll_to_run(win)
        time.sleep(4.5)
        screenshot('dashboard-scored-zh_CN', title)

    def test_demo_book(self):
        # --demo fills $XDG_DATA_HOME/advisor-workbench/demo.sqlite (a fresh
        # one: gui-session isolates XDG_DATA_HOME) with 5,000 clients in a
        # thread, then the list shows them.
        data_home = os.environ.get('XDG_DATA_HOME')
        if not data_home:
            self.skipTest('needs the isolated XDG_DATA_HOME of gui-session')
        demo = os.path.join(data_home, 'advisor-workbench', 'demo.sqlite')
        if os.path.exists(demo):
            os.remove(demo)
        self.launch(args=['--demo'])
        win = self.window('demo.sqlite — Advisor Workbench')
        self.label_named(win, '5,000 clients')
        db = sqlite3.connect(demo)
        self.assertEqual(db.execute('SELECT count(*) FROM clients').fetchone()[0], 5000)
        db.close()


if __name__ == '__main__':
    if not APP or not CLI:
        sys.exit('usage: test_smoke.py PATH/TO/advisor-workbench PATH/TO/advisor-workbench-cli')
    if not os.environ.get('GUI_SESSION_TOKEN'):
        print('note: not inside gui-session', file=sys.stderr)
    unittest.main(verbosity=2)
