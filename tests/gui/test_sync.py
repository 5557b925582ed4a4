#!/usr/bin/python3
"""The workbench and the branch server, driven through accessibility as a
person would.

Run inside gui-session, inside tests/server/with-pg (a throwaway PostgreSQL
cluster), with Debian's python3:
    tests/server/with-pg tests/gui/gui-session /usr/bin/python3 \\
        tests/gui/test_sync.py build/app/gui/advisor-workbench \\
        build/app/cli/advisor-workbench-cli
A private gnome-keyring-daemon runs on the session's bus for the password.

The branch, seeded here with the command line and psql as the superuser:
the relationship managers 王丽 (login wang.li) and 赵敏 (login zhao.min);
clients C001 甲, C002 乙, C003 丙 are 王丽's, C004 丁 and C005 戊 赵敏's,
C006 己 nobody's.  So wang.li's empty book holds, after its first sync,
exactly 3 clients (C001-C003), worked out by hand from that table.

The test starts the app on an empty book and checks that nothing about a
server shows; types the server's address, the user and the password into
Preferences → Branch Server, presses Test Connection and reads back who the
user is; finds the password in the keyring (secret-tool); closes, presses
Sync and reads the toast (what wang.li may see, counted by hand), the status
bar (the user, "Last synced just now") and the client list (3 clients), and
finds the password nowhere in the book's files.  Score Book on the attached
book shows the store's refusal (the command line's very message) instead of
scoring.  Then C001's mobile phone and email are changed on the server with
psql and to other values in the profile editor: "4 changes waiting to be
pushed" (two fields, two audit entries); a sync reports two conflicts; the
conflicts window opens from the toast's Resolve… and from the status bar's
count; each row's accessible sentence carries both values; Keep Mine for
the phone, Use Server's for the email; the book then holds the local phone
and the server's email, and after the next sync so does the server (psql).
At the end, Forget removes the password from the keyring and the Sync
button from the window, and a password typed and never tested is kept when
the preferences close.
Screenshots: sync-preferences, sync-window, sync-conflicts; test_sync_looks
takes sync-looks-* in Chinese and English, light and dark, at 800 × 600.
"""
import os
import re
import sqlite3
import subprocess
import time
import unittest

from awb_gui import (AppTestCase, click, find_all, find_one, on_screen, programs, rawinput,
                     screenshot, shown_page_tab, type_text, wait_until)

APP, CLI = programs()

PG = os.environ.get('AWB_TEST_PG_URI')
PG_PASSWORD = os.environ.pop('PGPASSWORD', None)   # never the app's: it must use the keyring
DB = 'awb_gui_sync'
USER = 'wang.li'
PASSWORD = 'li 密码:1'
TITLE = 'book.sqlite — Advisor Workbench'

# the branch: client_no, name, manager, phone
CLIENTS = [
    ('C001', '甲', '王丽', '13800000001'),
    ('C002', '乙', '王丽', '13800000002'),
    ('C003', '丙', '王丽', '13800000003'),
    ('C004', '丁', '赵敏', '13800000004'),
    ('C005', '戊', '赵敏', '13800000005'),
    ('C006', '己', None, '13800000006'),
]
MINE = 3            # C001-C003: 王丽's
SERVER_PHONE = '13900000009'   # C001's phone, changed on the server
LOCAL_PHONE = '13700000007'    # and here: kept
SERVER_EMAIL = 'jia@server.example.com'   # C001's email, changed on the server
LOCAL_EMAIL = 'jia@local.example.com'     # and here: the server's is taken


def psql(uri, query):
    env = dict(os.environ)
    if PG_PASSWORD is not None:
        env['PGPASSWORD'] = PG_PASSWORD
    out = subprocess.run(['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', uri, '-c', query],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise AssertionError('psql failed: %s' % out.stderr)
    return out.stdout.strip()


def cli(*args, stdin=None):
    env = dict(os.environ)
    if PG_PASSWORD is not None:
        env['PGPASSWORD'] = PG_PASSWORD
    return subprocess.run([CLI] + list(args), capture_output=True, text=True, input=stdin,
                          env=env)


def start_keyring():
    """A gnome-keyring-daemon on the session's private bus, its login
    keyring created and unlocked with a throwaway password."""
    env = dict(os.environ)
    env.pop('G_DEBUG', None)
    proc = subprocess.Popen(['gnome-keyring-daemon', '--foreground', '--unlock',
                             '--components=secrets'], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    proc.stdin.write(b'awb-test-keyring')
    proc.stdin.close()

    def owned():
        out = subprocess.run(['dbus-send', '--session', '--print-reply',
                              '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus.NameHasOwner',
                              'string:org.freedesktop.secrets'],
                             capture_output=True, text=True)
        return 'boolean true' in out.stdout
    wait_until(owned, what='the secret service on the bus')
    return proc


@unittest.skipUnless(PG, 'run under tests/server/with-pg (AWB_TEST_PG_URI)')
class SyncTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.book = os.path.join(cls.tmp.name, 'book.sqlite')
        cls.su = '%s/%s' % (PG, DB)
        cls.hostport = PG.split('@', 1)[1].split('/', 1)[0]
        cls.address = 'postgresql://%s/%s' % (cls.hostport, DB)
        cls.drop()
        psql(PG + '/postgres', 'CREATE DATABASE %s' % DB)
        out = cli('server', 'init', '--server', cls.su)
        assert out.returncode == 0, out.stderr
        for login, manager in ((USER, '王丽'), ('zhao.min', '赵敏')):
            out = cli('server', 'add-user', '--server', cls.su, '--user', login,
                      '--role', 'manager', '--manager', manager,
                      stdin=(PASSWORD if login == USER else 'zhao pass 2') + '\n')
            assert out.returncode == 0, out.stderr
        values = ', '.join("('%s', '%s', %s, '%s')" % (no, name,
                                                      "'%s'" % m if m else 'NULL', phone)
                           for no, name, m, phone in CLIENTS)
        psql(cls.su, "INSERT INTO awb.clients (client_no, name, manager_id, phone) "
                     "SELECT no, n, (SELECT id FROM awb.managers WHERE name = m), p "
                     "FROM (VALUES %s) AS v (no, n, m, p)" % values)
        psql(cls.su, "INSERT INTO awb.trades (client_id, trade_date, commission, amount, trade_no) "
                     "SELECT id, 20250102, 100, 10000, 'T-' || client_no FROM awb.clients")
        cls.keyring = start_keyring()

    @classmethod
    def tearDownClass(cls):
        cls.keyring.terminate()
        cls.keyring.wait(timeout=10)
        cls.drop()
        super().tearDownClass()

    @classmethod
    def drop(cls):
        psql(PG + '/postgres', 'DROP DATABASE IF EXISTS %s WITH (FORCE)' % DB)
        for role in (USER, 'zhao.min'):
            psql(PG + '/postgres', 'DROP ROLE IF EXISTS "%s"' % role)

    def book_sql(self, query, *args):
        with sqlite3.connect(self.book) as db:
            return db.execute(query, args).fetchall()

    def shown(self, win, role, name):
        return wait_until(lambda: next(n for n in find_all(win, lambda n: n.roleName == role
                                                           and n.name == name)
                                       if on_screen(n)),
                          what='the %s "%s"' % (role, name))

    def status_text(self, win):
        bar = find_one(win, lambda n: n.name == 'Branch Server Status')
        if bar is None or not on_screen(bar):
            return None
        labels = [n for n in find_all(bar, lambda n: n.roleName == 'label') if on_screen(n)]
        return labels[0].name if labels else None

    def type_row(self, win, title, text):
        row = wait_until(lambda: next(
            n for n in find_all(win, lambda n: n.name == title
                                and n.roleName in ('text', 'password text'))
            if on_screen(n)), what='the row "%s"' % title)
        return type_text(row, text)

    def sync(self, win):
        click(self.shown(win, 'push button', 'Sync with Branch Server'))
        # the button comes back when the job is done
        time.sleep(0.5)
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'push button'
                                    and n.name == 'Sync with Branch Server'
                                    and on_screen(n)), timeout=60, what='the sync done')
        failed = next((w for w in self.app.children if w.name == 'Sync Failed'), None)
        if failed is not None:
            texts = [n.name for n in find_all(failed, lambda n: n.roleName == 'label')]
            self.fail('the sync failed: %r' % texts)

    def test_sync(self):
        self.launch(['--db', self.book])
        win = self.window(TITLE)
        self.label_named(win, 'No Clients Yet')
        # without a server nothing shows
        time.sleep(1)
        self.assertIsNone(find_one(win, lambda n: n.name == 'Sync with Branch Server'
                                   and on_screen(n)))
        self.assertIsNone(self.status_text(win))

        # Preferences → Branch Server
        rawinput.keyCombo('<Control>comma')
        prefs = self.window('Preferences')
        click(shown_page_tab(prefs, 'Branch Server'))
        self.type_row(prefs, 'Server Address', self.address)
        self.type_row(prefs, 'User Name', USER)
        self.type_row(prefs, 'Password', PASSWORD)
        click(self.shown(prefs, 'push button', 'Test Connection'))
        self.label_named(prefs, 'Connected as wang.li, relationship manager 王丽.', timeout=30)
        screenshot('sync-preferences', 'Preferences')
        # the password is in the keyring under the app's schema, not in the settings
        out = subprocess.run(['secret-tool', 'lookup', 'server', self.address, 'user', USER],
                             capture_output=True, text=True)
        self.assertEqual(out.stdout, PASSWORD)
        rawinput.pressKey('Escape')
        wait_until(lambda: not any(w.name == 'Preferences' for w in self.app.children),
                   what='the preferences closed')

        # with a server: the button and the status bar
        self.assertEqual(wait_until(lambda: self.status_text(win), what='the status bar'),
                         'Not synced yet: press Sync to fetch your clients from the branch server')
        self.sync(win)
        # the toast: what wang.li may see, by hand: the 2 managers (no row
        # security on awb.managers), his 3 clients and their 3 trades
        self.label_named(win, 'Pulled 8 changes.', timeout=8)
        wait_until(lambda: self.status_text(win) ==
                   'Signed in as wang.li (relationship manager, 王丽) · Last synced just now'
                   ' · Nothing waiting to be pushed',
                   what='the status after the first sync')
        self.label_named(win, '%d clients' % MINE)
        for suffix in ('', '-wal'):
            if os.path.exists(self.book + suffix):
                with open(self.book + suffix, 'rb') as f:
                    self.assertNotIn(PASSWORD.encode(), f.read())
        self.assertEqual(sorted(r[0] for r in self.book_sql('SELECT client_no FROM clients')),
                         ['C001', 'C002', 'C003'])
        screenshot('sync-window', TITLE)

        # an attached book takes its runs from the server: Score Book shows
        # the store's refusal, the command line's very message, and the
        # book keeps no local run
        refusal = cli('score', '--db', self.book)
        self.assertNotEqual(refusal.returncode, 0)
        message = refusal.stderr.strip().split(': ', 1)[1]
        self.assertTrue(message.startswith('This book is a working copy of the branch book on '),
                        message)
        self.menu_item(win, 'Score Book')
        dialog = wait_until(lambda: next(c for c in self.app.children
                                         if c.roleName == 'dialog' and c.name == 'Scoring Failed'),
                            what='the scoring refused')
        wait_until(lambda: dialog.findChild(lambda n: n.roleName == 'label' and n.name == message,
                                            retry=False),
                   what='the store\'s message in the dialog')
        rawinput.pressKey('Escape')
        wait_until(lambda: not [c for c in self.app.children if c.roleName == 'dialog'],
                   what='the dialog closed')
        self.assertEqual(self.book_sql('SELECT count(*) FROM scoring_runs'), [(0,)])

        # the same field changed on both sides
        psql(self.su, "UPDATE awb.clients SET phone = '%s', email = '%s' WHERE client_no = 'C001'"
             % (SERVER_PHONE, SERVER_EMAIL))
        rawinput.keyCombo('<Control>f')
        time.sleep(0.2)
        rawinput.typeText('C001')
        self.label_named(win, '1 of 3 clients')
        rawinput.pressKey('Return')
        editor = self.window('甲')
        self.type_row(editor, 'Mobile Phone', LOCAL_PHONE)
        self.type_row(editor, 'Email', LOCAL_EMAIL)
        rawinput.keyCombo('<Control>s')
        wait_until(lambda: self.book_sql("SELECT phone, email FROM clients"
                                         " WHERE client_no = 'C001'")
                   == [(LOCAL_PHONE, LOCAL_EMAIL)], what='the phone and email saved in the book')
        rawinput.keyCombo('<Control>w')
        wait_until(lambda: not any(w.name == '甲' for w in self.app.children),
                   what='the editor closed')
        # one save, four changes to push: the two fields and the audit log's
        # entry for each (the book's outbox triggers record them all)
        self.assertEqual(self.book_sql("SELECT tbl, coalesce (field, '') FROM sync_outbox"
                                       " ORDER BY 1, 2"),
                         [('audit_log', ''), ('audit_log', ''), ('clients', 'email'),
                          ('clients', 'phone')])
        wait_until(lambda: (self.status_text(win) or '').endswith(
            ' · 4 changes waiting to be pushed'),
            what='four changes waiting')

        self.sync(win)
        # by hand: the server took the two audit entries, not the fields
        # (changed there too); the pull brings C001's row, changed on the server
        self.label_named(win, 'Pushed 2 changes. Pulled 1 change. 2 conflicts wait for you.',
                         timeout=8)
        # the toast's Resolve… opens the conflicts
        resolve = wait_until(lambda: next(n for n in find_all(win, lambda n: n.roleName ==
                                                              'push button'
                                                              and 'Resolve…' in (n.name or ''))
                                          if on_screen(n)), what='the toast\'s Resolve…')
        click(resolve)
        cw = self.window('Sync Conflicts')
        rawinput.pressKey('Escape')
        wait_until(lambda: not any(w.name == 'Sync Conflicts' for w in self.app.children),
                   what='the conflicts window closed')
        # and so does the status bar's conflict count
        click(self.shown(win, 'push button', 'Show the 2 conflicts waiting for you'))
        cw = self.window('Sync Conflicts')
        row = wait_until(lambda: find_one(cw, lambda n: (n.name or '').startswith(
            'Mobile Phone of 甲 is ')), what='the conflict row')
        self.assertTrue(row.name.startswith('Mobile Phone of 甲 is “%s” here and “%s” on the server'
                                            % (LOCAL_PHONE, SERVER_PHONE)), row.name)
        self.assertTrue(re.search(r'on the server(, where \S+ changed it)?\.$', row.name),
                        row.name)
        screenshot('sync-conflicts', 'Sync Conflicts')
        email = wait_until(lambda: find_one(cw, lambda n: (n.name or '').startswith(
            'Email of 甲 is ')), what='the email conflict row')
        self.assertTrue(email.name.startswith('Email of 甲 is “%s” here and “%s” on the server'
                                              % (LOCAL_EMAIL, SERVER_EMAIL)), email.name)
        keep = next(n for n in find_all(row, lambda n: n.roleName == 'push button'
                                        and n.name == 'Keep Mine'))
        click(keep)
        # the list is read again: one conflict left, the email's
        def conflict_rows():
            return [n for n in find_all(cw, lambda n: (n.name or '').startswith(
                ('Email of ', 'Mobile Phone of ')))]
        rows = wait_until(lambda: (lambda r: r if len(r) == 1 else None)(conflict_rows()),
                          what='one conflict left')
        self.assertTrue(rows[0].name.startswith('Email of 甲 is '), rows[0].name)
        use = next(n for n in find_all(rows[0], lambda n: n.roleName == 'push button'
                                       and n.name == 'Use Server’s'))
        click(use)
        self.label_named(cw, 'No Conflicts')
        rawinput.pressKey('Escape')
        wait_until(lambda: not any(w.name == 'Sync Conflicts' for w in self.app.children),
                   what='the conflicts window closed')
        # the phone kept here, pushed at the next sync; the server's email
        # written into the book now, and left alone on the server
        self.assertEqual(self.book_sql("SELECT phone, email FROM clients"
                                       " WHERE client_no = 'C001'"),
                         [(LOCAL_PHONE, SERVER_EMAIL)])
        self.sync(win)
        self.assertEqual(psql(self.su, "SELECT phone || ' ' || email FROM awb.clients"
                                       " WHERE client_no = 'C001'"),
                         '%s %s' % (LOCAL_PHONE, SERVER_EMAIL))
        wait_until(lambda: self.status_text(win) ==
                   'Signed in as wang.li (relationship manager, 王丽) · Last synced just now'
                   ' · Nothing waiting to be pushed',
                   what='nothing waiting after the last sync (now %r)' % self.status_text(win))
        self.assertIsNone(find_one(win, lambda n: (n.name or '').startswith('Show the ')
                                   and on_screen(n)))

        # Forget: the password leaves the keyring, Sync leaves the window; the
        # book stays attached, so its status stays in sight
        rawinput.keyCombo('<Control>comma')
        prefs = self.window('Preferences')
        click(shown_page_tab(prefs, 'Branch Server'))
        click(self.shown(prefs, 'push button', 'Forget'))
        self.label_named(prefs, 'The server, the user and the password are forgotten: the book '
                                'is this computer’s own until a server is set again.')
        out = subprocess.run(['secret-tool', 'lookup', 'server', self.address, 'user', USER],
                             capture_output=True, text=True)
        self.assertEqual((out.returncode, out.stdout), (1, ''))
        wait_until(lambda: find_one(win, lambda n: n.name == 'Sync with Branch Server'
                                    and on_screen(n)) is None, what='the Sync button gone')
        # typed again and never tested: the password is kept when the window closes
        self.type_row(prefs, 'Server Address', self.address)
        self.type_row(prefs, 'User Name', USER)
        self.type_row(prefs, 'Password', PASSWORD)
        rawinput.pressKey('Escape')
        wait_until(lambda: not any(w.name == 'Preferences' for w in self.app.children),
                   what='the preferences closed')
        wait_until(lambda: subprocess.run(['secret-tool', 'lookup', 'server', self.address,
                                           'user', USER], capture_output=True,
                                          text=True).stdout == PASSWORD,
                   what='the password kept at closing')
        self.shown(win, 'push button', 'Sync with Branch Server')

    # ---- how it looks: Chinese and English, light and dark, 800 × 600 ----

    # the names a person reads, in each language
    LOOKS = {
        None: {'title': 'looks.sqlite — Advisor Workbench', 'status': 'Branch Server Status',
               'conflicts': 'Sync Conflicts', 'prefs': 'Preferences', 'page': 'Branch Server',
               'row': 'Mobile Phone of 丁 is “%s” here and “%s” on the server'},
        'zh_CN': {'title': 'looks.sqlite — 投顾工作台', 'status': '营业部服务器状态',
                  'conflicts': '同步冲突', 'prefs': '首选项', 'page': '营业部服务器',
                  'row': '丁 的手机号码在本机为“%s”，在服务器上为“%s”'},
    }

    def test_sync_looks(self):
        """zhao.min's book, synced and with one conflict (made with the
        command line, sqlite3 and psql), opened in Chinese and English,
        light and dark, at 800 × 600 and at the session's size: the status
        bar with its conflict count, the conflicts window (its row's
        sentence carries both values, in each language) and the Branch
        Server page.  Screenshots sync-looks-*."""
        book = os.path.join(self.tmp.name, 'looks.sqlite')
        env = dict(os.environ, PGPASSWORD='zhao pass 2')
        uri = 'postgresql://zhao.min@%s/%s' % (self.hostport, DB)
        run = subprocess.run([CLI, 'sync', '--db', book, '--server', uri],
                             capture_output=True, text=True, env=env)
        self.assertEqual(run.returncode, 0, run.stderr)
        with sqlite3.connect(book) as db:
            db.execute("UPDATE clients SET phone = '13700000044' WHERE client_no = 'C004'")
        psql(self.su, "UPDATE awb.clients SET phone = '13900000044' WHERE client_no = 'C004'")
        run = subprocess.run([CLI, 'sync', '--db', book, '--server', uri],
                             capture_output=True, text=True, env=env)
        self.assertEqual(run.returncode, 0, run.stderr)
        with sqlite3.connect(book) as db:
            self.assertEqual(db.execute('SELECT count(*) FROM sync_conflicts').fetchone()[0], 1)

        for language, dark, small in (('zh_CN', False, True), (None, True, True),
                                      ('zh_CN', True, False)):
            names = self.LOOKS[language]
            suffix = '-%s-%s%s' % (language or 'en', 'dark' if dark else 'light',
                                   '-800x600' if small else '')
            config_home = os.path.join(self.tmp.name, 'config' + suffix)
            folder = os.path.join(config_home, 'glib-2.0', 'settings')
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, 'keyfile'), 'w') as f:
                f.write("[io/github/advisorworkbench/Workbench]\nserver-address='%s'\n"
                        "server-user='zhao.min'\n" % self.address)
                if small:
                    f.write('window-width=800\nwindow-height=600\n')
            extra = {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config_home}
            if dark:
                extra['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
            self.launch(['--db', book], language, extra)
            win = self.window(names['title'])
            bar = wait_until(lambda: find_one(win, lambda n: n.name == names['status']
                                              and on_screen(n)), what='the status bar')
            button = wait_until(lambda: find_one(bar, lambda n: n.roleName == 'push button'
                                                 and on_screen(n)),
                                what='the conflict count')
            time.sleep(0.5)
            screenshot('sync-looks-window' + suffix, names['title'])
            click(button)
            cw = self.window(names['conflicts'])
            wanted = names['row'] % ('13700000044', '13900000044')
            wait_until(lambda: find_one(cw, lambda n: (n.name or '').startswith(wanted)),
                       what='the conflict row reading "%s"' % wanted)
            screenshot('sync-looks-conflicts' + suffix, names['conflicts'])
            rawinput.pressKey('Escape')
            wait_until(lambda: not any(w.name == names['conflicts'] for w in self.app.children),
                       what='the conflicts window closed')
            rawinput.keyCombo('<Control>comma')
            prefs = self.window(names['prefs'])
            click(shown_page_tab(prefs, names['page']))
            time.sleep(0.5)
            screenshot('sync-looks-preferences' + suffix, names['prefs'])
            self.stop()


if __name__ == '__main__':
    unittest.main(verbosity=2)
