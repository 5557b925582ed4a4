#!/bin/sh
# check-flatpak.sh: what can be checked of the Flatpak manifest without the
# network or the GNOME runtime (TAP). It builds nothing and downloads nothing:
# the runtime's contents, the tarballs' checksums and the build itself are
# left to flatpak-builder (flatpak/README.md).
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-flatpak.sh MANIFEST APP_ID SOURCE_ROOT BUILD_ROOT
set -u
manifest="$1"
app_id="$2"
source_root="$3"
build_root="$4"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../common/tap.sh"
skip () { n=$((n + 1)); echo "ok $n # SKIP $1"; }

echo "1..6"

# 1. Strict JSON (flatpak-builder's parser would also take comments; jq,
# python and the Flathub linter would not).
python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$manifest" \
  > "$tmp/json.log" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/json.log"
check "the manifest is strict JSON" $r

# 2. The manifest's promises, read back: id and command, the GNOME 44
# runtime, the sandbox (no network, no files but through the portal), every
# tarball pinned by https and sha256, every local source present, the app
# module last, built with meson and tested, its -D options real options.
meson introspect "$build_root" --buildoptions > "$tmp/options.json" 2> "$tmp/introspect.log" \
  || show "$tmp/introspect.log"
python3 - "$manifest" "$app_id" "$source_root" "$tmp/options.json" > "$tmp/manifest.log" 2>&1 <<'EOF'
import json, os, re, sys

path, app_id, source_root, options_path = sys.argv[1:5]
m = json.load(open(path, encoding="utf-8"))
base = os.path.dirname(os.path.abspath(path))
problems = []

def expect(cond, what):
    if not cond:
        problems.append(what)

expect(m.get("id") == app_id, "id is not %s" % app_id)
expect(m.get("command") == "advisor-workbench", "command is not advisor-workbench")
expect((m.get("runtime"), m.get("runtime-version"), m.get("sdk"))
       == ("org.gnome.Platform", "44", "org.gnome.Sdk"),
       "runtime is not org.gnome.Platform//44 with org.gnome.Sdk")

args = m.get("finish-args", [])
expect(sorted(args) == sorted(["--share=ipc", "--socket=wayland", "--socket=fallback-x11",
                               "--device=dri"]),
       "finish-args are not exactly ipc, wayland, fallback-x11 and dri: %s" % args)
for a in args:
    expect(not a.startswith("--filesystem"), "%s: files go through the portal" % a)
    expect(a != "--share=network", "--share=network: the app works offline")

modules = m.get("modules", [])
for mod in modules:
    name = mod.get("name", "?")
    if "build-options" in mod:
        for a in mod["build-options"].get("build-args", []):
            expect(a != "--share=network", "%s: a build with the network" % name)
    for src in mod.get("sources", []):
        kind = src.get("type")
        if kind in ("archive", "file") and "url" in src:
            expect(src["url"].startswith("https://"), "%s: %s is not https" % (name, src["url"]))
            expect(re.fullmatch(r"[0-9a-f]{64}", src.get("sha256", "")) is not None,
                   "%s: %s has no sha256" % (name, src["url"]))
            for u in src.get("mirror-urls", []):
                expect(u.startswith("https://"), "%s: mirror %s is not https" % (name, u))
        elif kind == "git":
            expect("commit" in src or "tag" in src, "%s: git source pinned by neither commit nor tag" % name)
        elif kind in ("dir", "file", "patch"):
            p = os.path.join(base, src.get("path", ""))
            expect(os.path.exists(p), "%s: %s does not exist" % (name, src.get("path")))
        else:
            problems.append("%s: source type %s is not checked here" % (name, kind))

app = modules[-1] if modules else {}
expect(app.get("name") == "advisor-workbench", "the last module is not advisor-workbench")
expect(app.get("buildsystem") == "meson", "advisor-workbench is not built with meson")
expect(app.get("run-tests") is True, "advisor-workbench's tests do not run")
dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
expect(len(dirs) == 1 and os.path.realpath(os.path.join(base, dirs[0].get("path", "")))
       == os.path.realpath(source_root),
       "advisor-workbench's source is not this source tree")

known = {o["name"]: o for o in json.load(open(options_path))}
opts = app.get("config-opts", [])
expect("-Dgui_tests=false" in opts, "the GUI tests (Xvfb, dogtail) are not turned off")
for o in opts:
    mo = re.fullmatch(r"-D([A-Za-z0-9_.-]+)=(.*)", o)
    expect(mo is not None and mo.group(1) in known, "%s is not an option of this project" % o)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
r=$?; [ "$r" = 0 ] || show "$tmp/manifest.log"
check "id, runtime, sandbox, pinned sources and the app module are as promised" $r

# 3. The suites and tests the manifest's test commands name exist.
meson test -C "$build_root" --no-rebuild --list > "$tmp/tests" 2> /dev/null
python3 - "$manifest" "$tmp/tests" > "$tmp/names.log" 2>&1 <<'EOF'
import json, re, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
listed = [l.strip() for l in open(sys.argv[2]) if " / " in l]
suites = {l.split(" / ")[0].split(":")[-1] for l in listed}
names = {l.split(" / ")[1] for l in listed}
bad = []
for cmd in m["modules"][-1].get("test-commands", []):
    for s in re.findall(r"--(?:no-)?suite ([A-Za-z0-9_-]+)", cmd):
        if s not in suites:
            bad.append("suite %s" % s)
    for t in re.findall(r"(?<![-\w])(test-[a-z0-9-]+)", cmd):
        if t not in names:
            bad.append("test %s" % t)
for b in bad:
    print("the test commands name %s, which this build does not have" % b)
sys.exit(1 if bad else 0)
EOF
r=$?; [ "$r" = 0 ] || show "$tmp/names.log"
check "every suite and test the test commands name exists" $r

# 4. No file access but through the portal: every file chooser of the window
# is a GtkFileChooserNative (the portal's), none a GtkFileChooserDialog.
r=0
if grep -rn 'gtk_file_chooser_dialog_new\|GTK_TYPE_FILE_CHOOSER_DIALOG\|GtkFileChooserDialog' \
     "$source_root/app" "$source_root/ui" > "$tmp/dialogs" 2>&1; then
  show "$tmp/dialogs"
  r=1
fi
grep -rqn 'gtk_file_chooser_native_new' "$source_root/app/gui" || r=1
check "files are chosen through the portal (GtkFileChooserNative) only" $r

# 5. Nothing in the manifest reaches outside the source tree's flatpak/ and
# root: no path with .. beyond the root.
python3 - "$manifest" "$source_root" > "$tmp/paths.log" 2>&1 <<'EOF'
import json, os, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
root = os.path.realpath(sys.argv[2])
base = os.path.dirname(os.path.abspath(sys.argv[1]))
bad = [s["path"] for mod in m["modules"] for s in mod.get("sources", [])
       if "path" in s and not os.path.realpath(os.path.join(base, s["path"])).startswith(root)]
for b in bad:
    print("%s is outside the source tree" % b)
sys.exit(1 if bad else 0)
EOF
r=$?; [ "$r" = 0 ] || show "$tmp/paths.log"
check "every local source is inside the source tree" $r

# 6. flatpak-builder's own reading of the manifest, when it is installed:
# every property known (an unknown one is only a warning there).
if command -v flatpak-builder > /dev/null; then
  abs_manifest="$(realpath "$manifest")"
  (cd "$tmp" && flatpak-builder --show-manifest "$abs_manifest") \
    > "$tmp/show.json" 2> "$tmp/show.log"
  r=$?
  if grep -q . "$tmp/show.log"; then r=1; fi
  [ "$r" = 0 ] || show "$tmp/show.log"
  check "flatpak-builder --show-manifest reads it without a warning" $r
else
  skip "flatpak-builder is not installed"
fi

exit $fail
