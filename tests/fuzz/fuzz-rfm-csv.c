/* fuzz-rfm-csv.c: the rfm CSV reader (awb-rfm-csv.c) on any file
 *
 * The bytes are written to a file (the reader takes a path) and read with
 * the default columns, as of 2024-12-31, with and without a window; what it
 * reads is written back out as an rfm CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "awb-date.h"
#include "awb-rfm-csv.h"
#include "fuzz-common.h"

static char *in_path;
static char *out_path;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fuzz-rfm-XXXXXX", &error);

  fuzz_init_glib ();
  g_assert_no_error (error);
  in_path = g_build_filename (dir, "in.csv", NULL);
  out_path = g_build_filename (dir, "out.csv", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  AwbRfmSettings settings;
  AwbRfmBreakpoints breakpoints;
  AwbClientFacts *facts = NULL;
  gsize n_facts = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (in_path, (const char *) data, (gssize) size, &error))
    g_error ("cannot write %s: %s", in_path, error->message);

  /* Every trade counts. */
  if (awb_rfm_csv_read (in_path, NULL, awb_date_from_ymd (2024, 12, 31), 0,
                        &facts, &n_facts, &error))
    awb_client_facts_free (facts, n_facts);
  else
    {
      g_assert (error != NULL && error->domain == AWB_RFM_CSV_ERROR);
      g_clear_error (&error);
    }

  /* The default settings (a window of days), scored and written out. */
  awb_rfm_settings_init_default (&settings);
  if (!awb_rfm_csv_score_file (in_path, NULL, &settings, awb_date_from_ymd (2024, 12, 31),
                               out_path, TRUE, &breakpoints, &error))
    {
      g_assert (error != NULL && error->domain == AWB_RFM_CSV_ERROR);
    }
  return 0;
}
