#!/bin/sh
# test-install.sh: `meson install` of this build into a scratch DESTDIR gives a
# working application: both programs, the desktop file, the metainfo, the
# icons, the GSettings schema and the zh_CN catalogue, each where the
# configured prefix says, each valid; the installed command line runs on a
# book of its own, in English and in Chinese (TAP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-install.sh BUILD_ROOT APP_ID BINDIR DATADIR LOCALEDIR
# (BINDIR, DATADIR and LOCALEDIR absolute, as configured: prefix included)
set -u
build_root="$1"
app_id="$2"
bindir="$3"
datadir="$4"
localedir="$5"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest="$tmp/dest"
. "$(dirname "$0")/../common/tap.sh"

echo "1..22"

# 1. The install itself.  gnome.post_install's steps are skipped under
# DESTDIR (a distribution's triggers run them), so they are run below.
meson install -C "$build_root" --destdir "$dest" --no-rebuild --quiet > "$tmp/install.log" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/install.log"
check "meson install --destdir succeeds" $r

bin="$dest$bindir"
share="$dest$datadir"
cli="$bin/advisor-workbench-cli"
gui="$bin/advisor-workbench"
desktop="$share/applications/$app_id.desktop"
metainfo="$share/metainfo/$app_id.metainfo.xml"
scalable="$share/icons/hicolor/scalable/apps/$app_id.svg"
symbolic="$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
schemas="$share/glib-2.0/schemas"
mo="$dest$localedir/zh_CN/LC_MESSAGES/advisor-workbench.mo"

# 2-3. Both programs, and nothing they link against left out of the install
# (the project's libraries are static; a shared one would need installing).
[ -x "$gui" ] && [ -x "$cli" ]
check "both programs are installed in $bindir" $?
missing=0
for p in "$gui" "$cli"; do
  if [ -x "$p" ] && ldd "$p" | grep -q 'not found'; then
    ldd "$p" | grep 'not found' | sed 's/^/# /'
    missing=1
  fi
done
check "every library the programs need is found" $missing

# 4-6. The desktop file and the metainfo, validated as installed.
desktop-file-validate "$desktop" > "$tmp/desktop.log" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/desktop.log"
check "the installed desktop file is valid" $r
if command -v appstreamcli > /dev/null; then
  appstreamcli validate --no-net "$metainfo" > "$tmp/metainfo.log" 2>&1
else
  appstream-util validate-relax --nonet "$metainfo" > "$tmp/metainfo.log" 2>&1
fi
r=$?; [ "$r" = 0 ] || show "$tmp/metainfo.log"
check "the installed metainfo is valid" $r
# The metainfo's launchable is the installed desktop file, which shows the
# installed icon; every binary it provides is installed.
r=0
grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || r=1
grep -qx "Icon=$app_id" "$desktop" || r=1
grep -qx "Exec=advisor-workbench" "$desktop" || r=1
for b in $(sed -n 's|.*<binary>\(.*\)</binary>.*|\1|p' "$metainfo"); do
  [ -x "$bin/$b" ] || { echo "# the metainfo provides $b, which is not installed"; r=1; }
done
check "launchable, icon, command and provided binaries match what is installed" $r

# 7. The icons: well-formed SVG, where the icon theme looks.
r=0
for svg in "$scalable" "$symbolic"; do
  if [ ! -s "$svg" ] || ! xmllint --noout "$svg" 2> /dev/null; then
    echo "# missing or not well-formed: $svg"
    r=1
  fi
done
check "the scalable and symbolic icons are installed" $r

# 8-9. The schema: installed, compiled from where it is installed, and read
# back through gsettings with its default.
[ -f "$schemas/$app_id.gschema.xml" ] && glib-compile-schemas --strict "$schemas" 2> "$tmp/schema.log"
r=$?; [ "$r" = 0 ] && [ -s "$schemas/gschemas.compiled" ] || { r=1; show "$tmp/schema.log"; }
check "the schema is installed and compiles into gschemas.compiled" $r
value="$(GSETTINGS_BACKEND=memory gsettings --schemadir "$schemas" get "$app_id" last-view 2>&1)"
[ "$value" = "'clients'" ]
r=$?; [ "$r" = 0 ] || echo "# gsettings: $value"
check "the compiled schema gives last-view its default, 'clients'" $r

# 10-11. The Chinese catalogue.
msgunfmt "$mo" > "$tmp/zh_CN.po" 2> "$tmp/msgunfmt.log"
r=$?; [ "$r" = 0 ] || show "$tmp/msgunfmt.log"
check "the zh_CN catalogue is installed and readable" $r
grep -qx 'msgstr "合计"' "$tmp/zh_CN.po"
check "the zh_CN catalogue holds the Chinese translations" $?

# 12-13. Both programs look for catalogues in the configured localedir (the
# installed default when AWB_LOCALEDIR is not set); the window's templates are
# compiled into the program, not looked for on disk.
r=0
for p in "$gui" "$cli"; do
  grep -qaF "$localedir" "$p" || { echo "# $p does not name $localedir"; r=1; }
done
check "both programs look for catalogues in $localedir" $r
gresource list "$gui" > "$tmp/resources" 2>&1
r=$?
grep -qx '/io/github/advisorworkbench/Workbench/ui/awb-window.ui' "$tmp/resources" || r=1
grep -qx "/io/github/advisorworkbench/Workbench/icons/scalable/apps/$app_id.svg" "$tmp/resources" || r=1
[ "$r" = 0 ] || show "$tmp/resources"
check "the window's templates and icons are compiled into the program" $r

# 14-15. The versions: what the programs print is the metainfo's newest release.
newest="$(sed -n 's|.*<release version="\([^"]*\)".*|\1|p' "$metainfo" | head -n 1)"
out="$(env -u AWB_LOCALEDIR "$cli" --version 2>&1)"
[ "$out" = "advisor-workbench-cli $newest" ]
r=$?; [ "$r" = 0 ] || echo "# got “$out”, the newest release is “$newest”"
check "advisor-workbench-cli --version is the newest release, $newest" $r
out="$(env -u AWB_LOCALEDIR -u DISPLAY -u WAYLAND_DISPLAY "$gui" --version 2>&1)"
[ "$out" = "advisor-workbench $newest" ]
r=$?; [ "$r" = 0 ] || echo "# got “$out”"
check "advisor-workbench --version, without a display, is the newest release" $r

# 16-19. The installed command line on a book of its own: 40 demo clients,
# scored; every client is in the distribution's total, scored or prospect.
book="$tmp/book.sqlite"
env -u AWB_LOCALEDIR "$cli" demo --db "$book" --clients 40 --seed 7 \
  --end-date 2026-06-30 --quiet > "$tmp/demo.log" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/demo.log"
check "demo writes a book of 40 clients" $r
env -u AWB_LOCALEDIR LANGUAGE= "$cli" score --db "$book" --as-of 2026-06-30 --quiet \
  > "$tmp/score.txt" 2> "$tmp/score.err"
r=$?; [ "$r" = 0 ] || { show "$tmp/score.txt"; show "$tmp/score.err"; }
check "score runs on it" $r
grep -qE '^Total +40$' "$tmp/score.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/score.txt"
check "the distribution totals the 40 clients" $r
# In Chinese, from the installed catalogue (AWB_LOCALEDIR: this DESTDIR is
# not the prefix the program was built for).
AWB_LOCALEDIR="$dest$localedir" LANG=C.UTF-8 LC_ALL= LANGUAGE=zh_CN \
  "$cli" score --db "$book" --as-of 2026-06-30 --quiet > "$tmp/score-zh.txt" 2>&1
r=$?
grep -qE '^合计 +40$' "$tmp/score-zh.txt" || r=1
[ "$r" = 0 ] || show "$tmp/score-zh.txt"
check "with LANGUAGE=zh_CN the installed catalogue translates score's table" $r

# 20-21. The usage, in English and in Chinese.
env -u AWB_LOCALEDIR LANGUAGE= "$cli" --help > "$tmp/help.txt" 2>&1
r=$?
grep -qF 'Usage: advisor-workbench-cli COMMAND' "$tmp/help.txt" || r=1
[ "$r" = 0 ] || show "$tmp/help.txt"
check "--help prints the usage in English by default" $r
AWB_LOCALEDIR="$dest$localedir" LANG=C.UTF-8 LC_ALL= LANGUAGE=zh_CN \
  "$cli" --help > "$tmp/help-zh.txt" 2>&1
r=$?
grep -qF '用法：advisor-workbench-cli' "$tmp/help-zh.txt" || r=1
[ "$r" = 0 ] || show "$tmp/help-zh.txt"
check "with LANGUAGE=zh_CN --help prints the usage in Chinese" $r

# 22. Nothing lands outside the prefix.
outside="$(cd "$dest" && find . -type f | sed 's|^\.||' | while read -r f; do
  case "$f" in "$bindir"/*|"$datadir"/*|"$localedir"/*) ;; *) echo "$f" ;; esac
done)"
[ -z "$outside" ]
r=$?; [ "$r" = 0 ] || echo "$outside" | sed 's/^/# outside bindir, datadir and localedir: /'
check "every installed file is under bindir, datadir or localedir" $r

exit $fail
