/* awb-scores-export.c: a scoring run's scores as the §11 CSV table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the `scores` rows of one run back into AwbClientLabels (NULL is
 * unknown) and writes them with awb-scores-csv, for the command line's
 * `export scores` and the GUI's export alike.  Streams: a million-client
 * run is never held in memory as text.
 */
#define G_LOG_DOMAIN "awb-scores-export"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "awb-csv-field.h"
#include "awb-part-file.h"
#include "awb-rfm.h"
#include "awb-scores-csv.h"
#include "awb-scores-export.h"

static double
column_real (sqlite3_stmt *stmt,
             int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static gint64
column_int (sqlite3_stmt *stmt,
            int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? AWB_UNKNOWN
                                                        : sqlite3_column_int64 (stmt, col);
}

/* The `scores` columns read_labels() reads, in §11 order, after two of the
 * query's own. */
#define LABEL_COLUMNS \
  " s.recency_days, s.frequency, s.monetary, s.r_score, s.f_score," \
  " s.m_score, s.rfm_segment, s.rfm_state, s.tier_score, s.tier," \
  " s.service_group, s.cadence_days, s.overdue, s.capital_size," \
  " s.turnover_class, s.dependency, s.persistence, s.loyalty_type," \
  " s.loyalty_score, s.lifecycle, s.capacity, s.attitude," \
  " s.capacity_band, s.attitude_band, s.risk_level," \
  " s.questionnaire_expired, s.alloc_low, s.alloc_mid, s.alloc_high," \
  " s.mismatches, s.age_group, s.life_stage, s.family_stage, s.clv," \
  " s.value_tier "

/* Reads a `scores` row (the columns of LABEL_COLUMNS from the third) back
 * into labels: NULL is unknown. */
static void
read_labels (sqlite3_stmt    *stmt,
             AwbClientLabels *l)
{
  int c = 2;

  awb_rfm_labels_init (l);
  l->recency_days = (gint32) column_int (stmt, c++);
  l->frequency = (gint32) column_int (stmt, c++);
  l->monetary = column_int (stmt, c++);
  l->r_score = (gint8) column_int (stmt, c++);
  l->f_score = (gint8) column_int (stmt, c++);
  l->m_score = (gint8) column_int (stmt, c++);
  l->rfm_segment = (gint8) column_int (stmt, c++);
  l->rfm_state = (gint8) column_int (stmt, c++);
  l->tier_score = column_real (stmt, c++);
  l->tier = (gint8) column_int (stmt, c++);
  l->service_group = (gint8) column_int (stmt, c++);
  l->cadence_days = (gint32) column_int (stmt, c++);
  l->overdue = (gint8) column_int (stmt, c++);
  l->capital_size = (gint8) column_int (stmt, c++);
  l->turnover_class = (gint8) column_int (stmt, c++);
  l->dependency = column_real (stmt, c++);
  l->persistence = column_real (stmt, c++);
  l->loyalty_type = (gint8) column_int (stmt, c++);
  l->loyalty_score = column_real (stmt, c++);
  l->lifecycle = (gint8) column_int (stmt, c++);
  l->capacity = (gint16) column_int (stmt, c++);
  l->attitude = (gint16) column_int (stmt, c++);
  l->capacity_band = (gint8) column_int (stmt, c++);
  l->attitude_band = (gint8) column_int (stmt, c++);
  l->risk_level = (gint8) column_int (stmt, c++);
  l->questionnaire_expired = (gint8) column_int (stmt, c++);
  l->alloc_low = (gint8) column_int (stmt, c++);
  l->alloc_mid = (gint8) column_int (stmt, c++);
  l->alloc_high = (gint8) column_int (stmt, c++);
  l->mismatches = (gint32) column_int (stmt, c++);
  l->age_group = (gint8) column_int (stmt, c++);
  l->life_stage = (gint8) column_int (stmt, c++);
  l->family_stage = (gint8) column_int (stmt, c++);
  l->clv = column_int (stmt, c++);
  l->value_tier = (gint8) column_int (stmt, c++);
  if (l->clv == AWB_UNKNOWN)
    l->value_tier = AWB_UNKNOWN;
}

/**
 * awb_scores_export:
 * @run_id: a scoring run of @db
 * @path: the CSV file to write
 * @formula_guard: whether an account number a spreadsheet would run as a
 *   formula (=, +, -, @, tab or CR first) is written with a leading
 *   apostrophe (awb_csv_append_text); every other column is a number or a
 *   code
 * @n_rows: (out): the number of clients written
 *
 * Writes run @run_id's scores to @path as the §11 `scores` table, one row
 * per client in account-number order, through a temporary file renamed
 * into place (mode 0600, awb-part-file.c): a failed export leaves any old
 * file as it was and no half-written one.  The scores hold no phone or ID
 * number.  Returns %FALSE with @error set on failure
 * (AWB_DATABASE_ERROR_NOT_FOUND for an unknown run, a GIOError for the
 * file).
 */
gboolean
awb_scores_export (AwbDatabase  *db,
                   gint64        run_id,
                   const char   *path,
                   gboolean      formula_guard,
                   gint64       *n_rows,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) run = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *local = g_file_get_path (file);
  g_autofree char *tmp = NULL;
  FILE *out = NULL;
  int fd;
  g_autoptr(GString) buf = g_string_sized_new (1 << 16);
  AwbDate as_of;
  int rc;

  run = awb_database_prepare (db, "SELECT as_of FROM scoring_runs WHERE id = ?1", error);
  if (run == NULL)
    return FALSE;
  sqlite3_bind_int64 (run, 1, run_id);
  if (sqlite3_step (run) != SQLITE_ROW)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   _("There is no scoring run %lld in the book"), (long long) run_id);
      return FALSE;
    }
  as_of = sqlite3_column_int (run, 0);

  rows = awb_database_prepare (db,
                               "SELECT c.client_no, s.client_id,"
                               LABEL_COLUMNS
                               "FROM scores s JOIN clients c ON c.id = s.client_id "
                               "WHERE s.id >= (?1 << 32) AND s.id < ((?1 + 1) << 32)"
                               " ORDER BY c.client_no",
                               error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_int64 (rows, 1, run_id);

  /* Written to a temporary file beside @path and renamed over it only when
   * complete, so a failure never leaves a half-written file, new or old. */
  if (local == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot write “%s”: only local files can be written"), path);
      return FALSE;
    }
  fd = awb_part_file_open (local, &tmp, error);
  if (fd < 0)
    return FALSE;
  out = fdopen (fd, "w");
  if (out == NULL)
    {
      int saved_errno = errno;

      close (fd);
      errno = saved_errno;
      goto fail_errno;
    }
  awb_scores_csv_header (buf);
  *n_rows = 0;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *client_no = (const char *) sqlite3_column_text (rows, 0);
      g_autofree char *guarded = NULL;
      AwbClientLabels l;

      if (formula_guard && awb_csv_needs_formula_guard (client_no))
        client_no = guarded = g_strconcat ("'", client_no, NULL);
      read_labels (rows, &l);
      awb_scores_csv_row (buf, client_no, as_of, &l);
      (*n_rows)++;
      if (buf->len >= (1 << 16) - 1024)
        {
          if (fwrite (buf->str, 1, buf->len, out) != buf->len)
            goto fail_errno;
          g_string_truncate (buf, 0);
        }
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  if (fwrite (buf->str, 1, buf->len, out) != buf->len)
    goto fail_errno;
  rc = fclose (g_steal_pointer (&out));
  if (rc != 0 || g_rename (tmp, local) != 0)
    goto fail_errno;
  return TRUE;

fail_errno:
  {
    int saved_errno = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write “%s”: %s"), local, g_strerror (saved_errno));
  }
fail:
  g_clear_pointer (&out, fclose);
  g_unlink (tmp);
  return FALSE;
}


/**
 * awb_scores_read_client:
 * @client_id: clients.id
 * @run_id: (out): the latest scoring run, 0 when the book has none
 * @as_of: (out): its reference date
 * @labels: (out caller-allocates): the client's labels in it
 *
 * Reads one client's labels from the latest scoring run: one row by its
 * key, whatever the size of the book.
 *
 * Returns: %TRUE with the labels; %FALSE when there is no run or the run
 * did not score the client (@error unset), or on failure (@error set).
 */
gboolean
awb_scores_read_client (AwbDatabase      *db,
                        gint64            client_id,
                        gint64           *run_id,
                        AwbDate          *as_of,
                        AwbClientLabels  *labels,
                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  *run_id = 0;
  stmt = awb_database_prepare (db,
                               "SELECT r.id, r.as_of,"
                               LABEL_COLUMNS
                               "FROM (SELECT id, as_of FROM scoring_runs ORDER BY id DESC LIMIT 1) r"
                               " JOIN scores s ON s.id = (r.id << 32) | ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *run_id = sqlite3_column_int64 (stmt, 0);
      *as_of = sqlite3_column_int (stmt, 1);
      read_labels (stmt, labels);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return FALSE;
}
