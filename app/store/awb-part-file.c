/* awb-part-file.c: files written whole through a private temporary file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file the book writes outside itself (CSV exports, the scores
 * export, the rfm command's output, backups) holds client data: it is
 * written to a temporary file beside its destination, mode 0600, renamed
 * over the destination only when complete, and removed on any failure.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The temporary file is named DEST.part-PID-XXXXXX: PID is the
 *      writer's process id, XXXXXX mkstemp's letters.
 *  (2) A writer killed mid-write (SIGKILL, a power cut) cannot remove its
 *      file.  Before each new one is made, the folder's stale ones are
 *      removed (awb_part_file_clean_stale): a regular file of this user,
 *      named *.part-PID-XXXXXX (or *.part-XXXXXX, the name before the PID
 *      was added), that has not changed for AWB_PART_FILE_STALE_SECONDS (30
 *      minutes; a live writer changes it at every flush), or for
 *      AWB_PART_FILE_DEAD_WRITER_SECONDS (one minute) when no process PID
 *      runs any more.  The minute guards against a writer whose process id
 *      is not visible from here (another sandbox).
 */
#define G_LOG_DOMAIN "awb-part-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "awb-part-file.h"

#define PART_MARK ".part-"
#define N_RANDOM 6

/**
 * awb_part_file_is_part_name:
 * @pid: (out) (optional): the writer's process id, 0 for an old name
 *   without one
 *
 * Returns: whether @name (a base name) is a temporary file's name (1).
 */
gboolean
awb_part_file_is_part_name (const char *name,
                            gint64     *pid)
{
  const char *mark = g_strrstr (name, PART_MARK);
  const char *p;
  gint64 n = 0;

  if (mark == NULL || mark == name)
    return FALSE;
  p = mark + strlen (PART_MARK);
  if (strlen (p) == N_RANDOM && strchr (p, '-') == NULL)
    {
      if (pid != NULL)
        *pid = 0;
      return TRUE;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      n = n * 10 + (*p - '0');
      if (n > G_MAXINT)
        return FALSE;
    }
  if (*p != '-' || strlen (p + 1) != N_RANDOM)
    return FALSE;
  for (p++; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  if (pid != NULL)
    *pid = n;
  return TRUE;
}

static gboolean
process_runs (gint64 pid)
{
  if (pid <= 0)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno != ESRCH;
}

/**
 * awb_part_file_clean_stale:
 * @dir: a folder
 *
 * Removes the stale temporary files of @dir (Notes (2)).
 *
 * Returns: how many were removed.
 */
guint
awb_part_file_clean_stale (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  time_t now = time (NULL);
  guint n = 0;

  if (listing == NULL)
    return 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      gint64 pid = 0;
      double idle;

      if (!awb_part_file_is_part_name (name, &pid))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        continue;
      idle = difftime (now, st.st_mtime);
      if (idle > AWB_PART_FILE_STALE_SECONDS ||
          (idle > AWB_PART_FILE_DEAD_WRITER_SECONDS && !process_runs (pid)))
        {
          if (g_unlink (path) == 0)
            {
              g_debug ("removed the stale temporary file %s", path);
              n++;
            }
        }
    }
  return n;
}

/**
 * awb_part_file_open:
 * @path: the file to be written
 * @tmp_path: (out) (transfer full): the temporary file's name
 *
 * Removes the stale temporary files of @path's folder, then creates a new
 * one beside @path, mode 0600 (Notes (1)).
 *
 * Returns: its descriptor (O_RDWR, close-on-exec), or -1 with @error set
 * ("Cannot write “PATH”: …").
 */
int
awb_part_file_open (const char  *path,
                    char       **tmp_path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  int fd;

  awb_part_file_clean_stale (dir);
  tmp = g_strdup_printf ("%s" PART_MARK "%ld-XXXXXX", path, (long) getpid ());
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      return -1;
    }
  *tmp_path = g_steal_pointer (&tmp);
  return fd;
}

/**
 * awb_part_file_set_contents:
 *
 * Writes @contents to @path through a temporary file (mode 0600, renamed
 * into place when complete; removed on failure, @path then untouched).
 */
gboolean
awb_part_file_set_contents (const char  *path,
                            const char  *contents,
                            gsize        length,
                            GError     **error)
{
  g_autofree char *tmp = NULL;
  int fd = awb_part_file_open (path, &tmp, error);
  gsize done = 0;
  int saved_errno = 0;

  if (fd < 0)
    return FALSE;
  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      done += (gsize) n;
    }
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (tmp, path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
