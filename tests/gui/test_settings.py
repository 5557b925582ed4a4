#!/usr/bin/python3
"""The scoring settings editor, driven through accessibility as a person would.

Run inside gui-session with Debian's python3:
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_settings.py \\
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
On a small demo book it opens the preferences (Ctrl+,), checks that the
manager row is still there and that every setting of `settings list` has a
row showing its value; types tier weights that sum to 90 and reads the
refusal back beside the field (the row invalid, the message its
description), with the book unchanged and the command line refusing the
same value with the same message; a number that is not one, likewise; then
valid weights, which the command line reads back in their canonical form;
then Restore Defaults (cancelled once, then confirmed), after which every
setting is its default again.  Screenshots of every page go into
$GUI_TEST_ARTIFACTS.

The refusals expected are worked out by hand from the spec
(../shared/spec/domain.md §4: the tier weights must sum to 100).
"""
import os
import subprocess
import sys
import time
import unittest

from awb_gui import (AppTestCase, click, extents, find_all, find_one, is_invalid, on_screen,
                     programs, rawinput, run_cli, screenshot, shown_page_tab, text_of,
                     wait_until)

APP, CLI = programs()

TITLE = 'book.sqlite — Advisor Workbench'
DEFAULT_WEIGHTS = '40/20/10/10/20'
WEIGHTS_SUMMARY = ('Tier weights in percent: asset size/trading frequency/needs/risk '
                   'preference/loyalty; sum 100')

# Each page, with the title of its first row.
PAGES = [
    ('RFM', 'Window in Days, or “all”'),
    ('Tiers', 'Factor Weights in Percent'),
    ('Loyalty', 'Large Capital from AUM in CNY'),
    ('Risk', 'Age Points at Most'),
    ('Life Stage', 'Middle-Aged/Senior from Age'),
    ('Strategies', 'Champions'),
]


class SettingsTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = os.path.join(cls.tmp.name, 'book.sqlite')
        subprocess.run([CLI, 'demo', '--db', cls.path, '--clients', '100', '--seed', '3',
                        '--quiet'], check=True)

    def settings(self):
        """{key: (value, default)} from `settings list`."""
        out = run_cli(CLI, 'settings', 'list', '--db', self.path)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual(lines[0].split('\t'), ['key', 'value', 'default'])
        result = {}
        for line in lines[1:]:
            key, value, default = line.split('\t')
            result[key.rstrip('*')] = (value, default)
        return result

    def stored(self, key):
        out = run_cli(CLI, 'settings', 'get', key, '--db', self.path)
        self.assertEqual(out.returncode, 0, out.stderr)
        return out.stdout.rstrip('\n')

    def open_preferences(self):
        self.launch(['--db', self.path])
        win = self.window(TITLE)
        # the client list is up: the window has the focus
        wait_until(lambda: win.child(roleName='tree table', name='Clients'), what='the list')
        rawinput.keyCombo('<Control>comma')
        return wait_until(lambda: next(c for c in self.app.children
                                       if c.roleName == 'frame' and c.name == 'Preferences'),
                          what='the preferences window')

    def row(self, prefs, title):
        """The entry row titled @title (AT-SPI role 'text'), in the window's view."""
        height = extents(prefs)[3]

        def in_view(r):
            _, y, _, h = extents(r)
            return on_screen(r) and y > 0 and y + h < height
        return wait_until(lambda: next(r for r in find_all(prefs, lambda n: n.roleName == 'text'
                                                           and n.name == title)
                                       if in_view(r)),
                          what='the row "%s"' % title)

    def apply(self, row, text):
        """Types @text over the row's text and presses Enter, as a person would."""
        click(row)
        time.sleep(0.3)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(text)
        wait_until(lambda: text_of(row) == text, what='"%s" typed' % text)
        rawinput.pressKey('Return')

    def message_beside(self, row, message):
        """The label beside the field that reads @message."""
        return find_one(row, lambda n: n.roleName == 'label' and n.name == message
                        and on_screen(n))

    def check_refused(self, prefs, title, key, typed, message):
        before = self.stored(key)
        row = self.row(prefs, title)
        self.apply(row, typed)
        wait_until(lambda: is_invalid(row) and row.description == message,
                   what='the row "%s" marked invalid with the message' % title)
        label = wait_until(lambda: self.message_beside(row, message),
                           what='the message beside the field')
        # beside the field: on the same row, right of the title
        rx, ry, rw, rh = extents(row)
        lx, ly, lw, lh = extents(label)
        self.assertTrue(rx < lx and lx + lw <= rx + rw and ry <= ly and ly + lh <= ry + rh,
                        (extents(row), extents(label)))
        # the typed text stays; the book is unchanged
        self.assertEqual(text_of(row), typed)
        self.assertEqual(self.stored(key), before)
        # the command line refuses the same value with the same message
        out = run_cli(CLI, 'settings', 'set', key, typed, '--db', self.path)
        self.assertEqual(out.returncode, 1)
        self.assertIn('advisor-workbench-cli settings: %s\n' % message, out.stderr)
        self.assertEqual(self.stored(key), before)
        return row

    def test_settings(self):
        settings = self.settings()
        self.assertGreater(len(settings), 90)
        self.assertEqual(settings['tier.weights'], (DEFAULT_WEIGHTS, DEFAULT_WEIGHTS))
        prefs = self.open_preferences()

        # General: this computer's manager is still here, and Restore Defaults
        wait_until(lambda: find_one(prefs, lambda n: n.name == 'Relationship Manager'
                                    and on_screen(n)), what='the Relationship Manager row')
        restore = wait_until(lambda: find_one(
            prefs, lambda n: n.roleName == 'push button'
            and (n.name or '').endswith('Restore Defaults…') and on_screen(n)),
            what='the Restore Defaults button')
        screenshot('settings-general', 'Preferences')

        # every setting has a row, showing its value: the texts of the rows
        # are the values of `settings list`, one for one (the Branch Server
        # page's address and user are this computer's, not the book's)
        rows = find_all(prefs, lambda n: n.roleName == 'text'
                        and n.name not in ('Server Address', 'User Name', 'Password'))
        self.assertEqual(len(rows), len(settings))
        self.assertEqual(sorted(text_of(r) for r in rows),
                         sorted(v for v, _ in settings.values()))
        self.assertTrue(all(r.name and r.description for r in rows))

        for page, title in PAGES:
            click(shown_page_tab(prefs, page))
            self.row(prefs, title)
            screenshot('settings-%s' % page.lower().replace(' ', '-'), 'Preferences')

        # refused: the weights sum to 90, not 100 (spec §4)
        click(shown_page_tab(prefs, 'Tiers'))
        weights = self.check_refused(
            prefs, 'Factor Weights in Percent', 'tier.weights', '40/20/10/10/10',
            'Setting “tier.weights” = “40/20/10/10/10”: the weights sum to 90, not 100')
        screenshot('settings-refused', 'Preferences')
        # refused: not a number of trades
        trades = self.check_refused(
            prefs, 'High Frequency from Trades in 12 Months', 'group.high_freq_trades', 'many',
            'Setting “group.high_freq_trades”: “many” is not a valid value: '
            '“many” is not a whole number')
        self.assertTrue(is_invalid(weights))

        # accepted: stored, read back by the command line, the message gone
        self.apply(weights, '50/20/10/10/10')
        wait_until(lambda: not is_invalid(weights), what='the weights accepted')
        self.assertEqual(weights.description, WEIGHTS_SUMMARY)
        self.assertIsNone(self.message_beside(
            weights, 'Setting “tier.weights” = “40/20/10/10/10”: the weights sum to 90, not 100'))
        self.assertEqual(self.stored('tier.weights'), '50/20/10/10/10')
        # stored and shown in the canonical form, as the command line stores it
        self.apply(weights, ' 50 / 20 / 5 / 5 / 20 ')
        wait_until(lambda: text_of(weights) == '50/20/5/5/20', what='the canonical form')
        self.assertFalse(is_invalid(weights))
        self.assertEqual(self.stored('tier.weights'), '50/20/5/5/20')
        # the other row still holds its refused text
        self.assertTrue(is_invalid(trades))
        self.assertEqual(text_of(trades), 'many')

        # Restore Defaults: cancelled, nothing changes
        click(shown_page_tab(prefs, 'General'))
        click(restore)
        dialog = wait_until(lambda: next(c for c in self.app.children
                                         if c.roleName == 'dialog'
                                         and c.name == 'Restore the Default Scoring Settings?'),
                            what='the confirmation')
        screenshot('settings-restore', dialog.name)
        rawinput.pressKey('Escape')
        wait_until(lambda: not any(c.roleName == 'dialog' for c in self.app.children),
                   what='the confirmation closed')
        self.assertEqual(self.stored('tier.weights'), '50/20/5/5/20')

        # confirmed: every setting is its default again, and the rows show it
        click(restore)
        dialog = wait_until(lambda: next(c for c in self.app.children
                                         if c.roleName == 'dialog'
                                         and c.name == 'Restore the Default Scoring Settings?'),
                            what='the confirmation')
        button = wait_until(lambda: next(
            b for b in find_all(dialog, lambda n: n.roleName == 'push button'
                                and (n.name or '').endswith('Restore Defaults'))
            if on_screen(b)), what='the Restore Defaults response')
        click(button)
        wait_until(lambda: self.stored('tier.weights') == DEFAULT_WEIGHTS,
                   what='the default weights stored')
        self.assertTrue(all(v == d for v, d in self.settings().values()))
        self.assertEqual(text_of(weights), DEFAULT_WEIGHTS)
        self.assertFalse(is_invalid(weights))
        self.assertFalse(is_invalid(trades))
        self.assertEqual(text_of(trades), settings['group.high_freq_trades'][1])
        self.assertIsNotNone(find_one(prefs, lambda n: n.name == 'Relationship Manager'))


if __name__ == '__main__':
    if not APP or not CLI:
        sys.exit('usage: test_settings.py PATH/TO/advisor-workbench PATH/TO/advisor-workbench-cli')
    unittest.main(verbosity=2)
