#!/usr/bin/python3
"""The client list, driven through accessibility as a person would.

Run inside gui-session with Debian's python3:
    tests/gui/gui-session /usr/bin/python3 tests/gui/test_client_list.py \\
        build/app/gui/advisor-workbench build/app/cli/advisor-workbench-cli
On the demo book (5,000 clients, as `advisor-workbench --demo` makes it),
scored as of today with the command line, it finds clients by part of a
Chinese name, by pinyin initials (a surname read as a surname among them),
by client ID and by the last four digits of a phone; filters by tier and by
manager and compares the counts with SQL; sorts by AUM and reads the first
rows back; checks the names a screen reader hears, the keyboard (Ctrl+F,
Alt+1/2/3, Tab out of the list), "My Clients", the masked numbers and the
export of a filtered list; and saves screenshots in English and Chinese,
light and dark, and at 800 × 600.

Every expected value is worked out here from the book with SQL and from a
pinyin table typed by hand, not read from the application.
"""
import csv
import os
import re
import sqlite3
import subprocess
import sys
import time
import unittest

from awb_gui import (AppTestCase, click, find_all, find_one, grouped, money, on_screen,
                     programs, pyatspi, rawinput, screenshot, wait_until)

APP, CLI = programs()

# The demo generator's vocabulary (app/demo/awb-demo-vocabulary.c) and the
# reading a person types for each character, typed by hand from a
# dictionary: surnames as surnames (曾 zeng, not ceng), given-name
# characters in their usual reading.
PINYIN = {
    '王': 'wang', '李': 'li', '张': 'zhang', '刘': 'liu', '陈': 'chen', '杨': 'yang',
    '黄': 'huang', '赵': 'zhao', '吴': 'wu', '周': 'zhou', '徐': 'xu', '孙': 'sun', '马': 'ma',
    '朱': 'zhu', '胡': 'hu', '郭': 'guo', '何': 'he', '林': 'lin', '高': 'gao', '罗': 'luo',
    '郑': 'zheng', '梁': 'liang', '谢': 'xie', '宋': 'song', '唐': 'tang', '许': 'xu',
    '韩': 'han', '冯': 'feng', '邓': 'deng', '曹': 'cao', '彭': 'peng', '曾': 'zeng',
    '肖': 'xiao', '田': 'tian', '董': 'dong', '袁': 'yuan', '潘': 'pan', '于': 'yu',
    '蒋': 'jiang', '蔡': 'cai', '余': 'yu', '杜': 'du', '叶': 'ye', '程': 'cheng', '沈': 'shen',
    '钱': 'qian', '顾': 'gu', '陆': 'lu', '欧': 'ou', '阳': 'yang', '司': 'si',
    # the managers' names that are not below: 李晓梅
    '晓': 'xiao',
    # given names (a man's)
    '伟': 'wei', '强': 'qiang', '磊': 'lei', '军': 'jun', '勇': 'yong', '杰': 'jie', '涛': 'tao',
    '斌': 'bin', '超': 'chao', '明': 'ming', '刚': 'gang', '平': 'ping', '辉': 'hui', '鹏': 'peng',
    '华': 'hua', '飞': 'fei', '鑫': 'xin', '波': 'bo', '宇': 'yu', '浩': 'hao', '凯': 'kai',
    '健': 'jian', '俊': 'jun', '帆': 'fan', '旭': 'xu', '宁': 'ning', '龙': 'long', '洋': 'yang',
    '峰': 'feng', '建': 'jian', '国': 'guo', '志': 'zhi', '文': 'wen', '海': 'hai', '东': 'dong',
    '晨': 'chen', '博': 'bo', '成': 'cheng', '亮': 'liang', '振': 'zhen',
    # given names (a woman's)
    '芳': 'fang', '娜': 'na', '敏': 'min', '静': 'jing', '丽': 'li', '艳': 'yan', '娟': 'juan',
    '霞': 'xia', '秀': 'xiu', '玲': 'ling', '燕': 'yan', '婷': 'ting', '雪': 'xue', '慧': 'hui',
    '莉': 'li', '琳': 'lin', '颖': 'ying', '倩': 'qian', '晶': 'jing', '洁': 'jie', '红': 'hong',
    '梅': 'mei', '萍': 'ping', '兰': 'lan', '琴': 'qin', '云': 'yun', '欣': 'xin', '悦': 'yue',
    '怡': 'yi', '佳': 'jia', '雯': 'wen', '璐': 'lu', '蕾': 'lei', '瑶': 'yao', '丹': 'dan',
    '英': 'ying',
}
# The surnames' order in pinyin (ICU's Chinese collation: by pinyin, then
# the character): what the first rows of the list must follow.
SURNAMES = ['蔡', '曹', '曾', '陈', '程', '邓', '董', '杜', '冯', '高', '顾', '郭', '韩', '何',
            '胡', '黄', '蒋', '李', '梁', '林', '刘', '陆', '罗', '马', '欧', '潘', '彭', '钱',
            '沈', '司', '宋', '孙', '唐', '田', '王', '吴', '肖', '谢', '徐', '许', '杨', '叶',
            '于', '余', '袁', '曾', '张', '赵', '郑', '周', '朱']


def syllables(name):
    return [PINYIN[c] for c in name]


def pinyin_matches(sylls, query):
    """The search's rule, written again from its description: the query is
    non-empty prefixes of consecutive syllables, from any syllable."""
    def from_syllable(i, q):
        if not q:
            return True
        if i == len(sylls):
            return False
        s = sylls[i]
        for k in range(1, min(len(s), len(q)) + 1):
            if q[:k] == s[:k] and from_syllable(i + 1, q[k:]):
                return True
        return False
    return any(from_syllable(i, query) for i in range(len(sylls)))


def phone_digits(phone):
    d = re.sub(r'\D', '', phone or '')
    if len(d) == 13 and d.startswith('861'):
        d = d[2:]
    return d


def phone_matches(phone, q):
    """A number typed from its start, or found within its last four digits."""
    d = phone_digits(phone)
    if not q or len(q) > len(d):
        return False
    if d.startswith(q):
        return True
    return any(d[at:at + len(q)] == q for at in range(max(0, len(d) - 4), len(d) - len(q) + 1))


class Book:
    def __init__(self, path):
        self.path = path
        db = sqlite3.connect(path)
        self.run, = db.execute('SELECT max(id) FROM scoring_runs').fetchone()
        self.clients = db.execute(
            'SELECT c.id, c.client_no, c.name, c.phone, c.aum, m.name, s.tier'
            ' FROM clients c LEFT JOIN managers m ON m.id = c.manager_id'
            ' LEFT JOIN scores s ON s.id = (? << 32) + c.id', (self.run,)).fetchall()
        self.n = len(self.clients)
        db.close()

    def matching(self, query):
        """The clients the search for @query must find, by the rules."""
        q = query.strip().lower()
        letters = re.sub(r"[\s']", '', q)
        digits = re.sub(r'[\s\-+()]', '', q)
        found = set()
        for cid, client_no, name, phone, aum, manager, tier in self.clients:
            if (q in name.lower() or q.replace(' ', '') in client_no.lower()
                    or (digits.isdigit() and phone_matches(phone, digits))
                    or (letters.isalpha() and letters.isascii()
                        and pinyin_matches(syllables(name), letters))):
                found.add(cid)
        return found


class ClientListTest(AppTestCase):
    APP = APP
    CLI = CLI

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        path = os.path.join(cls.tmp.name, 'demo.sqlite')
        subprocess.run([CLI, 'demo', '--db', path, '--clients', '5000', '--seed', '1',
                        '--quiet'], check=True)
        subprocess.run([CLI, 'score', '--db', path, '--quiet'], check=True,
                       stdout=subprocess.DEVNULL)
        cls.book = Book(path)

    def open_list(self, language=None, extra_env=None, title='demo.sqlite — Advisor Workbench'):
        self.launch(['--db', self.book.path], language, extra_env)
        win = self.window(title)
        table = wait_until(lambda: win.child(roleName='tree table'), what='the client list')
        return win, table

    def count_label(self, win):
        """The count under the list (found once: a walk of the window takes
        a while over the accessibility bus)."""
        if getattr(self, '_count', None) is None or self._count_win is not win:
            self._count = wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and re.match(
                r'^[\d,]+ (of [\d,]+ )?clients?$', n.name or '')), what='the count under the list')
            self._count_win = win
        return self._count

    def wait_count(self, win, n, total=None, timeout=30.0):
        total = self.book.n if total is None else total
        text = ('%s clients' % grouped(total)) if n == total else \
            '%s of %s clients' % (grouped(n), grouped(total))
        wait_until(lambda: self.count_label(win).name == text, timeout=timeout,
                   what='the count "%s" (now "%s")' % (text, self.count_label(win).name))

    def rows(self, table):
        listing = wait_until(lambda: table.child(roleName='list'), what='the rows')
        return [r for r in listing.children if r.roleName == 'table row']

    def cell_texts(self, row):
        """{column title: the text the cell shows}, read from the cells'
        names, "Title: text" (what the cell draws is hidden from screen
        readers: the cell's name says it)."""
        texts = {}
        for cell in row.children:
            if cell.roleName != 'table cell' or ': ' not in (cell.name or ''):
                continue
            self.assertEqual(cell.childCount, 0, cell.name)
            title, text = cell.name.split(': ', 1)
            texts[title] = text
        return texts

    def shown_names(self, table, n):
        """The names of the first @n rows of the list, in order."""
        names = {}
        for row in self.rows(table):
            m = re.match(r'^Row ([\d,]+) of [\d,]+$', row.description or '')
            if m:
                names[int(m.group(1).replace(',', '')) - 1] = self.cell_texts(row).get('Name')
        return [names[i] for i in range(n) if i in names]

    def search(self, win, text):
        rawinput.keyCombo('<Control>f')
        time.sleep(0.2)
        rawinput.keyCombo('<Control>a')
        rawinput.pressKey('BackSpace')
        if text:
            rawinput.typeText(text)

    def test_find(self):
        win, table = self.open_list()
        self.wait_count(win, self.book.n)
        screenshot('clients-list', 'demo.sqlite — Advisor Workbench')

        # the table and its titles have names; the count is its description
        self.assertEqual(table.name, 'Clients')
        wait_until(lambda: table.description == '%s clients' % grouped(self.book.n))
        titles = [n.name for n in table.findChildren(
            lambda n: n.roleName in ('filler', 'column header') and n.parent.roleName != 'table cell')]
        # the row of titles is not "GtkListItemWidget"
        title_rows = [r for r in table.children if r.roleName == 'table row']
        self.assertEqual([r.name for r in title_rows], ['Column titles'])
        self.assertEqual(titles[:13], ['Name', 'Client ID', 'Phone', 'Manager', 'Tier',
                                       'RFM Segment', 'Loyalty Type', 'Risk Level', 'AUM (CNY)',
                                       'Last Contact', 'Next Due', 'Next Best Action',
                                       'ID Number'])

        # names in pinyin order: the surnames of the first rows follow the
        # hand-typed order, and 于 (yu) is not first though its code point is
        first = wait_until(lambda: (lambda s: s if len(s) >= 20 else None)(
            self.shown_names(table, 25)), what='the first rows')
        ranks = [SURNAMES.index(name[0]) if name[:2] not in ('欧阳', '司马') else
                 SURNAMES.index(name[0]) for name in first]
        self.assertEqual(ranks, sorted(ranks), first)
        self.assertNotEqual(first[0][0], '于')

        # every row is named after its client, with its position
        row = self.rows(table)[0]
        texts = self.cell_texts(row)
        self.assertTrue(row.name.startswith('%s, account %s, ' % (texts['Name'], texts['Client ID'])),
                        row.name)
        self.assertRegex(row.description, r'^Row [\d,]+ of 5,000$')
        # phone and ID numbers are masked
        self.assertRegex(texts['Phone'], r'^1\d\d\*\*\*\*\d{4}$')
        self.assertRegex(texts['ID Number'], r'^\d{4}\*{10}[\dX]{4}$')

        # controls have names, without a mnemonic's underscore
        for name in ('Search Clients', 'Filters', 'Export This List…'):
            self.assertIsNotNone(find_one(win, lambda n: n.name == name), name)
        for button in find_all(win, lambda n: n.roleName in ('push button', 'toggle button')):
            self.assertNotIn('_', button.name)
            self.assertFalse(button.name.startswith('Gtk'), button.name)

        # 1. part of a Chinese name: a client's given name
        db = sqlite3.connect(self.book.path)
        given = db.execute("SELECT substr(name, 2) FROM clients WHERE length(name) = 3"
                           " ORDER BY client_no LIMIT 1 OFFSET 100").fetchone()[0]
        expected = self.book.matching(given)
        sql_count, = db.execute('SELECT count(*) FROM clients WHERE instr(name, ?) > 0',
                                (given,)).fetchone()
        self.assertEqual(len(expected), sql_count)
        t0 = time.monotonic()
        self.search(win, given)
        self.wait_count(win, len(expected))
        t1 = time.monotonic()
        for name in self.shown_names(table, min(len(expected), 10)):
            self.assertIn(given, name)
        print('\n"%s": %d of %d clients, read back over AT-SPI %.2f s after the typing ended'
              % (given, len(expected), self.book.n, t1 - t0), file=sys.stderr)

        # 2. pinyin initials, with a surname read as a surname: 曾 is zeng
        name, client_no = db.execute("SELECT name, client_no FROM clients WHERE name LIKE '曾%'"
                                     " AND length(name) = 3 ORDER BY client_no").fetchone()
        initials = ''.join(s[0] for s in syllables(name))
        self.assertEqual(initials[0], 'z')
        expected = self.book.matching(initials)
        self.search(win, initials)
        self.wait_count(win, len(expected))
        screenshot('clients-search-initials', 'demo.sqlite — Advisor Workbench')
        shown = self.shown_names(table, min(len(expected), 40))
        for n in shown:
            self.assertTrue(pinyin_matches(syllables(n), initials), n)
        # read as céng it is not found
        wrong = 'c' + initials[1:]
        wrong_expected = self.book.matching(wrong)
        self.assertNotIn(name, [c[2] for c in self.book.clients if c[0] in wrong_expected])
        self.search(win, wrong)
        self.wait_count(win, len(wrong_expected))
        self.assertNotIn(name, self.shown_names(table, min(len(wrong_expected), 40)))
        # the whole reading finds it too
        self.search(win, ''.join(syllables(name)))
        self.wait_count(win, len(self.book.matching(''.join(syllables(name)))))
        self.assertIn(name, self.shown_names(table, 10))

        # 3. the client ID, whole and in part
        self.search(win, client_no)
        self.wait_count(win, 1)
        self.assertEqual(self.shown_names(table, 1), [name])
        part = client_no[3:8]
        self.search(win, part)
        self.wait_count(win, len(self.book.matching(part)))

        # 4. the last four digits of a phone
        phone, = db.execute('SELECT phone FROM clients WHERE client_no = ?', (client_no,)).fetchone()
        ending = phone_digits(phone)[-4:]
        expected = self.book.matching(ending)
        self.assertIn(name, [c[2] for c in self.book.clients if c[0] in expected])
        self.search(win, ending)
        self.wait_count(win, len(expected))
        for row in self.rows(table)[:5]:
            texts = self.cell_texts(row)
            if texts.get('Phone', '').endswith(ending):
                break
        else:
            self.fail('no phone ending in %s among the first rows' % ending)

        # nothing matches: said so
        self.search(win, '无此客户')
        self.wait_count(win, 0)
        self.assertIsNotNone(wait_until(lambda: find_one(
            win, lambda n: n.name == 'No Matching Clients')))
        self.search(win, '')
        self.wait_count(win, self.book.n)
        db.close()

    def open_filters(self, win):
        """Clicks the filter button until its popover is there (a click made
        while the window is still settling can be lost)."""
        button = wait_until(lambda: find_one(win, lambda n: n.name == 'Filters'
                                             and n.roleName == 'push button'
                                             and 'click' in n.actions))
        for attempt in range(5):
            button.doActionNamed('click')
            try:
                return wait_until(lambda: find_one(win, lambda n: n.name == 'Filters'
                                                   and n.roleName not in ('push button',)
                                                   and on_screen(n)),
                                  timeout=3, what='the filters')
            except AssertionError:
                if attempt == 4:
                    raise

    def choose(self, win, combo_name, steps):
        """Opens the drop-down @combo_name of the filters and moves @steps
        items down with the keyboard (popovers are surfaces of their own,
        whose AT-SPI coordinates are not the screen's)."""
        popover = wait_until(lambda: find_one(win, lambda n: n.name == 'Filters'
                                              and n.roleName not in ('push button',)),
                             what='the filters')
        combo = wait_until(lambda: find_one(popover, lambda n: n.roleName == 'combo box'
                                            and n.name == combo_name), what=combo_name)
        combo.children[0].doActionNamed('click')
        time.sleep(0.5)
        for _ in range(abs(steps)):
            rawinput.pressKey('Down' if steps > 0 else 'Up')
            time.sleep(0.1)
        rawinput.pressKey('Return')
        time.sleep(0.3)

    def test_filter_and_sort(self):
        win, table = self.open_list()
        self.wait_count(win, self.book.n)
        db = sqlite3.connect(self.book.path)
        self.open_filters(win)

        # tier VIP (the first value after "Any")
        vip, = db.execute('SELECT count(*) FROM scores WHERE run_id = ? AND tier = 0',
                          (self.book.run,)).fetchone()
        self.choose(win, 'Tier', 1)
        self.wait_count(win, vip)
        # and a manager: 李晓梅, second in pinyin order after 陈静 (chen, li, liu, sun, wang,
        # wu, zhang, zhou)
        managers = sorted((r[0] for r in db.execute('SELECT name FROM managers')),
                          key=syllables)
        self.assertEqual(managers[:2], ['陈静', '李晓梅'])
        both, = db.execute(
            'SELECT count(*) FROM clients c JOIN managers m ON m.id = c.manager_id'
            ' JOIN scores s ON s.id = (? << 32) + c.id WHERE m.name = ? AND s.tier = 0',
            (self.book.run, '李晓梅')).fetchone()
        self.choose(win, 'Manager', 2)
        self.wait_count(win, both)
        screenshot('clients-filtered', 'demo.sqlite — Advisor Workbench')
        # the manager alone: the tier back to "Any" (its list opens at VIP)
        alone, = db.execute('SELECT count(*) FROM clients c JOIN managers m ON m.id = c.manager_id'
                            ' WHERE m.name = ?', ('李晓梅',)).fetchone()
        self.choose(win, 'Tier', -1)
        self.wait_count(win, alone)
        rawinput.pressKey('Escape')

        # the filtered list exports as it is
        exported = os.path.join(self.tmp.name, 'filtered.csv')
        shown = int(self.count_label(win).name.split(' ')[0].replace(',', ''))
        export = wait_until(lambda: find_one(win, lambda n: n.name == 'Export This List…'
                                             and n.roleName == 'push button'))
        export.doActionNamed('click')
        wait_until(lambda: next(c for c in self.app.children if c.name == 'Export This List'),
                   what='the export file chooser')
        time.sleep(0.3)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(exported)
        time.sleep(0.3)
        rawinput.pressKey('Return')
        wait_until(lambda: os.path.exists(exported), what='the exported file')
        with open(exported, encoding='utf-8-sig', newline='') as f:
            records = list(csv.reader(f))
        self.assertEqual(records[0][:3], ['client_id', 'name', 'gender'])
        self.assertEqual(len(records) - 1, shown)
        managers_col = records[0].index('manager')
        self.assertEqual({r[managers_col] for r in records[1:]}, {'李晓梅'})

        # clear the filters: every client again
        popover = self.open_filters(win)
        wait_until(lambda: find_one(popover, lambda n: n.name == 'Clear Filters')).doActionNamed('click')
        rawinput.pressKey('Escape')
        self.wait_count(win, self.book.n)

        # sort by AUM: a click sorts ascending, a second descending
        header = wait_until(lambda: find_one(table, lambda n: n.name == 'AUM (CNY)'
                                             and n.parent.roleName != 'table cell'),
                            what='the AUM title')
        aums = sorted(c[4] for c in self.book.clients)
        click(header)
        wait_until(lambda: [self.cell_texts(r).get('AUM (CNY)') for r in self.rows(table)[:1]]
                   == [money(aums[0])], what='the smallest AUM first')
        # two clicks in quick succession may be taken for a double click (a
        # CI run saw the second one do nothing): pause as a person does
        time.sleep(1.0)
        click(header)
        top = [money(a) for a in sorted(aums, reverse=True)[:5]]
        wait_until(lambda: self.first_aums(table) == top, what='the largest AUMs first')
        screenshot('clients-by-aum', 'demo.sqlite — Advisor Workbench')
        db.close()

    def first_aums(self, table):
        texts = {}
        for row in self.rows(table):
            m = re.match(r'^Row ([\d,]+) of', row.description or '')
            if m and int(m.group(1).replace(',', '')) <= 5:
                texts[int(m.group(1).replace(',', ''))] = self.cell_texts(row).get('AUM (CNY)')
        return [texts.get(i) for i in range(1, 6)]

    def test_keyboard(self):
        win, table = self.open_list()
        self.wait_count(win, self.book.n)
        entry = wait_until(lambda: find_one(win, lambda n: n.name == 'Search Clients'))
        rawinput.keyCombo('<Control>f')
        wait_until(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED), what='the search focused')
        # Alt+2 shows the dashboard, Alt+1 the clients again
        rawinput.keyCombo('<Alt>2')
        dashboard = wait_until(lambda: next(n for n in win.findChildren(
            lambda n: n.name == 'Dashboard' and n.roleName in ('page tab', 'toggle button'))))
        wait_until(lambda: dashboard.getState().contains(pyatspi.STATE_SELECTED)
                   or dashboard.getState().contains(pyatspi.STATE_CHECKED), what='the dashboard')
        rawinput.keyCombo('<Alt>1')
        clients = next(n for n in win.findChildren(
            lambda n: n.name == 'Clients' and n.roleName in ('page tab', 'toggle button')))
        wait_until(lambda: clients.getState().contains(pyatspi.STATE_SELECTED)
                   or clients.getState().contains(pyatspi.STATE_CHECKED), what='the client list again')
        # Tab leaves the list: after a click on a row, Tab moves the focus
        # out of the table
        row = self.rows(table)[2]
        click(row.children[0])
        wait_until(lambda: any(r.getState().contains(pyatspi.STATE_FOCUSED)
                               for r in self.rows(table)), what='a row focused')
        rawinput.pressKey('Tab')
        time.sleep(0.5)
        self.assertFalse(any(r.getState().contains(pyatspi.STATE_FOCUSED) for r in self.rows(table)))
        focused = find_one(self.app, lambda n: n.getState().contains(pyatspi.STATE_FOCUSED))
        self.assertIsNotNone(focused)

    def test_my_clients(self):
        # this computer's manager is 王建华: the list opens on those clients,
        # one click shows every client
        config_home = os.path.join(self.tmp.name, 'config-mine')
        folder = os.path.join(config_home, 'glib-2.0', 'settings')
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'keyfile'), 'w') as f:
            f.write("[io/github/advisorworkbench/Workbench]\nmy-manager='王建华'\n")
        db = sqlite3.connect(self.book.path)
        mine, = db.execute('SELECT count(*) FROM clients c JOIN managers m ON m.id = c.manager_id'
                           ' WHERE m.name = ?', ('王建华',)).fetchone()
        db.close()
        win, table = self.open_list(extra_env={'GSETTINGS_BACKEND': 'keyfile',
                                               'XDG_CONFIG_HOME': config_home})
        self.wait_count(win, mine)
        # (GTK 4.8 gives a toggle button the role of a push button, pressed)
        toggle = wait_until(lambda: find_one(win, lambda n: n.name == 'My Clients'
                                             and n.roleName in ('toggle button', 'push button')))
        self.assertTrue(toggle.getState().contains(pyatspi.STATE_PRESSED)
                        or toggle.getState().contains(pyatspi.STATE_CHECKED))
        for row in self.rows(table)[:5]:
            self.assertEqual(self.cell_texts(row).get('Manager'), '王建华')
        toggle.doActionNamed('click')
        self.wait_count(win, self.book.n)
        toggle.doActionNamed('click')
        self.wait_count(win, mine)

    def test_empty_book(self):
        # a book without clients offers an import, and Score Book is off:
        # a run of nobody would be stored for nothing
        path = os.path.join(self.tmp.name, 'empty.sqlite')
        self.launch(['--db', path])
        win = self.window('empty.sqlite — Advisor Workbench')
        wait_until(lambda: find_one(win, lambda n: n.name == 'No Clients Yet'))
        self.assertIsNotNone(find_one(win, lambda n: n.roleName == 'push button'
                                      and n.name == 'Import Clients…'))
        rawinput.keyCombo('<Alt>2')
        score = wait_until(lambda: find_one(win, lambda n: n.roleName == 'push button'
                                            and n.name == 'Score Book'))
        wait_until(lambda: not score.sensitive, what='Score Book off on an empty book')
        rawinput.keyCombo('<Control>r')
        time.sleep(1.0)
        db = sqlite3.connect(path)
        self.assertEqual(db.execute('SELECT count(*) FROM scoring_runs').fetchone()[0], 0)
        db.close()
        # the book's name is in the header at the default width
        self.assertIsNotNone(find_one(win, lambda n: n.roleName == 'label'
                                      and n.name == 'empty.sqlite' and on_screen(n)))

    def screenshots(self, language, suffix, title, extra_env=None):
        win, table = self.open_list(language, extra_env, title)
        wait_until(lambda: len(self.rows(table)) > 10)
        time.sleep(1.0)
        screenshot('clients' + suffix, title)
        self.stop()

    def test_screenshots(self):
        self.screenshots(None, '-dark', 'demo.sqlite — Advisor Workbench',
                         {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'})
        self.screenshots('zh_CN', '-zh_CN', 'demo.sqlite — 投顾工作台')
        self.screenshots('zh_CN', '-zh_CN-dark', 'demo.sqlite — 投顾工作台',
                         {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'})
        # 800 × 600: the window remembers no size in a fresh session, so
        # ask for it through the settings
        config_home = os.path.join(self.tmp.name, 'config-small')
        folder = os.path.join(config_home, 'glib-2.0', 'settings')
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'keyfile'), 'w') as f:
            f.write('[io/github/advisorworkbench/Workbench]\nwindow-width=800\nwindow-height=600\n')
        self.screenshots(None, '-800x600', 'demo.sqlite — Advisor Workbench',
                         {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config_home})

    def test_chinese(self):
        win, table = self.open_list('zh_CN', title='demo.sqlite — 投顾工作台')
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label'
                                    and n.name == '%s 位客户' % grouped(self.book.n)),
                   what='the count in Chinese')
        self.assertEqual(table.name, '客户')
        entry = wait_until(lambda: find_one(win, lambda n: n.name == '搜索客户'))
        self.assertIsNotNone(entry)
        self.search(win, 'wjh')
        expected = self.book.matching('wjh')
        wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and n.name ==
                                    '%s / %s 位客户' % (grouped(len(expected)), grouped(self.book.n))),
                   what='the count of the search in Chinese')
        screenshot('clients-zh_CN-search', 'demo.sqlite — 投顾工作台')


if __name__ == '__main__':
    if not APP or not CLI:
        sys.exit('usage: test_client_list.py PATH/TO/advisor-workbench PATH/TO/advisor-workbench-cli')
    unittest.main(verbosity=2)
