#!/bin/sh
# Fails if a GTK-free layer (core, store, io, demo, render, report, server, cli) includes a
# GTK or libadwaita header.  The build already fails to compile such an
# include (gtk4 is not among those libraries' dependencies); this names it.
set -eu
app="$1"
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](gtk|adwaita|gdk)' \
  "$app/core" "$app/store" "$app/io" "$app/demo" "$app/cli" \
  $( [ -d "$app/render" ] && echo "$app/render" ) \
  $( [ -d "$app/report" ] && echo "$app/report" ) \
  $( [ -d "$app/server" ] && echo "$app/server" ) 2>/dev/null || true)
if [ -n "$bad" ]; then
  echo "GTK headers included below the GUI layer:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "layering ok"
