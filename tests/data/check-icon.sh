#!/bin/sh
# check-icon.sh SVG OUT.png: the icon is well-formed XML with a square
# viewBox, and gdk-pixbuf (librsvg, what GTK uses) renders it; the PNG is
# kept in the build directory to look at.
set -eu
svg="$1"
out="$2"
xmllint --noout "$svg"
viewbox="$(xmllint --xpath 'string(/*[local-name()="svg"]/@viewBox)' "$svg")"
set -- $viewbox
if [ "$#" -ne 4 ] || [ "$3" != "$4" ]; then
  echo "check-icon: $svg: the viewBox “$viewbox” is not square" >&2
  exit 1
fi
rm -f "$out"
gdk-pixbuf-thumbnailer -s 128 "$svg" "$out"
if [ ! -s "$out" ]; then
  echo "check-icon: gdk-pixbuf could not render $svg" >&2
  exit 1
fi
echo "$svg: ${3}x${4}, rendered to $out"
