#!/usr/bin/python3
"""The day's work: logging an interaction and marking follow-ups done,
driven through accessibility as a person would.

Run inside gui-session with Debian's python3:
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_follow_ups.py \\
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
On a demo book of 20,000 clients (big enough for a manager's heading to
count past 1,000), scored with the command line, with 孙悦 as this
computer's manager: selects a client in the list, presses Ctrl+L and logs
a survey with satisfaction 4 and a follow-up three days ahead, after
seeing the dialog refuse a date in the future and a survey without a
satisfaction, each with its message beside the field; finds the follow-up
under This Week by the row's accessible name, marks it done through the
dialog and sees it leave the list; reads what was stored back through the
command line's export; checks the first row is in Due Today and that the
all-managers list's counts are grouped by thousands.
"""
import csv
import datetime
import os
import re
import subprocess
import sys
import time
import unittest

from awb_gui import (AppTestCase, click, find_all, find_one, grouped, on_screen, programs,
                     pyatspi, rawinput, screenshot, type_text, wait_until)

APP, CLI = programs()
MANAGER = '孙悦'
TITLE = 'demo.sqlite — Advisor Workbench'
LIST_NAME = 'Follow-ups and contacts due'
SATISFACTION_MESSAGE = 'A survey records the client’s satisfaction, from 1 to 5.'


def spoken(d):
    """A date as the rows read it aloud: "1 December 2026"."""
    return '%d %s %d' % (d.day, d.strftime('%B'), d.year)


def invalid(node):
    return node.getState().contains(pyatspi.STATE_INVALID)


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


class FollowUpsTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = os.path.join(cls.tmp.name, 'demo.sqlite')
        subprocess.run([CLI, 'demo', '--db', cls.path, '--clients', '20000', '--seed', '1',
                        '--quiet'], check=True)
        subprocess.run([CLI, 'score', '--db', cls.path, '--quiet'], check=True,
                       stdout=subprocess.DEVNULL)
        cls.today = datetime.date.today()

    def open_window(self):
        config_home = os.path.join(self.tmp.name, 'config')
        folder = os.path.join(config_home, 'glib-2.0', 'settings')
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'keyfile'), 'w') as f:
            f.write("[io/github/advisorworkbench/Workbench]\nmy-manager='%s'\n" % MANAGER)
        self.launch(['--db', self.path], extra_env={'GSETTINGS_BACKEND': 'keyfile',
                                                    'XDG_CONFIG_HOME': config_home})
        return self.window(TITLE)

    def interactions(self, client_no):
        """The client's interactions as the command line exports them."""
        path = os.path.join(self.tmp.name, 'interactions.csv')
        subprocess.run([CLI, 'export', 'interactions', '--db', self.path, '--encoding', 'utf8',
                        '--output', path], check=True, stdout=subprocess.DEVNULL)
        with open(path, encoding='utf-8', newline='') as f:
            return [r for r in csv.DictReader(f) if r['client_id'] == client_no]

    # ---- the dialog -----------------------------------------------------

    def dialog(self, name):
        title = 'Log Interaction — %s' % name
        return wait_until(lambda: next(c for c in self.app.children if c.name == title
                                       and c.roleName in ('frame', 'dialog', 'window')),
                          what='the dialog "%s"' % title)

    def wait_closed(self, name):
        title = 'Log Interaction — %s' % name
        wait_until(lambda: not any(c.name == title for c in self.app.children),
                   what='the dialog closed')

    def field(self, dialog, title):
        return wait_until(lambda: find_one(dialog, lambda n: n.name == title
                                           and n.roleName in ('text', 'combo box', 'list item', 'entry')
                                           and on_screen(n)), what='the field "%s"' % title)

    def log_button(self, dialog):
        return wait_until(lambda: find_one(dialog, lambda n: n.roleName == 'push button'
                                           and n.name == 'Log'), what='the Log button')

    def type_into(self, dialog, title, text):
        type_text(self.field(dialog, title), text)

    def choose(self, dialog, title, steps):
        """Opens the combo row @title and moves @steps items with the keys."""
        click(self.field(dialog, title))
        time.sleep(0.6)
        for _ in range(abs(steps)):
            rawinput.pressKey('Down' if steps > 0 else 'Up')
            time.sleep(0.1)
        rawinput.pressKey('Return')
        time.sleep(0.4)

    def assert_refused(self, dialog, title, message):
        """The field @title is invalid, with @message as its description and
        shown beside it, and Log is off."""
        row = self.field(dialog, title)
        wait_until(lambda: invalid(row) and row.description == message,
                   what='"%s" refused with "%s" (now "%s")' % (title, message, row.description))
        beside = find_all(row, lambda n: n.roleName == 'label' and n.name == message)
        self.assertTrue(beside or row.description == message, message)
        self.assertFalse(sensitive(self.log_button(dialog)))

    # ---- the follow-ups view --------------------------------------------

    def listing(self, win):
        return wait_until(lambda: find_one(win, lambda n: n.roleName == 'list'
                                           and n.name == LIST_NAME), what='the follow-ups list')

    def lines(self, listing):
        return [c for c in listing.children if c is not None and c.roleName == 'list item']

    def heading_count(self, listing, title):
        for line in self.lines(listing):
            m = re.match(r'^%s, ([\d,]+)$' % re.escape(title), line.name or '')
            if m:
                return int(m.group(1).replace(',', ''))
        return None

    def test_log_and_mark_done(self):
        t0 = time.monotonic()
        win = self.open_window()
        table = wait_until(lambda: win.child(roleName='tree table'), what='the client list')
        listing = wait_until(lambda: table.child(roleName='list'), what='the rows')
        row = wait_until(lambda: next(r for r in listing.children if r.roleName == 'table row'
                                      and on_screen(r) and ', account ' in (r.name or '')),
                         what='a client row')
        name, client_no = re.match(r'^(.*?), account (\S+?),', row.name).groups()
        before = self.interactions(client_no)

        # Ctrl+L without a selection says so; with one, the dialog opens
        click(row.children[0])
        wait_until(lambda: row.getState().contains(pyatspi.STATE_SELECTED), what='the row selected')
        rawinput.keyCombo('<Control>l')
        dialog = self.dialog(name)
        log = self.log_button(dialog)
        wait_until(lambda: sensitive(log), what='Log on for a call today')
        screenshot('follow-ups-dialog', 'Log Interaction — %s' % name)

        # a survey without satisfaction is refused, beside the field
        self.choose(dialog, 'Kind', 3)   # Call, Visit, Event, Survey
        self.assert_refused(dialog, 'Satisfaction', SATISFACTION_MESSAGE)

        # a date in the future is refused, beside the field
        future = (self.today + datetime.timedelta(days=2)).isoformat()
        self.type_into(dialog, 'Date (YYYY-MM-DD)', future)
        self.assert_refused(dialog, 'Date (YYYY-MM-DD)',
                            'The date is in the future: it can be %s at the latest.'
                            % self.today.isoformat())
        screenshot('follow-ups-dialog-refused', 'Log Interaction — %s' % name)
        self.type_into(dialog, 'Date (YYYY-MM-DD)', self.today.isoformat())
        date_row = self.field(dialog, 'Date (YYYY-MM-DD)')
        wait_until(lambda: not invalid(date_row), what='the date accepted')

        # satisfaction 4, a follow-up in three days, a note; Ctrl+Enter logs
        self.choose(dialog, 'Satisfaction', 4)
        satisfaction = self.field(dialog, 'Satisfaction')
        wait_until(lambda: not invalid(satisfaction), what='the satisfaction accepted')
        follow_up = self.today + datetime.timedelta(days=3)
        self.type_into(dialog, 'Follow-up Date (YYYY-MM-DD, optional)', follow_up.isoformat())
        note = wait_until(lambda: find_one(dialog, lambda n: n.name == 'Note'
                                           and n.roleName == 'text'), what='the note')
        click(note)
        rawinput.typeText('Survey after the seminar')
        wait_until(lambda: sensitive(log), what='Log on')
        rawinput.keyCombo('<Control>Return')
        self.wait_closed(name)

        # stored as typed
        after = self.interactions(client_no)
        self.assertEqual(len(after), len(before) + 1)
        new = [r for r in after if r not in before][0]
        self.assertEqual((new['date'], new['kind'], new['satisfaction'], new['follow_up_on'],
                          new['done'], new['notes']),
                         (self.today.isoformat(), 'survey', '4', follow_up.isoformat(), '0',
                          'Survey after the seminar'))

        # the follow-ups view opens at the top, on today's items
        rawinput.keyCombo('<Alt>3')
        fl = self.listing(win)
        wait_until(lambda: self.lines(fl) and self.lines(fl)[0].name.startswith(
            ('Due Today, ', 'Overdue, ', 'This Week, ')), what='the first heading')
        first = self.lines(fl)[0]
        self.assertTrue(first.name.startswith('Due Today, '), first.name)
        self.assertTrue(on_screen(first))
        self.assertRegex(fl.description,
                         r'^[\d,]+ due: [\d,]+ today, [\d,]+ overdue, [\d,]+ this week$')
        screenshot('follow-ups-mine', TITLE)

        # the survey's follow-up, under This Week, found by its name: the
        # week is last, so go to the end of the list
        wanted = '%s, follow-up of a survey, due %s, in 3 days' % (name, spoken(follow_up))
        click(self.lines(fl)[1])
        rawinput.pressKey('End')

        def found():
            names = [line.name for line in self.lines(fl)]
            return wanted in names and 'This Week' in ''.join(names)
        wait_until(found, what='"%s" in the list' % wanted)
        names = [line.name for line in self.lines(fl)]
        at = names.index(wanted)
        headings = [i for i, n in enumerate(names[:at]) if re.match(r'^[^,]+, [\d,]+$', n)]
        self.assertTrue(names[headings[-1]].startswith('This Week, '), names[headings[-1]])
        week = self.heading_count(fl, 'This Week')
        screenshot('follow-ups-this-week', TITLE)

        # Done… opens the dialog for that follow-up, with its kind chosen;
        # a call completes it and it leaves the list
        line = self.lines(fl)[at]
        done = wait_until(lambda: find_one(line, lambda n: n.roleName == 'push button'),
                          what='the Done button')
        self.assertEqual(done.name, 'Mark the follow-up of %s done…' % name)
        done.doActionNamed('click')
        dialog = self.dialog(name)
        self.assert_refused(dialog, 'Satisfaction', SATISFACTION_MESSAGE)   # a survey, preset
        self.choose(dialog, 'Kind', -3)   # Survey -> Call
        log = self.log_button(dialog)
        wait_until(lambda: sensitive(log), what='Log on for the call')
        log.doActionNamed('click')
        self.wait_closed(name)
        wait_until(lambda: wanted not in [line.name for line in self.lines(fl)],
                   what='the follow-up gone from the list')
        wait_until(lambda: self.heading_count(fl, 'This Week') == (week - 1 if week > 1 else None),
                   what='This Week counted down')

        after_done = self.interactions(client_no)
        self.assertEqual(len(after_done), len(before) + 2)
        survey = [r for r in after_done if r['kind'] == 'survey' and r['date'] == new['date']
                  and r['follow_up_on'] == new['follow_up_on']]
        self.assertEqual([r['done'] for r in survey], ['1'])
        call = [r for r in after_done if r not in before and r['kind'] != 'survey']
        self.assertEqual([(r['date'], r['kind'], r['satisfaction'], r['follow_up_on'], r['done'])
                          for r in call], [(self.today.isoformat(), 'call', '', '', '0')])

        # every manager: grouped by manager, counts grouped by thousands
        toggle = wait_until(lambda: find_one(win, lambda n: n.name == 'All Managers'
                                             and n.roleName in ('toggle button', 'push button')))
        toggle.doActionNamed('click')
        wait_until(lambda: self.lines(fl) and not self.lines(fl)[0].name.startswith('Due Today'),
                   what='the managers\' list')
        first = self.lines(fl)[0]
        self.assertRegex(first.name, r'^\S+, [\d,]+$')   # a manager's heading
        self.assertTrue(self.lines(fl)[1].name.startswith(('Due Today, ', 'Overdue, ')))
        counts = [re.match(r'^.*, ([\d,]+)$', line.name).group(1) for line in self.lines(fl)
                  if re.match(r'^[^,]+, [\d,]+$', line.name or '')]
        for count in counts:
            self.assertEqual(count, grouped(int(count.replace(',', ''))), count)
        self.assertTrue(any(int(c.replace(',', '')) >= 1000 for c in counts), counts)
        screenshot('follow-ups-all', TITLE)
        print('\nfollow-ups test: %.1f s' % (time.monotonic() - t0), file=sys.stderr)


if __name__ == '__main__':
    if not APP or not CLI:
        sys.exit('usage: test_follow_ups.py PATH/TO/advisor-workbench PATH/TO/advisor-workbench-cli')
    unittest.main(verbosity=2)
