#!/bin/sh
# check-potfiles.sh SRCDIR: every source file with translatable strings is
# listed in po/POTFILES.in, and every file listed there exists; otherwise its
# strings silently stay English.
set -eu
cd "$1"
status=0
listed="$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)"
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "check-potfiles: po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done
found="$( (grep -rlE '(^|[^A-Za-z0-9_])(N_|_|ngettext|C_|NC_)[[:space:]]*\(' app --include='*.c' || true;
           grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml' --include='*.in' || true;
           ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml) | sort -u)"
for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "check-potfiles: $f has translatable strings but is not in po/POTFILES.in" >&2
    status=1
  fi
done
exit $status
