#!/bin/sh
# check-screenshots.sh SRCDIR METAINFO: every screenshot the metainfo shows is
# a PNG of this tree, published at the project's canonical raw URL, with a
# caption; one is the default; every PNG in data/screenshots is shown (TAP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
srcdir="$1"
metainfo="$2"
base="https://raw.githubusercontent.com/advisorworkbench/Workbench/main/"
. "$(dirname "$0")/../common/tap.sh"

echo "1..4"

images="$(xmllint --xpath '//screenshot/image/text()' "$metainfo" 2> /dev/null)"
r=0
[ -n "$images" ] || r=1
for url in $images; do
  case "$url" in
    "$base"*) ;;
    *) echo "# $url is not under $base"; r=1; continue ;;
  esac
  file="$srcdir/${url#"$base"}"
  if [ ! -f "$file" ]; then
    echo "# $url: ${url#"$base"} is not in the tree"
    r=1
  elif [ "$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "# ${url#"$base"} is not a PNG"
    r=1
  fi
done
check "every screenshot is a PNG of the tree at the canonical URL" $r

shots="$(xmllint --xpath 'count(//screenshot)' "$metainfo")"
captions="$(xmllint --xpath 'count(//screenshot[caption])' "$metainfo")"
[ "$shots" = "$captions" ]
check "every screenshot has a caption ($captions of $shots)" $?

[ "$(xmllint --xpath 'count(//screenshot[@type="default"])' "$metainfo")" = 1 ]
check "exactly one screenshot is the default" $?

r=0
for png in "$srcdir"/data/screenshots/*.png; do
  rel="${png#"$srcdir"/}"
  printf '%s\n' $images | grep -qxF "$base$rel" || { echo "# $rel is not shown"; r=1; }
done
check "every PNG in data/screenshots is shown" $r

exit $fail
