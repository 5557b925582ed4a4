/* awb-backup.c: a copy of the book in one file, and the book restored from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) A backup is made with SQLite's online backup API (sqlite3_backup_*)
 *      from the book's own connection: a consistent copy of the last
 *      committed state, while the window keeps reading and other programs
 *      keep writing (WAL mode: a write by another connection between two
 *      steps makes SQLite start the copy again).  It is written to a
 *      temporary file beside the output (mode 0600, awb-part-file.c), put
 *      in the rollback journal mode so that the one file is the whole
 *      backup (no -wal beside it), checked with PRAGMA integrity_check and
 *      only then renamed over the output.  On any failure the temporary
 *      file is removed.
 *  (2) Restoring first checks the backup, changing nothing when it is not
 *      one: an SQLite file, opened read-only, that passes the integrity
 *      check, whose schema version is one this build opens (1 up to
 *      AWB_DATABASE_SCHEMA_VERSION) and that holds the tables of a book.
 *  (3) Then the book as it was is kept beside it, as
 *      BOOK.before-restore-YYYYMMDD-HHMMSS (local time, 0600; -2, -3 … after
 *      it for a second restore within the same second), copied with
 *      the backup API (its raw bytes, with its -wal, if it is too damaged
 *      to be read), and the backup is copied into the book with the backup
 *      API too: through the book's own file, so that a window that has it
 *      open sees the restored book at its next read, as after any other
 *      program's write.  The restored book is opened once, which migrates
 *      an older backup to this build's schema.
 *  (4) An encrypted backup (built with libsodium) is the plain backup of
 *      (1), written first to a temporary file beside the output (0600,
 *      removed at once), then encrypted with a passphrase:
 *        "AWBBKENC" 1 | opslimit (8 bytes LE) | memlimit (8) | salt (16)
 *        | crypto_secretstream_xchacha20poly1305 header (24)
 *        | chunks of 64 KiB of the backup, each with its 17-byte tag, the
 *          last one tagged FINAL
 *      The key is Argon2id (crypto_pwhash, the MODERATE limits: 256 MiB,
 *      3 passes) of the passphrase and the salt; the 49 bytes before the
 *      stream header are the additional data of every chunk, so that no
 *      byte of the file can change unnoticed, and a file cut short lacks
 *      its FINAL chunk.  Restoring decrypts into a temporary file beside the
 *      book (0600) and restores from it as from a plain backup; a wrong
 *      passphrase and a changed file look the same: the first chunk fails.
 */
#define G_LOG_DOMAIN "awb-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBSODIUM
#include <sodium.h>
#endif

#include "awb-backup.h"
#include "awb-part-file.h"

#define PAGES_PER_STEP 1024

#define MAGIC "AWBBKENC"
#define MAGIC_LEN 8
#define FORMAT_VERSION 1
#define PREAMBLE_LEN (MAGIC_LEN + 1 + 8 + 8 + 16)
#define CHUNK (64 * 1024)
/* a file asking for more is refused rather than obeyed */
#define MAX_OPSLIMIT 16
#define MAX_MEMLIMIT (G_GUINT64_CONSTANT (1) << 30)

/* The tables every book has had since schema 1. */
static const char *const book_tables[] = {
  "managers", "clients", "trades", "interactions", "scoring_runs", "scores", "settings",
  "audit_log",
};

static void
close_db (sqlite3 *db)
{
  sqlite3_close_v2 (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

/* Runs @pragma (integrity_check or quick_check) on @db: %TRUE when it
 * answers "ok", else the first problem (or SQLite's error) in *@problem. */
static gboolean
check_pages (sqlite3     *db,
             const char  *pragma,
             char       **problem)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      *problem = g_strdup (sqlite3_errmsg (db));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      /* on one line: "*** in database main *** Page 4: …" */
      *problem = g_strdelimit (g_strdup ((const char *) sqlite3_column_text (stmt, 0)), "\n",
                               ' ');
      return FALSE;
    }
  return TRUE;
}

/* Copies every page of @src into @dest, in steps, checking @cancellable
 * between them; waits while another connection holds a lock. */
static int
copy_pages (sqlite3      *dest,
            sqlite3      *src,
            GCancellable *cancellable)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          return SQLITE_INTERRUPT;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
unlink_with_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

/* Writes a backup of @src (a connection) to @output as Notes (1) say;
 * @what names the book in messages. */
static gboolean
write_backup (sqlite3       *src,
              const char    *what,
              const char    *output,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(sqlite3) dest = NULL;
  int fd;
  int rc;

  fd = awb_part_file_open (output, &tmp, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (dest, src, cancellable);
  if (rc == SQLITE_INTERRUPT)
    {
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The backup was cancelled; nothing was written"));
      return FALSE;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is the backup file, %2$s the book, %3$s SQLite's message */
                   _("Cannot write the backup “%1$s” of “%2$s”: %3$s"), output, what,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      return FALSE;
    }
  if (!check_pages (dest, "PRAGMA integrity_check (1)", &problem))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is the backup file, %2$s SQLite's first problem */
                   _("The backup “%1$s” failed its integrity check (%2$s) and was not kept; "
                     "the book may be damaged."), output, problem);
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      return FALSE;
    }
  rc = sqlite3_close (g_steal_pointer (&dest));
  if (rc != SQLITE_OK || g_rename (tmp, output) != 0)
    {
      int saved_errno = errno;

      unlink_with_journal (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), output, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_backup_write:
 * @db: the book
 * @output: the backup file to write (replaced if it exists)
 *
 * Writes a backup of @db to @output (Notes (1)): one SQLite file, mode
 * 0600, that passed PRAGMA integrity_check.  Safe while other connections
 * read and write the book.  On failure @output is untouched and no
 * temporary file is left; G_IO_ERROR_CANCELLED after a cancel.
 */
gboolean
awb_backup_write (AwbDatabase   *db,
                  const char    *output,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_backup (awb_database_get_handle (db), awb_database_get_path (db), output,
                       cancellable, error);
}

static int
read_int (sqlite3    *db,
          const char *sql,
          int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int value = 0;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  *rc_out = rc;
  return value;
}

/* Opens @path read-only and checks it is a backup of a book (Notes (2)). */
static sqlite3 *
open_checked (const char  *path,
              int         *schema_version,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *problem = NULL;
  int version;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no backup file “%s”"), path);
      return NULL;
    }
  if (awb_backup_is_encrypted (path))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("“%s” is an encrypted backup: restore it with “advisor-workbench-cli "
                     "restore”, which asks for its passphrase."), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, AWB_DATABASE_BUSY_TIMEOUT_MS);
      version = read_int (db, "PRAGMA user_version", &rc);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is a file, %2$s SQLite's message */
                   _("“%1$s” is not a backup of an Advisor Workbench book: %2$s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (version > AWB_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was written by a newer version of Advisor Workbench "
                     "(schema %d; this version reads up to %d). Nothing was restored."),
                   path, version, AWB_DATABASE_SCHEMA_VERSION);
      return NULL;
    }
  if (!check_pages (db, "PRAGMA integrity_check (1)", &problem))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is a file, %2$s SQLite's first problem */
                   _("The backup “%1$s” is damaged (%2$s). Nothing was restored."), path, problem);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (book_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE "
                                              "type = 'table' AND name = '%s'", book_tables[i]);

      if (version < 1 || read_int (db, sql, &rc) != 1 || rc != SQLITE_OK)
        {
          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                       _("“%s” is an SQLite file but not a backup of an Advisor Workbench "
                         "book. Nothing was restored."), path);
          return NULL;
        }
    }
  if (schema_version != NULL)
    *schema_version = version;
  return g_steal_pointer (&db);
}

/**
 * awb_backup_check_file:
 * @schema_version: (out) (optional): the backup's schema version
 *
 * Checks that @path is a backup this build can restore (Notes (2)),
 * reading it only.
 *
 * Returns: %TRUE, or %FALSE with @error set: AWB_DATABASE_ERROR_NOT_A_BOOK
 * (not SQLite, damaged, or not a book), AWB_DATABASE_ERROR_NEWER_SCHEMA,
 * or G_IO_ERROR_NOT_FOUND.
 */
gboolean
awb_backup_check_file (const char  *path,
                       int         *schema_version,
                       GError     **error)
{
  g_autoptr(sqlite3) db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  db = open_checked (path, schema_version, error);
  return db != NULL;
}

/**
 * awb_backup_is_encrypted:
 *
 * Returns: whether @path starts as an encrypted backup does (Notes (4)).
 */
gboolean
awb_backup_is_encrypted (const char *path)
{
  char head[MAGIC_LEN];
  gboolean encrypted = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  encrypted = read (fd, head, MAGIC_LEN) == MAGIC_LEN && memcmp (head, MAGIC, MAGIC_LEN) == 0;
  close (fd);
  return encrypted;
}

/**
 * awb_backup_can_encrypt:
 *
 * Returns: whether this build writes and reads encrypted backups.
 */
gboolean
awb_backup_can_encrypt (void)
{
#ifdef HAVE_LIBSODIUM
  return sodium_init () >= 0;
#else
  return FALSE;
#endif
}

static gboolean
no_encryption (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This build of Advisor Workbench cannot encrypt or decrypt backups "
                         "(it was built without libsodium)."));
  return FALSE;
}

#ifdef HAVE_LIBSODIUM
static void
put_u64 (guchar  *p,
         guint64  v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guchar) (v >> (8 * i));
}

static guint64
get_u64 (const guchar *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static gboolean
io_error (const char  *path,
          int          saved_errno,
          GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* The key of Notes (4), in secure memory; NULL with @error set. */
static guchar *
derive_key (const char    *passphrase,
            const guchar  *salt,
            guint64        opslimit,
            guint64        memlimit,
            GError       **error)
{
  guchar *key = sodium_malloc (crypto_secretstream_xchacha20poly1305_KEYBYTES);

  if (key == NULL ||
      crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES, passphrase,
                     strlen (passphrase), salt, opslimit, (size_t) memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      if (key != NULL)
        sodium_free (key);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to derive the key from the passphrase"));
      return NULL;
    }
  return key;
}

/* Encrypts the file @plain into @output (a part file renamed into place). */
static gboolean
encrypt_file (const char  *plain,
              const char  *output,
              const char  *passphrase,
              GError     **error)
{
  guchar preamble[PREAMBLE_LEN];
  guchar header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_state state;
  g_autofree guchar *in = g_malloc (CHUNK);
  g_autofree guchar *out = g_malloc (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
  g_autofree char *tmp = NULL;
  guchar *key;
  FILE *src, *dest;
  int fd, saved_errno = 0;
  gboolean ok = TRUE;

  memcpy (preamble, MAGIC, MAGIC_LEN);
  preamble[MAGIC_LEN] = FORMAT_VERSION;
  put_u64 (preamble + MAGIC_LEN + 1, crypto_pwhash_OPSLIMIT_MODERATE);
  put_u64 (preamble + MAGIC_LEN + 9, crypto_pwhash_MEMLIMIT_MODERATE);
  randombytes_buf (preamble + MAGIC_LEN + 17, crypto_pwhash_SALTBYTES);
  key = derive_key (passphrase, preamble + MAGIC_LEN + 17, crypto_pwhash_OPSLIMIT_MODERATE,
                    crypto_pwhash_MEMLIMIT_MODERATE, error);
  if (key == NULL)
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header, key);
  sodium_free (key);

  src = g_fopen (plain, "rbe");
  if (src == NULL)
    return io_error (plain, errno, error);
  fd = awb_part_file_open (output, &tmp, error);
  if (fd < 0)
    {
      fclose (src);
      return FALSE;
    }
  dest = fdopen (fd, "wb");
  if (dest == NULL)
    {
      saved_errno = errno;
      close (fd);
      fclose (src);
      g_unlink (tmp);
      return io_error (output, saved_errno, error);
    }

  ok = fwrite (preamble, 1, sizeof preamble, dest) == sizeof preamble &&
       fwrite (header, 1, sizeof header, dest) == sizeof header;
  while (ok)
    {
      size_t n = fread (in, 1, CHUNK, src);
      gboolean last = feof (src);
      unsigned long long out_len;

      if (ferror (src))
        {
          ok = FALSE;
          break;
        }
      crypto_secretstream_xchacha20poly1305_push (&state, out, &out_len, in, n, preamble,
                                                  sizeof preamble,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : 0);
      ok = fwrite (out, 1, (size_t) out_len, dest) == out_len;
      if (last)
        break;
    }
  if (!ok)
    saved_errno = errno != 0 ? errno : EIO;
  fclose (src);
  if (fflush (dest) != 0 || fsync (fileno (dest)) != 0)
    ok = FALSE, saved_errno = errno;
  if (fclose (dest) != 0 && ok)
    ok = FALSE, saved_errno = errno;
  if (ok && g_rename (tmp, output) != 0)
    ok = FALSE, saved_errno = errno;
  if (!ok)
    {
      g_unlink (tmp);
      return io_error (output, saved_errno, error);
    }
  return TRUE;
}

/* Decrypts @input into @plain (created 0600 by the caller). */
static gboolean
decrypt_file (const char  *input,
              const char  *plain,
              const char  *passphrase,
              GError     **error)
{
  guchar preamble[PREAMBLE_LEN];
  guchar header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_state state;
  g_autofree guchar *in = g_malloc (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
  g_autofree guchar *out = g_malloc (CHUNK);
  guint64 opslimit, memlimit;
  guchar tag = 0;
  guchar *key;
  FILE *src, *dest;
  gboolean ok;

  src = g_fopen (input, "rbe");
  if (src == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), input, g_strerror (saved_errno));
      return FALSE;
    }
  if (fread (preamble, 1, sizeof preamble, src) != sizeof preamble ||
      fread (header, 1, sizeof header, src) != sizeof header ||
      preamble[MAGIC_LEN] != FORMAT_VERSION)
    {
      fclose (src);
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   _("The encrypted backup “%s” is damaged or of an unknown format. Nothing "
                     "was restored."), input);
      return FALSE;
    }
  opslimit = get_u64 (preamble + MAGIC_LEN + 1);
  memlimit = get_u64 (preamble + MAGIC_LEN + 9);
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > MAX_OPSLIMIT ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > MAX_MEMLIMIT)
    {
      fclose (src);
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   _("The encrypted backup “%s” is damaged or of an unknown format. Nothing "
                     "was restored."), input);
      return FALSE;
    }
  key = derive_key (passphrase, preamble + MAGIC_LEN + 17, opslimit, memlimit, error);
  if (key == NULL)
    {
      fclose (src);
      return FALSE;
    }
  ok = crypto_secretstream_xchacha20poly1305_init_pull (&state, header, key) == 0;
  sodium_free (key);

  dest = g_fopen (plain, "wbe");
  if (dest == NULL)
    {
      int saved_errno = errno;

      fclose (src);
      return io_error (plain, saved_errno, error);
    }
  while (ok)
    {
      size_t n = fread (in, 1, CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES, src);
      unsigned long long out_len;

      if (n == 0 || crypto_secretstream_xchacha20poly1305_pull (&state, out, &out_len, &tag, in, n,
                                                                preamble, sizeof preamble) != 0)
        {
          ok = FALSE;
          break;
        }
      if (fwrite (out, 1, (size_t) out_len, dest) != out_len)
        {
          ok = FALSE;
          break;
        }
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        break;
    }
  /* nothing may follow the final chunk */
  if (ok && (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL || fgetc (src) != EOF))
    ok = FALSE;
  fclose (src);
  if (fclose (dest) != 0)
    ok = FALSE;
  sodium_memzero (out, CHUNK);
  if (!ok)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("The encrypted backup “%s” cannot be decrypted: the passphrase is wrong, "
                     "or the file was changed or cut short. Nothing was restored."), input);
      return FALSE;
    }
  return TRUE;
}
#endif

/**
 * awb_backup_write_encrypted:
 * @passphrase: not empty
 *
 * awb_backup_write(), then encrypted with @passphrase (Notes (4)).
 */
gboolean
awb_backup_write_encrypted (AwbDatabase   *db,
                            const char    *output,
                            const char    *passphrase,
                            GCancellable  *cancellable,
                            GError       **error)
{
#ifdef HAVE_LIBSODIUM
  g_autofree char *plain = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (output != NULL && passphrase != NULL && *passphrase != '\0', FALSE);

  if (!awb_backup_can_encrypt ())
    return no_encryption (error);
  fd = awb_part_file_open (output, &plain, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  ok = awb_backup_write (db, plain, cancellable, error) &&
       encrypt_file (plain, output, passphrase, error);
  g_unlink (plain);
  return ok;
#else
  return no_encryption (error);
#endif
}

static gboolean
restore_encrypted (const char  *book_path,
                   const char  *input,
                   const char  *passphrase,
                   char       **kept_path,
                   GError     **error)
{
#ifdef HAVE_LIBSODIUM
  g_autofree char *plain = NULL;
  gboolean ok;
  int fd;

  if (!awb_backup_can_encrypt ())
    return no_encryption (error);
  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("“%s” is an encrypted backup: its passphrase is needed."), input);
      return FALSE;
    }
  fd = awb_part_file_open (book_path, &plain, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  ok = decrypt_file (input, plain, passphrase, error) &&
       awb_backup_restore (book_path, plain, NULL, kept_path, error);
  g_unlink (plain);
  return ok;
#else
  return no_encryption (error);
#endif
}

/* Notes (3): @book as it is, to @kept; its raw bytes when it cannot be
 * read as a database. */
static gboolean
keep_book (const char  *book,
           const char  *kept,
           GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *wal = g_strconcat (book, "-wal", NULL);
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  int rc;

  rc = sqlite3_open_v2 (book, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, AWB_DATABASE_BUSY_TIMEOUT_MS);
      if (write_backup (db, book, kept, NULL, &local))
        return TRUE;
      g_debug ("keeping %s by its bytes: %s", book, local->message);
      g_clear_error (&local);
    }

  if (!g_file_get_contents (book, &contents, &len, error) ||
      !awb_part_file_set_contents (kept, contents, len, error))
    return FALSE;
  g_clear_pointer (&contents, g_free);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) &&
      (!g_file_get_contents (wal, &contents, &len, error) ||
       !awb_part_file_set_contents (kept_wal, contents, len, error)))
    return FALSE;
  return TRUE;
}

/**
 * awb_backup_restore:
 * @book_path: the book to replace (created if missing)
 * @input: the backup
 * @passphrase: (nullable): the passphrase of an encrypted backup
 * @kept_path: (out) (optional) (transfer full): where the book as it was
 *   is kept, %NULL when there was no book
 *
 * Checks @input (awb_backup_check_file; an encrypted one is decrypted
 * first, Notes (4)), keeps the book as it is beside it and replaces its
 * contents with the backup's (Notes (3)).  Nothing is changed when the
 * check fails.
 */
gboolean
awb_backup_restore (const char  *book_path,
                    const char  *input,
                    const char  *passphrase,
                    char       **kept_path,
                    GError     **error)
{
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(sqlite3) dest = NULL;
  g_autoptr(AwbDatabase) reopened = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *kept = NULL;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (book_path != NULL && input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (awb_backup_is_encrypted (input))
    return restore_encrypted (book_path, input, passphrase, kept_path, error);

  src = open_checked (input, NULL, error);
  if (src == NULL)
    return FALSE;

  if (g_stat (book_path, &st) == 0 && st.st_size > 0)
    {
      now = g_date_time_new_now_local ();
      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      kept = g_strdup_printf ("%s.before-restore-%s", book_path, stamp);
      /* two restores in one second: the second is kept as …-2, …-3 */
      for (int i = 2; g_file_test (kept, G_FILE_TEST_EXISTS); i++)
        {
          g_free (kept);
          kept = g_strdup_printf ("%s.before-restore-%s-%d", book_path, stamp, i);
        }
      g_autoptr(GError) local = NULL;

      if (!keep_book (book_path, kept, &local))
        {
          g_set_error (error, local->domain, local->code,
                       /* Translators: %1$s is the book, %2$s the reason */
                       _("The book “%1$s” was not restored, since a copy of it as it was could "
                         "not be kept: %2$s"), book_path, local->message);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (book_path);
      int fd;

      g_mkdir_with_parents (dir, 0700);
      fd = g_open (book_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the book “%s”: %s"), book_path, g_strerror (saved_errno));
          return FALSE;
        }
      close (fd);
    }

  rc = sqlite3_open_v2 (book_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, AWB_DATABASE_BUSY_TIMEOUT_MS);
      rc = copy_pages (dest, src, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AWB_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? AWB_DATABASE_ERROR_BUSY : AWB_DATABASE_ERROR_FAILED,
                   /* Translators: %1$s is the book, %2$s SQLite's message */
                   _("The book “%1$s” was not restored: %2$s"), book_path,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      return FALSE;
    }
  g_clear_pointer (&dest, close_db);
  g_clear_pointer (&src, close_db);

  /* an older backup is brought to this build's schema */
  reopened = awb_database_open (book_path, error);
  if (reopened == NULL)
    return FALSE;
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
