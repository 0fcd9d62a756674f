#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A screen-reader user's journey through the real application, in bokmål.

Drives veiviser only through the accessibility bus (AT-SPI), the way Orca
does: controls are found by role and accessible name, never by widget ids;
lists are entered with Tab and walked with the arrow keys, choices made with
Enter, buttons pressed through their AT-SPI action. The journey: classify a
case with the guide (to 257), read the result, save the case and find it
among the cases, import a KOSTRA file extract through the file chooser and
read the split, checked against `veiviser-cli split` on the same file.

Usage: a11y-journey.py VEIVISER VEIVISER-CLI SOURCE-DIR
Needs a D-Bus session and an X display (dbus-run-session -- xvfb-run), and
python3-pyatspi. Exits 77 (skipped) when there is no display.
Every wait has a timeout; no sleep stands in for an assertion.
"""
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(77)

# The app gets the test environment's G_DEBUG (warnings fatal); this
# process must not: libatspi warns when an application has no AT-SPI cache.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
from gi.repository import GLib  # noqa: E402
import pyatspi  # noqa: E402

VEIVISER, CLI, SRCDIR = sys.argv[1:4]
BUILDDIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(VEIVISER))))
DEBUG = bool(os.environ.get("A11Y_DEBUG"))
TIMEOUT = float(os.environ.get("A11Y_TIMEOUT", "20"))
KOSTRA = os.path.join(SRCDIR, "tests", "ledger", "kostra-2024-small.dat")

nb = gettext.translation("veiviser", localedir=os.environ.get("VEIVISER_LOCALEDIR",
                                                              os.path.join(BUILDDIR, "po")),
                         languages=["nb"])


def _(msgid):
    """The bokmål text of a msgid, without mnemonic underscores."""
    return nb.gettext(msgid).replace("_", "")


def pgettext(context, msgid):
    return nb.pgettext(context, msgid).replace("_", "")


with open(os.path.join(SRCDIR, "data", "rules", "veiviser-rules.json"), encoding="utf-8") as f:
    RULES = json.load(f)
FACTS = {fact["id"]: fact for fact in RULES["facts"]}


def value_label(fact_id, value_id):
    for value in FACTS[fact_id].get("values", []):
        if value["id"] == value_id:
            return _(value["label"])
    raise KeyError(f"{fact_id}={value_id}")


step_no = 0


def step(text):
    global step_no
    step_no += 1
    print(f"# {time.monotonic() - T0:5.1f} s  step {step_no}: {text}", flush=True)


# ---------------------------------------------------------------- the tree

main_context = GLib.MainContext.default()
focused = [None]


def pump(seconds=0.0):
    end = time.monotonic() + seconds
    while True:
        while main_context.iteration(False):
            pass
        if time.monotonic() >= end:
            return
        time.sleep(0.02)


def on_focus(event):
    if event.detail1:
        focused[0] = event.source


# Texts that appeared, as a screen reader hears of them: transient ones
# such as toasts may be gone before a search of the tree reaches them.
appeared = []


def on_children_changed(event):
    child = event.any_data
    if child is None:
        return
    for acc in walk(child):
        name = safe(lambda: acc.name)
        if name:
            appeared.append(spoken(name))


def safe(fn, default=None):
    try:
        return fn()
    except Exception:  # the object went away while we looked at it
        return default


# Subtrees a screen reader user does not search for controls in: the view
# switchers repeat the page names, icons and scroll bars have no content.
SKIP_ROLES = {"scroll bar", "image", "separator", "page tab list"}


def walk(root, skip=SKIP_ROLES):
    stack = [root]
    while stack:
        acc = stack.pop()
        yield acc
        n = safe(lambda: acc.childCount, 0)
        children = []
        for i in range(n):
            child = safe(lambda: acc.getChildAtIndex(i))
            if child is not None and safe(lambda: role_name(child)) not in skip:
                children.append(child)
        stack.extend(reversed(children))


def role_name(acc):
    """The role as AT-SPI 2.46 (Debian 12) names it. AT-SPI 2.56 (Debian 13)
    renamed some roles ("push button" is "button" there), so the name is
    taken from the role's constant, as Orca compares roles, not from
    getRoleName()."""
    return str(pyatspi.Role(int(acc.getRole())))[len("ROLE_"):].lower().replace("_", " ")


def spoken(name):
    """A name as a screen reader speaks it. GTK 4.8 names a button with a
    mnemonic "_Lagre Lagre" (its label property, then its label's text);
    GTK 4.10 and later say "Lagre"."""
    name = (name or "").replace("_", "")
    half = len(name) // 2
    if len(name) % 2 == 1 and name[:half] == name[half + 1:] and name[half] == " ":
        return name[:half]
    return name


def matches(acc, role, name):
    if safe(lambda: role_name(acc)) not in (role if isinstance(role, tuple) else (role,)):
        return False
    actual = spoken(safe(lambda: acc.name, ""))
    if isinstance(name, re.Pattern):
        return name.search(actual) is not None
    return name is None or actual == name


def on_screen(acc):
    """Whether @acc is drawn: GTK 4.8 does not report the SHOWING state,
    but a control on a hidden page has no size."""
    extents = safe(lambda: acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS))
    return extents is not None and extents.width > 0 and extents.height > 0


def find_all(root, role, name=None, shown=False):
    return [acc for acc in walk(root) if matches(acc, role, name) and (not shown or on_screen(acc))]


def describe(root, depth=0, limit=400):
    lines = []
    for acc in walk(root):
        lines.append(f"[{safe(lambda: role_name(acc))}] {safe(lambda: acc.name)!r}")
        if len(lines) >= limit:
            break
    return "\n".join(lines)


def wait_for(what, fn, timeout=TIMEOUT, dump=None):
    end = time.monotonic() + timeout
    while True:
        try:
            result = fn()
        except Exception as error:  # the object went away while we looked at it
            if DEBUG:
                print(f"#     ({what}: {error!r})", flush=True)
            result = None
        if result:
            return result
        if time.monotonic() > end:
            if dump is not None:
                print(describe(dump), file=sys.stderr)
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        pump(0.05)


def find(root, role, name=None, timeout=TIMEOUT):
    """Waits for a control with @role and accessible @name under @root that
    is on screen."""
    def look():
        found = find_all(root, role, name, shown=True)
        return found[0] if found else None
    return wait_for(f"a {role} named {name!r}", look, timeout, dump=root)


def page_tab(root, name):
    for acc in walk(root, skip={"scroll bar", "image"}):
        if matches(acc, "page tab", name):
            return acc
    raise AssertionError(f"no page tab {name!r}")


TEXT_ROLES = ("label", "text", "heading", "static")


def find_text(root, pattern, timeout=TIMEOUT):
    """Waits for a label (or other text) whose name matches @pattern."""
    regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
    return find(root, TEXT_ROLES + ("list item", "push button"), regex, timeout)


def press(acc):
    """Presses a button (or page tab) through its AT-SPI action."""
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            pump(0.05)
            return
    raise AssertionError(f"{role_name(acc)} {acc.name!r} has no click action")


def has_name(acc):
    """What Orca would read for a control: its accessible name, or failing
    that the text of a label inside it. GTK 4.8 reports the type name
    ("GtkImage", "GtkMenuButton") for a control without either."""
    name = safe(lambda: acc.name, "") or ""
    if name and not re.fullmatch(r"(Gtk|Adw|Vv)[A-Za-z]+", name):
        return True
    for child in walk(acc):
        if child is not acc and safe(lambda: role_name(child)) == "label" and child.name:
            return True
    return False


def assert_named(root):
    unnamed = []
    for acc in find_all(root, ("push button", "toggle button", "check box", "radio button",
                               "combo box", "spin button")):
        parent = safe(lambda: acc.parent)
        # The inner button of a menu button or drop-down: the outer one is read.
        if parent is not None and safe(lambda: role_name(parent)) in ("push button", "combo box") \
                and has_name(parent):
            continue
        if not has_name(acc):
            unnamed.append(f"{role_name(acc)} {acc.name!r} in {safe(lambda: parent.name)!r}")
    assert not unnamed, f"controls without an accessible name: {unnamed}"


def x_focus_window(title):
    """Gives the X input focus to the top-level window titled @title, as a
    window manager does for a new dialog (the test's X server has none)."""
    import ctypes
    import ctypes.util
    xlib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                ctypes.POINTER(ctypes.c_ulong),
                                ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                ctypes.POINTER(ctypes.c_uint)]
    xlib.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    xlib.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
    xlib.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = xlib.XOpenDisplay(None)
    if not display:
        return False
    try:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        n = ctypes.c_uint()
        xlib.XQueryTree(display, xlib.XDefaultRootWindow(display), ctypes.byref(root),
                        ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n))
        for i in range(n.value):
            name = ctypes.c_char_p()
            if xlib.XFetchName(display, children[i], ctypes.byref(name)) and name.value \
                    and name.value.decode("utf-8", "replace") == title:
                xlib.XRaiseWindow(display, children[i])
                xlib.XSetInputFocus(display, children[i], 2, 0)   # RevertToParent, CurrentTime
                xlib.XFlush(display)
                return True
        return False
    finally:
        xlib.XCloseDisplay(display)


KEY_TAB, KEY_RETURN, KEY_DOWN, KEY_UP = 0xff09, 0xff0d, 0xff54, 0xff52
KEYCODE_CONTROL = 37   # Control_L in the X server's default (evdev) keymap


def key(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


def wait_focus_change(before):
    end = time.monotonic() + 1
    while focused[0] is before and time.monotonic() < end:
        pump(0.02)


def focus_on(predicate, what, max_keys=40):
    """Moves the keyboard focus as a screen-reader user would: Tab from
    control to control, and the arrow keys inside a list, until the focused
    object satisfies @predicate."""
    for _n in range(max_keys):
        current = focused[0]
        if current is not None and safe(lambda: predicate(current)):
            return current
        in_list = current is not None and safe(lambda: role_name(current)) == "list item"
        target_list = getattr(predicate, "list", None)
        if in_list and target_list is not None and safe(lambda: current.parent) == target_list:
            index = safe(lambda: current.getIndexInParent(), 0)
            key(KEY_DOWN if index < predicate.index else KEY_UP)
        else:
            key(KEY_TAB)
        wait_focus_change(current)
        if DEBUG:
            print(f"#     focus: {safe(lambda: role_name(focused[0]))} "
                  f"{safe(lambda: focused[0].name)!r}", flush=True)
    raise AssertionError(f"could not move the focus to {what} with the keyboard "
                         f"(focus is on {safe(lambda: role_name(focused[0]))} "
                         f"{safe(lambda: focused[0].name)!r})")


def is_focused(acc):
    return safe(lambda: acc.getState().contains(pyatspi.STATE_FOCUSED), False)


def focus_into(target, what, max_keys=40):
    """Tabs until @target (or a part of it, such as a spin button's text)
    has the keyboard focus."""
    parts = [acc for acc in walk(target)]
    for _n in range(max_keys):
        if any(is_focused(acc) for acc in parts):
            return
        key(KEY_TAB)
        pump(0.1)
        if DEBUG:
            print(f"#     focus: {safe(lambda: role_name(focused[0]))} {safe(lambda: focused[0].name)!r}; "
                  f"target {[(role_name(a), a.name, [pyatspi.stateToString(x) for x in a.getState().getStates()]) for a in parts]}", flush=True)
    raise AssertionError(f"could not move the focus to {what} with the keyboard")


def choose(root, option):
    """Chooses @option in a list of answers: Tab into the list, arrow keys
    to the option, Enter. (GTK 4.8 announces focus on list rows only in the
    rows' states, so those are read after each key.)"""
    item = find(root, "list item", option)
    rows = [safe(lambda i=i: item.parent.getChildAtIndex(i))
            for i in range(safe(lambda: item.parent.childCount, 0))]
    target = item.getIndexInParent()
    for _n in range(40):
        current = next((i for i, row in enumerate(rows) if row is not None and is_focused(row)), None)
        if current == target:
            break
        if current is None:
            key(KEY_TAB)
        else:
            key(KEY_DOWN if current < target else KEY_UP)
        pump(0.1)
        if DEBUG and _n == 12:
            for acc in walk(root):
                if is_focused(acc):
                    print("#     FOCUSED:", role_name(acc), repr(acc.name), role_name(acc.parent),
                          repr(acc.parent.name), flush=True)
        if DEBUG:
            print(f"#     focus: row {current} of {len(rows)}, "
                  f"{safe(lambda: role_name(focused[0]))} {safe(lambda: focused[0].name)!r}",
                  flush=True)
    else:
        raise AssertionError(f"could not move the focus to the answer {option!r} with the keyboard")
    key(KEY_RETURN)
    pump(0.1)


# ---------------------------------------------------------------- the app

T0 = time.monotonic()
tmp = tempfile.mkdtemp(prefix="a11y-journey-")
env = dict(os.environ)
if APP_G_DEBUG is not None:
    env["G_DEBUG"] = APP_G_DEBUG
for name in ("NO_AT_BRIDGE", "GTK_A11Y"):
    env.pop(name, None)
env.update(XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
           XDG_CACHE_HOME=f"{tmp}/cache", HOME=tmp, LANGUAGE="nb", LANG="nb_NO.UTF-8",
           LC_ALL="nb_NO.UTF-8")
# The AT-SPI registry is started by D-Bus; it needs the display to
# synthesize key presses.
subprocess.run(["dbus-update-activation-environment", "DISPLAY", "XAUTHORITY"], check=False)

pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
pyatspi.Registry.registerEventListener(on_children_changed, "object:children-changed:add")
app = subprocess.Popen([VEIVISER], env=env)
status = 1
try:
    step("the application appears on the accessibility bus")

    def find_app():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            acc = desktop.getChildAtIndex(i)
            if acc is not None and acc.name == "veiviser":
                return acc
    application = wait_for("veiviser on the AT-SPI bus", find_app, timeout=60)
    window = find(application, "frame", "Veiviser 257/258", timeout=60)

    step("every button on the guide page has a name")
    assert_named(window)

    step("the guide: classify a case that ends in 257")
    press(page_tab(window, pgettext("page", "Guide")))
    # The answers of a case that ends in 257; the guide asks for the ones it
    # needs, in its own order, so the question shown decides the answer.
    answers = {
        "item": "care_service", "municipal_responsibility": "true", "service": "home_health",
        "residence": "shared_housing", "provider": "attached_base", "user_age": 52,
        "single_user_base": "false", "shared_rota": "false", "share_outside_percent": 0,
    }
    questions = {_(FACTS[fact_id]["question"]): fact_id for fact_id in answers}
    result_heading = _("What the guidance says")
    # The question is read from its label, found once: the guide changes
    # its text from question to question (searching the whole window after
    # each answer would take seconds on a busy machine).
    question_label = find(window, "label", re.compile(
        "^(" + "|".join(re.escape(q) for q in questions) + ")$"))
    question_box = question_label.parent
    answered = set()
    for _n in range(len(answers) + 1):
        def shown():
            fact_id = questions.get(spoken(question_label.name))
            if fact_id is not None and fact_id not in answered and on_screen(question_label):
                return fact_id
            if DEBUG:
                print(f"#     question label {spoken(question_label.name)!r} {on_screen(question_label)}; "
                      f"{[(role_name(a), on_screen(a)) for a in find_all(window, TEXT_ROLES, re.compile(re.escape(result_heading)))]}",
                      flush=True)
            # Still the last question's text: has the result come instead?
            if [acc for acc in find_all(window, TEXT_ROLES, result_heading) if on_screen(acc)]:
                return "result"
            return None
        fact_id = wait_for("the next question or the result", shown)
        if fact_id == "result":
            break
        answered.add(fact_id)
        value = answers[fact_id]
        fact = FACTS[fact_id]
        if fact["type"] in ("integer", "number", "percent"):
            field = find(question_box, ("spin button", "text", "entry"))
            focus_into(field, f"the field for {fact_id}")
            # Type the number over what is there: the text through AT-SPI's
            # EditableText (or the spin button's value).
            entered = False
            for part in walk(field):
                if "EditableText" in safe(lambda: pyatspi.listInterfaces(part), []):
                    part.queryEditableText().setTextContents(str(value))
                    entered = True
                    break
            if not entered:
                field.queryValue().currentValue = float(value)
            pump(0.1)
            press(find(question_box, "push button", _("_Continue")))
        else:
            if fact["type"] == "boolean":
                labels = {v["id"]: _(v["label"]) for v in fact.get("values", [])}
                option = labels.get(value) or _("Yes" if value == "true" else "No")
            else:
                option = value_label(fact_id, value)
            choose(question_box, option)
        print(f"#   {fact_id} = {value}", flush=True)
    else:
        raise AssertionError("the guide asked more questions than the case has answers")

    step("the result names 257 and says why")
    function_257 = None
    for function in RULES["functions"]:
        if function.get("code", function.get("id")) == "257":
            function_257 = _(function.get("name") or function.get("title"))
    find_text(window, function_257 or "257")
    find_text(window, _("What the guidance says"))

    step("save the case")

    del appeared[:]
    press(find(window, "push button", _("_Save")))

    def saved():
        if _("Case saved") in appeared:
            return True
        dialogs = [acc for acc in find_all(application, ("dialog", "alert"))
                   if safe(lambda: acc.getState().contains(pyatspi.STATE_VISIBLE))]
        if dialogs:
            # Saving asks for a title: accept the one suggested.
            press(find(dialogs[0], "push button", _("_Save")))
        return None
    try:
        wait_for("the toast that says the case is saved", saved, timeout=8)
        print(f"#   heard: {_('Case saved')}", flush=True)
    except AssertionError:
        # libadwaita 1.2 does not announce toasts; the Cases page is the proof.
        print(f"#   no toast heard; appeared: {appeared[-10:]}", flush=True)

    step("the case is among the saved cases")
    press(page_tab(window, pgettext("page", "Cases")))
    find_text(window, re.compile(r"257"))
    assert_named(window)

    step("import a KOSTRA file extract through the file chooser")
    press(page_tab(window, pgettext("page", "Ledger")))
    find_text(window, _("Total home services"))
    assert_named(window)
    import_button = find(window, "push button", _("Import Ledger…"))
    if DEBUG:
        print(f"#     import button {import_button.name!r} "
              f"{pyatspi.listInterfaces(import_button)}", flush=True)
    press(import_button)
    def chooser():
        for i in range(application.childCount):
            top = application.getChildAtIndex(i)
            if top is not None and top != window:
                return top
    dialog = wait_for("the file chooser", chooser)

    # GTK 4.8 does not report the dialog's "active" state; the X focus is
    # what the keys need.
    wait_for("the file chooser's X window", lambda: x_focus_window(dialog.name))
    # As a keyboard user: Ctrl+L opens the location field; the path goes in
    # through AT-SPI's EditableText, Enter opens it.
    def location_field():
        fields = [acc for acc in find_all(dialog, "text") if is_focused(acc)]
        if fields:
            return fields[0]
        pyatspi.Registry.generateKeyboardEvent(KEYCODE_CONTROL, None, pyatspi.KEY_PRESS)
        key(ord("l"))
        pyatspi.Registry.generateKeyboardEvent(KEYCODE_CONTROL, None, pyatspi.KEY_RELEASE)
        pump(0.3)
    location = wait_for("the location field", location_field)
    location.queryEditableText().setTextContents(KOSTRA)
    pump(0.2)
    key(KEY_RETURN)
    def import_dialog():
        tops = [application.getChildAtIndex(i) for i in range(application.childCount)]
        if DEBUG:
            print(f"#     windows: {[(role_name(t), t.name) for t in tops if t is not None]}", flush=True)
        for top in tops:
            if top is not None and top != window and top != dialog \
                    and find_all(top, "push button", _("_Import"), shown=True):
                return top
    dialog = wait_for("the import dialog", import_dialog)
    press(find(dialog, "push button", _("_Import")))

    step("read the split")
    expected = json.loads(subprocess.run([CLI, "split", KOSTRA, "--format", "kostra", "--json"],
                                         capture_output=True, check=True, text=True).stdout)
    total_ore = expected["home_services_total"]
    total_row = find(window, ("list item", "row", "panel", "label"), _("Total home services"))

    def total_shown():
        # The row's amount is a label next to its title.
        parent = total_row.parent
        texts = [safe(lambda: a.name, "") for a in walk(parent)]
        for text in texts:
            digits = re.sub(r"[^0-9]", "", text or "")
            if digits and int(digits) in (total_ore, total_ore // 100):
                return text
    shown = wait_for(f"the total of home services ({total_ore / 100:.2f} kr)", total_shown,
                     dump=total_row.parent)
    print(f"#   {_('Total home services')}: {shown}", flush=True)
    status = 0
    print(f"ok 1 a11y journey in {time.monotonic() - T0:.1f} s")
except AssertionError as error:
    print(f"not ok 1 a11y journey: step {step_no}: {error}")
finally:
    app.terminate()
    try:
        app.wait(10)
    except subprocess.TimeoutExpired:
        app.kill()
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status)
