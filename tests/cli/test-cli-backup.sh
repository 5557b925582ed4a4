#!/bin/sh
# test-cli-backup.sh: advisor-workbench-cli backup and restore, and imports
# refused into a damaged book, end to end (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-backup.sh CLI
#
# A book of 300 clients C0001..C0300 written by hand; the backup holds
# them; then C0001 is deleted and X1 added; restoring gives back exactly
# the 300, and keeps the changed book (299 of them plus X1) beside it.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book.sqlite"
. "$(dirname "$0")/../common/tap.sh"
mode () { stat -c %a "$1"; }
dump () { sqlite3 "$1" "SELECT client_no, name FROM clients ORDER BY client_no"; }
# overwrites 64 bytes at the start of the clients table's first page
damage () {
  root=$(sqlite3 "$1" "SELECT rootpage FROM sqlite_schema WHERE name = 'clients'")
  size=$(sqlite3 "$1" "PRAGMA page_size")
  head -c 64 /dev/zero | tr '\0' 'Z' |
    dd of="$1" bs=1 seek=$(( (root - 1) * size )) conv=notrunc 2> /dev/null
}

echo "1..15"

"$cli" settings list --db "$book" > /dev/null
sqlite3 "$book" <<'SQL'
WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300)
INSERT INTO clients (client_no, name) SELECT printf ('C%04d', i), 'Name ' || i FROM k;
SQL
dump "$book" > "$tmp/before.txt"

# 1: the backup: reported, 0600, one file in the rollback journal mode
# (no -wal needed), sound, and holding the 300 clients
"$cli" backup --db "$book" --output "$tmp/backup.awb" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 0 ] &&
  [ "$(cat "$tmp/out.txt")" = "Backed up $book to $tmp/backup.awb" ] &&
  [ "$(mode "$tmp/backup.awb")" = 600 ] &&
  [ "$(sqlite3 "$tmp/backup.awb" 'PRAGMA journal_mode')" = delete ] &&
  [ "$(sqlite3 "$tmp/backup.awb" 'PRAGMA integrity_check')" = ok ] &&
  [ "$(sqlite3 "$tmp/backup.awb" 'SELECT count(*) FROM clients')" = 300 ] &&
  [ ! -e "$tmp/backup.awb-wal" ] &&
  [ -z "$(find "$tmp" -name '*.part-*')" ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "backup: 0600, one sound file with the book's rows, no temporary file left" $r

# 2: round trip
sqlite3 "$book" "DELETE FROM clients WHERE client_no = 'C0001'; INSERT INTO clients (client_no, name) VALUES ('X1', 'new');"
dump "$book" > "$tmp/changed.txt"
"$cli" restore --db "$book" --input "$tmp/backup.awb" > "$tmp/out.txt" 2>&1
rc=$?
dump "$book" > "$tmp/after.txt"
kept=$(ls "$tmp" | grep '^book\.sqlite\.before-restore-[0-9]\{8\}-[0-9]\{6\}$')
[ "$rc" = 0 ] && cmp -s "$tmp/before.txt" "$tmp/after.txt" &&
  [ "$(wc -l < "$tmp/after.txt")" = 300 ] &&
  head -n 1 "$tmp/out.txt" | grep -qx "Restored $book from $tmp/backup.awb"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "restore: the book holds exactly the backup's clients again" $r

# 3: the replaced book kept beside it, 0600, named in the output
dump "$tmp/$kept" > "$tmp/keep-dump.txt" 2> /dev/null
[ -n "$kept" ] && cmp -s "$tmp/changed.txt" "$tmp/keep-dump.txt" &&
  [ "$(mode "$tmp/$kept")" = 600 ] &&
  grep -qx "The book as it was is kept as $tmp/$kept" "$tmp/out.txt" &&
  [ "$(sqlite3 "$book" 'PRAGMA user_version')" = 5 ]
r=$?; [ "$r" = 0 ] || { ls -l "$tmp" | sed 's/^/# /'; show "$tmp/out.txt"; }
check "restore keeps the replaced book as BOOK.before-restore-YYYYMMDD-HHMMSS" $r

# refusals: exit 1, the message, the book's bytes unchanged, nothing kept
refused () {
  # $1 description, $2 input, $3 expected message
  cp "$book" "$tmp/snapshot"
  n_kept=$(ls "$tmp" | grep -c before-restore)
  "$cli" restore --db "$book" --input "$2" > "$tmp/out.txt" 2>&1
  rc=$?
  [ "$rc" = 1 ] && cmp -s "$book" "$tmp/snapshot" &&
    [ "$(cat "$tmp/out.txt")" = "advisor-workbench-cli restore: $3" ] &&
    [ "$(ls "$tmp" | grep -c before-restore)" = "$n_kept" ]
  r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
  check "$1" $r
}
printf 'client_id,name\nC1,Li\n' > "$tmp/clients.csv"
refused "restore refuses a text file" "$tmp/clients.csv" \
  "“$tmp/clients.csv” is not a backup of an Advisor Workbench book: file is not a database"
sqlite3 "$tmp/other.sqlite" "CREATE TABLE clients (id INTEGER); PRAGMA user_version = 2;"
refused "restore refuses an SQLite file that is not a book" "$tmp/other.sqlite" \
  "“$tmp/other.sqlite” is an SQLite file but not a backup of an Advisor Workbench book. Nothing was restored."
cp "$tmp/backup.awb" "$tmp/future.awb"
sqlite3 "$tmp/future.awb" "PRAGMA user_version = 999"
refused "restore refuses a backup of a newer schema" "$tmp/future.awb" \
  "The backup “$tmp/future.awb” was written by a newer version of Advisor Workbench (schema 999; this version reads up to 5). Nothing was restored."
cp "$tmp/backup.awb" "$tmp/damaged.awb"
damage "$tmp/damaged.awb"
"$cli" restore --db "$book" --input "$tmp/damaged.awb" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q "^advisor-workbench-cli restore: The backup “$tmp/damaged.awb” is damaged (.*). Nothing was restored.$" "$tmp/out.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "restore refuses a damaged backup" $r

# 8: an unwritable output: exit 1, no file, no temporary file
"$cli" backup --db "$book" --output "$tmp/no/such/dir/b.awb" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 1 ] && [ -z "$(find "$tmp" -name '*.part-*')" ] &&
  grep -q "Cannot write “$tmp/no/such/dir/b.awb”" "$tmp/out.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "backup to a missing folder fails, naming it" $r

# 9-10: an import into a damaged book is refused, the book unchanged
cp "$book" "$tmp/damaged.sqlite"
damage "$tmp/damaged.sqlite"
cp "$tmp/damaged.sqlite" "$tmp/snapshot"
"$cli" import --db "$tmp/damaged.sqlite" --clients "$tmp/clients.csv" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 1 ] && cmp -s "$tmp/damaged.sqlite" "$tmp/snapshot" &&
  grep -q "^advisor-workbench-cli import: The book “$tmp/damaged.sqlite” is damaged (.*). Nothing was written to it; restore it from a backup.$" "$tmp/out.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "import refuses a damaged book and writes nothing" $r
"$cli" import --db "$book" --clients "$tmp/clients.csv" > "$tmp/out.txt" 2>&1
check "import into a sound book still works" $?

# 11-15: an encrypted backup (libsodium): passphrase from AWB_BACKUP_PASSPHRASE
dump "$book" > "$tmp/before.txt"
AWB_BACKUP_PASSPHRASE='correct horse' "$cli" backup --db "$book" --encrypt \
  --output "$tmp/enc.awb" > "$tmp/out.txt" 2>&1
rc=$?
if grep -q "built without libsodium" "$tmp/out.txt"; then
  for i in 11 12 13 14 15; do n=$((n + 1)); echo "ok $n # SKIP built without libsodium"; done
  exit $fail
fi
[ "$rc" = 0 ] && [ "$(mode "$tmp/enc.awb")" = 600 ] &&
  [ "$(head -c 8 "$tmp/enc.awb")" = AWBBKENC ] &&
  ! grep -q -a "Name 150" "$tmp/enc.awb" && ! grep -q -a "SQLite format" "$tmp/enc.awb" &&
  [ -z "$(find "$tmp" -name '*.part-*')" ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "backup --encrypt: 0600, the header, no plain text, no temporary file" $r

sqlite3 "$book" "DELETE FROM clients WHERE client_no > 'C0100'"
cp "$book" "$tmp/snapshot"
AWB_BACKUP_PASSPHRASE='wrong' "$cli" restore --db "$book" --input "$tmp/enc.awb" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 1 ] && cmp -s "$book" "$tmp/snapshot" &&
  [ "$(cat "$tmp/out.txt")" = "advisor-workbench-cli restore: The encrypted backup “$tmp/enc.awb” cannot be decrypted: the passphrase is wrong, or the file was changed or cut short. Nothing was restored." ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "restore refuses a wrong passphrase, the book unchanged" $r

# one byte changed in the middle; the file cut short by its last 100 bytes
size=$(stat -c %s "$tmp/enc.awb")
cp "$tmp/enc.awb" "$tmp/changed.awb"
printf 'X' | dd of="$tmp/changed.awb" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
head -c $((size - 100)) "$tmp/enc.awb" > "$tmp/short.awb"
r=0
for f in changed short; do
  AWB_BACKUP_PASSPHRASE='correct horse' "$cli" restore --db "$book" --input "$tmp/$f.awb" > "$tmp/out.txt" 2>&1
  rc=$?
  { [ "$rc" = 1 ] && cmp -s "$book" "$tmp/snapshot" && grep -q "cannot be decrypted" "$tmp/out.txt"; } ||
    { r=1; show "$tmp/out.txt"; }
done
check "restore refuses an encrypted backup changed or cut short" $r

if command -v setsid > /dev/null; then
  env -u AWB_BACKUP_PASSPHRASE setsid -w "$cli" restore --db "$book" --input "$tmp/enc.awb" \
    < /dev/null > "$tmp/out.txt" 2>&1
  rc=$?
  [ "$rc" = 1 ] && cmp -s "$book" "$tmp/snapshot" &&
    [ "$(cat "$tmp/out.txt")" = "advisor-workbench-cli restore: a passphrase is needed: type it, or set AWB_BACKUP_PASSPHRASE" ]
  r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
  check "restore of an encrypted backup without a passphrase or terminal: refused" $r
else
  n=$((n + 1)); echo "ok $n # SKIP no setsid"
fi

AWB_BACKUP_PASSPHRASE='correct horse' "$cli" restore --db "$book" --input "$tmp/enc.awb" > "$tmp/out.txt" 2>&1
rc=$?
dump "$book" > "$tmp/after.txt"
[ "$rc" = 0 ] && cmp -s "$tmp/before.txt" "$tmp/after.txt" && [ -z "$(find "$tmp" -name '*.part-*')" ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "restore with the passphrase: the backup's clients again, no decrypted file left" $r

exit $fail
