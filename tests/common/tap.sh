# tap.sh: the TAP output of a shell test, sourced by tests/*/*.sh
#   ok DESCRIPTION, not_ok DESCRIPTION: one numbered result line each;
#   check DESCRIPTION STATUS: ok when STATUS is 0, not_ok otherwise;
#   show FILE: FILE's lines as TAP comments.
# $n counts the results (for a closing "1..$n"); $fail is 1 once any failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if [ "$2" = 0 ]; then ok "$1"; else not_ok "$1"; fi; }
show () { sed 's/^/# /' "$1"; }
