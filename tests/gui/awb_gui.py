"""What the GUI tests share: waiting, clicking, finding, screenshots, the
application under test.

Run inside gui-session (tests/gui/gui-session) with Debian's python3, which
has gi, pyatspi and dogtail.
"""
import datetime
import os
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

from dogtail.config import config
config.checkForA11y = False
config.logDebugToFile = False
config.logDebugToStdOut = False
config.actionDelay = 0.1
config.defaultDelay = 0.1
config.typingDelay = 0.02
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 50
from dogtail.tree import root     # noqa: E402
from dogtail import rawinput      # noqa: E402,F401

import pyatspi                    # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ARTIFACTS = os.environ.get('GUI_TEST_ARTIFACTS')


def programs():
    """The application and the command line, from the environment or the
    first two arguments (meson passes them)."""
    app = os.environ.get('APP') or (sys.argv.pop(1) if len(sys.argv) > 1 else None)
    cli = os.environ.get('CLI') or (sys.argv.pop(1) if len(sys.argv) > 1 else None)
    return app, cli


def wait_until(cond, timeout=30.0, what='condition'):
    end = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = cond()
            if value:
                return value
        except Exception as e:  # noqa: BLE001
            last_error = e
        if time.monotonic() > end:
            raise AssertionError('timed out after %.1f s waiting for %s (last error: %r)'
                                 % (timeout, what, last_error))
        time.sleep(0.1)


def on_screen(node):
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.width > 0 and e.height > 0


def click(node):
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    rawinput.click(e.x + e.width // 2, e.y + e.height // 2)


def screenshot(name, title):
    if ARTIFACTS:
        os.makedirs(ARTIFACTS, exist_ok=True)
        subprocess.run([os.path.join(HERE, 'screenshot'), '--settle', '0.8',
                        os.path.join(ARTIFACTS, name + '.png'), title],
                       check=True, stdout=subprocess.DEVNULL)


def grouped(n):
    return '{:,}'.format(n)


def money(fen):
    sign = '-' if fen < 0 else ''
    fen = abs(fen)
    return '%s%s.%02d' % (sign, grouped(fen // 100), fen % 100)


def day_number(d):
    return (d - datetime.date(1970, 1, 1)).days


def find_all(node, pred, skip_roles=('tree table',)):
    """Like dogtail's findChildren, but does not descend into the client
    tables (hundreds of built rows make a full walk take seconds)."""
    found = []
    stack = [node]
    while stack:
        n = stack.pop()
        for c in n.children:
            if c is None:
                continue
            if pred(c):
                found.append(c)
            if c.roleName not in skip_roles:
                stack.append(c)
    return found


def find_one(node, pred):
    found = find_all(node, pred)
    return found[0] if found else None


class AppTestCase(unittest.TestCase):
    """Starts the application under test on a book and finds it on the
    accessibility bus."""
    APP = None
    CLI = None

    @classmethod
    def setUpClass(cls):
        warnings.filterwarnings('ignore', category=DeprecationWarning)
        cls.tmp = tempfile.TemporaryDirectory(prefix='awb-gui-',
                                              dir=os.environ.get('GUI_SESSION_DIR'))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def launch(self, args, language=None, extra_env=None):
        env = dict(os.environ)
        env.pop('LANGUAGE', None)
        if language:
            env['LANGUAGE'] = language
        env.update(extra_env or {})
        self.launched_at = time.monotonic()
        self.proc = subprocess.Popen([self.APP] + args, env=env)
        self.addCleanup(self.stop)
        self.app = wait_until(
            lambda: next((a for a in root.applications()
                          if a.get_process_id() == self.proc.pid and a.childCount > 0), None),
            what='the app on the AT-SPI bus')
        return self.app

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def window(self, title):
        return wait_until(lambda: self.app.child(roleName='frame', name=title, recursive=False),
                          what='the window "%s"' % title)

    def label_named(self, win, text, timeout=30.0):
        return wait_until(lambda: find_one(win, lambda n: n.roleName == 'label' and n.name == text),
                          timeout=timeout, what='a label reading "%s"' % text)

    def switcher_button(self, win, name):
        return wait_until(lambda: next(
            n for n in win.findChildren(lambda n: n.name == name
                                        and n.roleName in ('page tab', 'toggle button'))
            if on_screen(n)), what='the view switcher button "%s"' % name)

    def menu_item(self, win, label):
        """Opens the primary menu and activates the item @label with the
        keyboard (the popover is a surface of its own whose AT-SPI
        coordinates are not screen coordinates: walk down to the item)."""
        click(wait_until(lambda: win.child(name='Main Menu', roleName='push button'),
                         what='the primary menu button'))
        item = wait_until(lambda: next(
            n for n in self.app.findChildren(
                lambda n: n.roleName == 'menu item' and (n.name or '').replace('_', '') == label)
            if on_screen(n)), what='the menu item "%s"' % label)
        for _ in range(30):
            if item.focused:
                break
            rawinput.pressKey('Down')
            time.sleep(0.25)
        self.assertTrue(item.focused)
        rawinput.pressKey('Return')


def extents(node):
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.x, e.y, e.width, e.height


def shown_page_tab(win, name):
    """The view switcher tab named @name that is shown.  libadwaita 1.2's
    AdwViewSwitcherTitle keeps its wide switcher in the tree with non-zero
    extents (partly outside the window) when it has squeezed it out for the
    bottom bar: take the tab whose switcher fits in the window."""
    width = extents(win)[2]

    def fits(tab):
        x, _, w, h = extents(tab.parent)
        return on_screen(tab) and x >= 0 and x + w <= width and h > 0
    return wait_until(lambda: next(t for t in find_all(win, lambda n: n.roleName == 'page tab'
                                                       and n.name == name) if fits(t)),
                      what='the page tab "%s"' % name)


def text_of(node):
    """The text of an entry (Text.getText(0, -1) reads '' on GTK 4.8)."""
    t = node.queryText()
    return t.getText(0, t.characterCount)


def type_text(node, text):
    """Clicks @node, replaces what it holds with @text as a person types,
    and reads it back when @node is an entry: on a loaded machine XTest may
    drop a key (a Chinese character is typed through a keysym mapped for the
    moment), so a text that does not read back is typed once more.  Other
    nodes (a row's title label, a password entry, whose text reads as dots)
    are typed into once."""
    for attempt in range(2):
        click(node)
        time.sleep(0.2)
        rawinput.keyCombo('<Control>a')
        rawinput.pressKey('BackSpace')
        if text:
            rawinput.typeText(text)
        time.sleep(0.3)
        if node.roleName != 'text':
            return node
        try:
            return wait_until(lambda: text_of(node) == text and node, timeout=5.0,
                              what='"%s" typed into %s' % (text, node.name))
        except AssertionError:
            if attempt:
                raise


def is_invalid(node):
    return node.getState().contains(pyatspi.STATE_INVALID)


def run_cli(cli, *args):
    """Runs the command line; returns the CompletedProcess, text captured."""
    return subprocess.run([cli] + list(args), capture_output=True, text=True)
