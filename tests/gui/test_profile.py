#!/usr/bin/python3
"""The client's profile editor, driven through accessibility as a person
would.

Run inside gui-session with Debian's python3:
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_profile.py \\
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
On the demo book (5,000 clients), scored as of today: opens a client from
the list (Ctrl+F, its account number, Enter), answers the risk
questionnaire and reads back the capacity, attitude, level and allocation
worked out here by hand from spec §7; sees which labels of the latest run
the unsaved answers would change; types an ID number with a wrong check
character and reads the message beside it and the disabled Save; saves a
new mobile number with Ctrl+S and finds it in the book, in the audit log,
in the editor's history and in the list; closes with unsaved changes and
discards them; makes a new client with Ctrl+N; deletes it, undoes, deletes
it again.

Every expected value is worked out here from the book with SQL and from
the spec's tables, not read from the application.
"""
import datetime
import getpass
import os
import re
import sqlite3
import subprocess
import sys
import time
import unittest

from awb_gui import (AppTestCase, click, find_all, find_one, programs, pyatspi, rawinput,
                     screenshot, type_text, wait_until, on_screen)

APP, CLI = programs()

TODAY = datetime.date.today()
EPOCH = datetime.date(1970, 1, 1)

# spec §7, typed from the spec: answer n scores these points
POINTS = {1: 10, 2: 8, 3: 6, 4: 4, 5: 2}
BANDS = ['Low', 'Mid-low', 'Mid', 'Mid-high', 'High']
ALLOCATION = [(70, 20, 10), (50, 40, 10), (40, 40, 20), (20, 50, 30), (0, 50, 50),
              (0, 40, 60), (0, 30, 70), (0, 20, 80), (0, 10, 90)]
JOB_ANSWERS = ['Stable salary', 'Ordinary income', 'Commission income', 'Self-employed',
               'Laid off']
BURDEN_ANSWERS = ['Single', 'Dual income, no children', 'Dual income with children',
                  'Single income with children', 'Single income, three generations']
HOUSING_ANSWERS = ['Investment property', 'Own home, no mortgage', 'Mortgage under 50%',
                   'Mortgage over 50%', 'Renting']
EXPERIENCE_ANSWERS = ['Over 10 years', '6–10 years', '2–5 years', 'Up to 1 year', 'None']
KNOWLEDGE_ANSWERS = ['Professional', 'Finance degree', 'Skilled trader', 'Average', 'Novice']
PRIORITY_ANSWERS = ['Price spread', 'Swing trading', 'Dividends and rights', 'Beat inflation',
                    'Keep principal']
STOPLOSS_ANSWERS = ['Preset stop-loss', 'Execute stop-loss', 'Partial stop-loss',
                    'Hold when trapped', 'Average down']
IF_LOSS_ANSWERS = ['A lesson', 'Calm', 'Affects mood', 'Hard to accept', 'Cannot sleep']
WATCHING_ANSWERS = ['Now and then', 'Monthly', 'Weekly', 'Only the close', 'All the time']
RESULTS_ANSWERS = ['Fully in control', 'Partly in control', 'Rely on experts', 'Rely on luck',
                   'No luck with money']


def band(score):
    return 0 if score < 20 else 1 if score < 40 else 2 if score < 60 else 3 if score < 80 else 4


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def id_check(first17):
    """GB 11643-1999: the check character of an 18-character ID number."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return '10X98765432'[total % 11]


class ProfileTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = os.path.join(cls.tmp.name, 'demo.sqlite')
        subprocess.run([CLI, 'demo', '--db', cls.path, '--clients', '5000', '--seed', '1',
                        '--quiet'], check=True)
        subprocess.run([CLI, 'score', '--db', cls.path, '--quiet'], check=True,
                       stdout=subprocess.DEVNULL)

    def sql(self, query, *args):
        with sqlite3.connect(self.path) as db:
            return db.execute(query, args).fetchall()

    def open_main(self):
        self.launch(['--db', self.path])
        win = self.window('demo.sqlite — Advisor Workbench')
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label'
                                    and (n.name or '').endswith('5,000 clients')),
                   what='the client list')
        return win

    def open_client(self, client_no, name):
        rawinput.keyCombo('<Control>f')
        time.sleep(0.2)
        rawinput.keyCombo('<Control>a')
        rawinput.pressKey('BackSpace')
        rawinput.typeText(client_no)
        main = self.window('demo.sqlite — Advisor Workbench')
        wait_until(lambda: find_one(main, lambda n: n.roleName == 'label'
                                    and re.match(r'^1 of [\d,]+ clients$', n.name or '')),
                   what='the one client found')
        rawinput.pressKey('Return')
        return self.window(name)

    def tab(self, win, name):
        button = wait_until(lambda: next(
            n for n in win.findChildren(lambda n: n.name == name
                                        and n.roleName in ('page tab', 'toggle button'))
            if on_screen(n)), what='the tab "%s"' % name)
        click(button)
        time.sleep(0.5)

    def row(self, win, title, roles=('list item', 'text', 'combo box', 'push button')):
        return wait_until(lambda: next(
            n for n in win.findChildren(lambda n: n.name == title and n.roleName in roles)
            if on_screen(n)), what='the row "%s"' % title)

    def scroll_to(self, win, title):
        """Finds the row, scrolling the page down with the keyboard if it is
        not on screen yet."""
        frame = win.queryComponent().getExtents(pyatspi.WINDOW_COORDS)

        def visible(n):
            e = n.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return e.width > 0 and e.height > 0 and e.y >= 90 and e.y + e.height <= frame.height - 8

        for _ in range(40):
            nodes = [n for n in win.findChildren(lambda n: n.name == title) if visible(n)]
            if nodes:
                return nodes[0]
            rawinput.pressKey('Tab')
            time.sleep(0.15)
        raise AssertionError('no row "%s" on screen' % title)

    def choose(self, win, title, index):
        """Opens the combo row and picks its item @index (0 is "Not
        answered") with the keyboard, as the popover's list takes it (a
        popover is a surface of its own: its items' extents are not the
        window's)."""
        combo = self.scroll_to(win, title)
        click(combo)
        time.sleep(0.6)
        rawinput.pressKey('Home')
        time.sleep(0.2)
        for _ in range(index):
            rawinput.pressKey('Down')
            time.sleep(0.2)
        rawinput.pressKey('Return')
        time.sleep(0.4)

    def shown_answer(self, win, title):
        """The answer a combo row shows: the label in it that is not its
        title."""
        combo = self.scroll_to(win, title)
        labels = [n.name for n in combo.findChildren(lambda n: n.roleName == 'label')
                  if n.name and n.name != title and on_screen(n)]
        return labels[0] if labels else None

    def type_into(self, win, title, text):
        return type_text(self.scroll_to(win, title), text)

    def value_of(self, win, title):
        """The text of the value label beside a result row."""
        row = self.row(win, title, roles=('list item',))
        labels = [n.name for n in row.findChildren(lambda n: n.roleName == 'label')]
        return labels

    def test_profile(self):
        # a client with a full questionnaire, an ID number and not
        # professional-sized, as the book has it
        client_no, name, gender, birth, id_number, phone, assessed = self.sql(
            "SELECT client_no, name, gender, birth_date, id_number, phone, assessed_on"
            " FROM clients WHERE length(id_number) = 18 AND q_job IS NOT NULL"
            " AND q_results IS NOT NULL AND loss_tolerance_pct IS NOT NULL"
            " AND birth_date IS NOT NULL AND assessed_on IS NOT NULL AND lowest_category = 0"
            " AND aum < 500000000 AND phone IS NOT NULL"
            " ORDER BY client_no LIMIT 1")[0]
        client_id = self.sql("SELECT id FROM clients WHERE client_no = ?", client_no)[0][0]
        birth_date = EPOCH + datetime.timedelta(days=birth)
        self.assertEqual(id_check(id_number[:17]), id_number[17])

        main = self.open_main()
        win = self.open_client(client_no, name)
        screenshot('profile', name)

        # -- the questionnaire, scored live ------------------------------------
        self.tab(win, 'Risk')
        for title, answers in (('Job', JOB_ANSWERS), ('Family Burden', BURDEN_ANSWERS),
                               ('Housing', HOUSING_ANSWERS),
                               ('Investment Experience', EXPERIENCE_ANSWERS),
                               ('Investment Knowledge', KNOWLEDGE_ANSWERS)):
            self.choose(win, title, 1)
            self.assertEqual(self.shown_answer(win, title), answers[0])
        self.type_into(win, 'Largest Accepted Loss (%)', '20')
        for title, answers in (('First Priority', PRIORITY_ANSWERS),
                               ('Stop-Loss', STOPLOSS_ANSWERS), ('If It Loses', IF_LOSS_ANSWERS),
                               ('Watching the Market', WATCHING_ANSWERS),
                               ('Own Results', RESULTS_ANSWERS)):
            self.choose(win, title, 3)
            self.assertEqual(self.shown_answer(win, title), answers[2])
        rawinput.keyCombo('<Control>Home')

        # by hand: A = 50 up to 25, 75 - age up to 74, else 0; five answers 1
        age = age_on(birth_date, TODAY)
        a = 50 if age <= 25 else (75 - age if age < 75 else 0)
        capacity = a + 5 * POINTS[1]
        attitude = min(2 * 20, 50) + 5 * POINTS[3]
        level = 'C%d' % (1 + min(band(capacity), band(attitude)))
        low, mid, high = ALLOCATION[band(capacity) + band(attitude)]

        def results():
            return (self.value_of(win, 'Risk Capacity'), self.value_of(win, 'Risk Attitude'),
                    self.value_of(win, 'Risk Level'), self.value_of(win, 'Asset Allocation'))
        expected_capacity = '%d · %s' % (capacity, BANDS[band(capacity)])
        wait_until(lambda: expected_capacity in results()[0],
                   what='capacity %s (rows now %r)' % (expected_capacity, results()))
        cap, att, lev, alloc = results()
        self.assertIn('%d · %s' % (attitude, BANDS[band(attitude)]), att)
        self.assertTrue(any(t.startswith(level) for t in lev), lev)
        self.assertIn('Low %d%% · Medium %d%% · High %d%%' % (low, mid, high), alloc)
        screenshot('profile-risk', name)

        # a smaller largest loss: attitude 2 x 5 + 30 = 40, band mid
        self.type_into(win, 'Largest Accepted Loss (%)', '5')
        attitude = 10 + 5 * POINTS[3]
        level = 'C%d' % (1 + min(band(capacity), band(attitude)))
        low, mid, high = ALLOCATION[band(capacity) + band(attitude)]
        rawinput.keyCombo('<Control>Home')
        wait_until(lambda: '%d · %s' % (attitude, BANDS[band(attitude)]) in results()[1],
                   what='attitude %d' % attitude)
        cap, att, lev, alloc = results()
        self.assertTrue(any(t.startswith(level) for t in lev), lev)
        self.assertIn('Low %d%% · Medium %d%% · High %d%%' % (low, mid, high), alloc)

        # the latest run's level, and what the unsaved answers would make it
        run_level = self.sql("SELECT s.risk_level FROM scores s WHERE s.client_id = ?"
                             " AND s.run_id = (SELECT max(id) FROM scoring_runs)", client_id)[0][0]
        self.tab(win, 'Labels')
        if run_level is not None and 'C%d' % (run_level + 1) != level:
            said = 'the unsaved changes would make it %s' % level
            wait_until(lambda: [n for n in win.findChildren(
                lambda n: n.roleName == 'label' and said in (n.name or '')) if on_screen(n)],
                what='the risk level row saying the edit makes it %s' % level)
        screenshot('profile-labels', name)

        # -- an ID number with a wrong check character ------------------------
        self.tab(win, 'Profile')
        wrong = next(c for c in '0123456789X' if c != id_number[17])
        entry = self.type_into(win, 'ID Number', id_number[:17] + wrong)
        message = 'The last character should be %s, not %s: a digit is mistyped.' % (
            id_number[17], wrong)
        wait_until(lambda: entry.description == message,
                   what='the message beside the ID number (now %r)' % entry.description)
        self.assertTrue(entry.getState().contains(pyatspi.STATE_INVALID))
        save = self.row(win, 'Save', roles=('push button',))
        wait_until(lambda: not save.sensitive, what='Save disabled')
        screenshot('profile-invalid', name)

        # back to the right number, and a new mobile
        self.type_into(win, 'ID Number', id_number)
        wait_until(lambda: not entry.description, what='the message gone')
        new_phone = '13912345678' if phone != '13912345678' else '13812345678'
        self.type_into(win, 'Mobile Phone', new_phone)
        wait_until(lambda: save.sensitive, what='Save enabled')
        rawinput.keyCombo('<Control>s')
        wait_until(lambda: self.sql("SELECT phone FROM clients WHERE id = ?",
                                    client_id)[0][0] == new_phone, what='the phone saved')
        # the questionnaire as answered, saved with it
        self.assertEqual(self.sql("SELECT q_job, q_burden, q_housing, q_experience, q_knowledge,"
                                  " loss_tolerance_pct, q_priority, q_stoploss, q_if_loss,"
                                  " q_watching, q_results FROM clients WHERE id = ?",
                                  client_id)[0],
                         (1, 1, 1, 1, 1, 5, 3, 3, 3, 3, 3))
        audit = self.sql("SELECT who, old_value, new_value FROM audit_log"
                         " WHERE client_id = ? AND field = 'phone'", client_id)
        self.assertEqual(audit, [(getpass.getuser(), phone, new_phone)])
        self.tab(win, 'Activity')
        self.row(win, 'Mobile Phone: %s → %s' % (phone, new_phone), roles=('list item',))
        screenshot('profile-history', name)

        # the list shows the new number, masked
        masked = new_phone[:3] + '****' + new_phone[-4:]
        wait_until(lambda: find_all(main, lambda n: n.roleName == 'table cell'
                                    and n.name == 'Phone: %s' % masked, skip_roles=()),
                   what='the list showing %s' % masked)

        # -- closing with unsaved changes asks; Discard loses only the edit ---
        self.tab(win, 'Profile')
        self.type_into(win, 'Notes', 'not to be kept')
        rawinput.keyCombo('<Control>w')
        dialog = wait_until(lambda: next(
            n for n in self.app.findChildren(lambda n: n.roleName == 'push button'
                                             and (n.name or '').endswith('Discard'))
            if on_screen(n)), what='the unsaved changes dialog')
        screenshot('profile-close', name)
        click(dialog)
        wait_until(lambda: not [w for w in self.app.children
                                if w.roleName == 'frame' and w.name == name],
                   what='the editor closed')
        self.assertNotEqual(self.sql("SELECT notes FROM clients WHERE id = ?", client_id)[0][0],
                            'not to be kept')

        # -- a new client -------------------------------------------------------
        click(main)
        rawinput.keyCombo('<Control>n')
        new = self.window('New Client')
        self.type_into(new, 'Client ID', 'T0001')
        self.type_into(new, 'Name', '测试客户')
        new_save = self.row(new, 'Save', roles=('push button',))
        wait_until(lambda: new_save.sensitive, what='Save enabled on the new client')
        rawinput.keyCombo('<Control>s')
        wait_until(lambda: self.sql("SELECT count(*) FROM clients WHERE client_no = 'T0001'"
                                    " AND name = '测试客户'")[0][0] == 1,
                   what='the new client saved')
        new = self.window('测试客户')

        # -- delete asks, and Undo keeps the client -------------------------------
        def delete(win):
            click(self.row(win, 'Client Menu', roles=('toggle button', 'push button')))
            item = wait_until(lambda: next(
                n for n in self.app.findChildren(lambda n: n.roleName == 'menu item'
                                                 and (n.name or '').startswith('Delete Client'))
                if on_screen(n)), what='Delete Client…')
            # a popover is a surface of its own: its extents are not the
            # window's, so the item is activated through its action
            item.doActionNamed(item.actions and list(item.actions)[0] or 'click')
            button = wait_until(lambda: next(
                n for n in self.app.findChildren(lambda n: n.roleName == 'push button'
                                                 and (n.name or '').endswith('Delete'))
                if on_screen(n)), what='the Delete button of the question')
            click(button)

        delete(new)
        undo = wait_until(lambda: next(
            n for n in main.findChildren(lambda n: n.roleName == 'push button'
                                         and (n.name or '').endswith('Undo'))
            if on_screen(n)), what='the Undo toast')
        screenshot('profile-deleted', 'demo.sqlite — Advisor Workbench')
        click(undo)
        time.sleep(0.5)
        screenshot('profile-undone', 'demo.sqlite — Advisor Workbench')
        time.sleep(7)
        self.assertEqual(self.sql("SELECT count(*) FROM clients WHERE client_no = 'T0001'")[0][0],
                         1)

        win = self.open_client('T0001', '测试客户')
        delete(win)
        wait_until(lambda: self.sql("SELECT count(*) FROM clients WHERE client_no = 'T0001'")[0][0]
                   == 0, timeout=30, what='the client deleted once the toast went')
        self.assertEqual(self.sql("SELECT who FROM audit_log WHERE field = 'client_id'"
                                  " AND old_value = 'T0001' AND new_value IS NULL"),
                         [(getpass.getuser(),)])


if __name__ == '__main__':
    if not APP or not CLI:
        sys.exit('usage: test_profile.py APP CLI')
    unittest.main(argv=[sys.argv[0], '-v'])
