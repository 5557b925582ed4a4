/* awb-csv-reader.c: a streaming RFC 4180 CSV reader for UTF-8 and GB18030 files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) A regular file is mapped (GMappedFile), never read into a heap
 *      buffer nor split into an array of rows: a million-trade export is
 *      ~80 MB, and a reader holds one record at a time.  What cannot be
 *      mapped (a pipe, a FIFO, /dev/fd/N of a process substitution, a
 *      character device) is read into memory to its end; a folder is
 *      refused by name.
 *  (2) The encoding is decided once, on the whole byte stream, before the
 *      first record: a UTF-8 byte-order mark means UTF-8 (the mark is
 *      skipped); bytes that are valid UTF-8 mean UTF-8.  Otherwise the
 *      reader does not guess over a mixed file: it is UTF-8 with bad lines,
 *      refused naming the first, when most of its lines with bytes above
 *      0x7F are valid UTF-8, or, when the lines cannot tell (one such line
 *      in all, or as many valid as not), when most of those bytes make valid
 *      UTF-8 characters and the GB18030 reading would not be mostly common
 *      Chinese characters (GB2312 symbols and level-1 characters at least
 *      twice as many as all others: UTF-8 read as GB18030 gives rare ones).
 *      Else the bytes must all be valid GB18030 (checked with glibc's iconv
 *      through GIConv) and hold at least one GB2312 character (both bytes
 *      0xA1..0xFE) or four-byte character, which Latin-1 text read as
 *      GB18030 never does (an accented letter and the ASCII letter after it
 *      make a pair with an ASCII second byte).  Anything else is refused,
 *      naming a line.  Nobody is asked.  A tiny GB18030 file (a line or two
 *      of rare characters whose bytes happen to make UTF-8) may be taken for
 *      UTF-8 with a bad line and refused; it is never read as garbage.  Validating UTF-8 costs one
 *      pass of g_utf8_validate_len over the file (a NUL byte is let through,
 *      for the record to refuse: (6)).
 *  (3) A UTF-8 file is parsed in place, straight from the map.  A GB18030
 *      file is converted chunk by chunk into a window that holds at least the
 *      current record: when a record runs past the end of the window, the
 *      window is compacted from the record's start, refilled, and the record
 *      is parsed again from its start.  The chunk converted is at least as
 *      long as what is kept, so a record that runs on (an unterminated
 *      quote in a 100 MB file) doubles the window each time and every byte
 *      is parsed a bounded number of times (at most about three).
 *  (4) Records end at LF, CRLF or a lone CR; a quoted field may hold commas,
 *      doubled quotes and line ends (RFC 4180).  A record's line number is
 *      the physical line where it starts, counting LFs (1 is the header), so
 *      quoted line ends count.
 *  (5) Each record's fields are unescaped into one scratch buffer, each field
 *      NUL-terminated; the caller may edit a field in place (e.g. trim it)
 *      until the next call of awb_csv_reader_next().
 *  (6) A quoting error (an unterminated quote, text after a closing quote)
 *      or a NUL byte in a field
 *      spoils one record, not the file: the record is returned as
 *      AWB_CSV_BAD_RECORD with the field it happened in, and reading goes on,
 *      so an importer can report every bad line of a file at once.
 */
#define G_LOG_DOMAIN "awb-csv-reader"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "awb-csv-reader.h"
#include "awb-import.h"

#define CHUNK_SIZE (256 * 1024)

struct _AwbCsvReader
{
  GBytes         *bytes;         /* the whole file, mapped */
  char           *display_name;  /* for messages: the file's base name */
  const char     *in;            /* the file's bytes after any BOM */
  gsize           in_len;
  gsize           in_pos;        /* GB18030: input bytes converted so far */
  AwbCsvEncoding  encoding;
  GIConv          cd;            /* GB18030 → UTF-8, or (GIConv) -1 */

  const char     *buf;           /* UTF-8 window: the map, or conv */
  gsize           buf_len;
  gsize           pos;           /* start of the next record in buf */
  gboolean        input_done;    /* buf holds the file's last byte */
  char           *conv;          /* GB18030: converted window, owned */
  gsize           conv_cap;

  guint           line;          /* physical line at pos */
  guint           record_line;   /* line where the current record starts */
  GString        *scratch;       /* current record's fields, NUL-separated */
  GArray         *starts;        /* guint: offset of each field in scratch */
  AwbCsvProblem   problem;
  guint           problem_field;
};

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (const char *p = data; (p = memchr (p, '\n', (gsize) (data + offset - p))) != NULL; p++)
    line++;
  return line;
}

/* Offset of the first byte that is not GB18030, or -1 if every byte is. */
static gssize
gb18030_first_bad (const char *in,
                   gsize       len)
{
  GIConv cd = g_iconv_open ("UTF-8", "GB18030");
  char out[64 * 1024];
  char *inp = (char *) in;
  gsize inleft = len;
  gssize bad = -1;

  if (cd == (GIConv) -1)
    return 0;
  while (inleft > 0)
    {
      char *outp = out;
      gsize outleft = sizeof out;

      if (g_iconv (cd, &inp, &inleft, &outp, &outleft) == (gsize) -1 && errno != E2BIG)
        {
          bad = inp - in;
          break;
        }
    }
  g_iconv_close (cd);
  return bad;
}

/* g_utf8_validate_len, except that a NUL byte is taken: it is text's
 * business to refuse it, with its line and field (Notes (6)). */
static gboolean
utf8_validate (const char  *in,
               gsize        len,
               const char **end)
{
  const char *p = in;

  while (!g_utf8_validate_len (p, len - (gsize) (p - in), end))
    {
      if (**end != '\0')
        return FALSE;
      p = *end + 1;
    }
  return TRUE;
}

/* (2) The evidence for UTF-8 in a file that is not UTF-8 all through:
 * how many bytes above 0x7F belong to a valid multi-byte UTF-8 character
 * and how many do not; how many lines with such bytes are valid UTF-8 and
 * how many are not. */
typedef struct
{
  gsize valid, invalid;
  gsize lines_valid, lines_invalid;
} Utf8Evidence;

static void
utf8_evidence (const char   *in,
               gsize         len,
               Utf8Evidence *e)
{
  const char *p = in;
  const char *end = in + len;
  gboolean line_high = FALSE, line_bad = FALSE;

  memset (e, 0, sizeof *e);
  while (p <= end)
    {
      gunichar c;

      if (p == end || *p == '\n')
        {
          if (line_high && line_bad)
            e->lines_invalid++;
          else if (line_high)
            e->lines_valid++;
          line_high = line_bad = FALSE;
          p++;
          continue;
        }
      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      line_high = TRUE;
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          e->invalid++;
          line_bad = TRUE;
          p++;
          continue;
        }
      e->valid += (gsize) g_unichar_to_utf8 (c, NULL);
      p = g_utf8_next_char (p);
    }
}

/* (2) The characters of GB18030 bytes: how many are common in Chinese text
 * (GB2312's symbols, rows 0xA1..0xA9, and its 3,755 level-1 characters,
 * rows 0xB0..0xD7), how many are other GB2312 characters (both bytes
 * 0xA1..0xFE), four-byte characters, and anything else (GBK's additions,
 * whose second byte may be ASCII). */
typedef struct
{
  gsize common, gb2312, four_byte, other;
} GbCount;

static void
gb18030_count (const char *in,
               gsize       len,
               GbCount    *n)
{
  const guchar *u = (const guchar *) in;

  memset (n, 0, sizeof *n);
  for (gsize i = 0; i < len;)
    {
      guchar lead = u[i];
      guchar trail = i + 1 < len ? u[i + 1] : 0;

      if (lead < 0x80)
        {
          i++;
          continue;
        }
      if (trail >= 0x30 && trail <= 0x39)
        {
          n->four_byte++;
          i += 4;
          continue;
        }
      if (lead >= 0xa1 && trail >= 0xa1 && trail <= 0xfe)
        {
          if (lead <= 0xa9 || (lead >= 0xb0 && lead <= 0xd7))
            n->common++;
          else
            n->gb2312++;
        }
      else
        n->other++;
      i += 2;
    }
}

static gboolean
detect_encoding (AwbCsvReader  *self,
                 GError       **error)
{
  const guchar *u = (const guchar *) self->in;
  const char *utf8_end = NULL;
  gssize gb_bad;
  gsize bad;
  gboolean lines_tell;
  Utf8Evidence ev;
  GbCount gb;

  if (self->in_len >= 3 && memcmp (u, "\xef\xbb\xbf", 3) == 0)
    {
      self->in += 3;
      self->in_len -= 3;
      self->encoding = AWB_CSV_ENCODING_UTF8_BOM;
      if (utf8_validate (self->in, self->in_len, &utf8_end))
        return TRUE;
      bad = (gsize) (utf8_end - self->in);
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   _("%s:%u: the file starts as UTF-8 but byte 0x%02X is not UTF-8 text"),
                   self->display_name, line_at (self->in, bad), (guint) (guchar) self->in[bad]);
      return FALSE;
    }
  if (self->in_len >= 2 && (memcmp (u, "\xff\xfe", 2) == 0 || memcmp (u, "\xfe\xff", 2) == 0))
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   _("%s: the file is UTF-16 text, which is not read; "
                     "save it as CSV in UTF-8 or GB18030"),
                   self->display_name);
      return FALSE;
    }
  if (utf8_validate (self->in, self->in_len, &utf8_end))
    {
      self->encoding = AWB_CSV_ENCODING_UTF8;
      return TRUE;
    }

  /* (2) Not UTF-8 all through.  A file that is UTF-8 but for some lines is
   * refused, naming the first bad line: read as GB18030 it would be
   * garbage. */
  bad = (gsize) (utf8_end - self->in);
  utf8_evidence (self->in, self->in_len, &ev);
  gb18030_count (self->in, self->in_len, &gb);
  /* The lines decide when they can: more lines with high bytes valid than
   * not says UTF-8, fewer says not.  Only when they cannot (one such line in
   * all, or as many of each) do the bytes: more of them in valid UTF-8
   * characters than not, and GB18030 would read them as few common
   * characters. */
  lines_tell = ev.lines_valid + ev.lines_invalid > 1 && ev.lines_valid != ev.lines_invalid;
  if (ev.lines_valid > ev.lines_invalid ||
      (!lines_tell && ev.valid > ev.invalid &&
       (gb.common == 0 || gb.common < 2 * (gb.gb2312 + gb.four_byte + gb.other))))
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   /* Translators: %1$s is a file name, %2$u a line number, %3$02X a byte */
                   _("%1$s:%2$u: the line is not valid UTF-8 text (byte 0x%3$02X), "
                     "though the rest of the file is UTF-8; save the whole file as UTF-8"),
                   self->display_name, line_at (self->in, bad), (guint) (guchar) self->in[bad]);
      return FALSE;
    }
  gb_bad = gb18030_first_bad (self->in, self->in_len);
  if (gb_bad < 0 && gb.common + gb.gb2312 + gb.four_byte == 0)
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   /* Translators: %1$s is a file name, %2$u a line number, %3$02X a byte */
                   _("%1$s:%2$u: the file is not UTF-8 text (byte 0x%3$02X), and it is not "
                     "GB18030 either, as it holds no Chinese character (Latin-1?); "
                     "save it as UTF-8"),
                   self->display_name, line_at (self->in, bad), (guint) (guchar) self->in[bad]);
      return FALSE;
    }
  if (gb_bad < 0)
    {
      self->encoding = AWB_CSV_ENCODING_GB18030;
      self->cd = g_iconv_open ("UTF-8", "GB18030");
      if (self->cd == (GIConv) -1)
        {
          g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                       _("%s: the file is GB18030 text, but this system cannot convert it"),
                       self->display_name);
          return FALSE;
        }
      return TRUE;
    }

  /* Neither: name the line where the more plausible reading (the one that
   * got further into the file) failed. */
  bad = MAX ((gsize) (utf8_end - self->in), (gsize) gb_bad);
  g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
               _("%s:%u: the file is neither UTF-8 nor GB18030 text (byte 0x%02X cannot be read)"),
               self->display_name, line_at (self->in, bad),
               bad < self->in_len ? (guint) (guchar) self->in[bad] : 0u);
  return FALSE;
}

static AwbCsvReader *
reader_new (GBytes      *bytes,
            const char  *display_name,
            GError     **error)
{
  g_autoptr(AwbCsvReader) self = g_new0 (AwbCsvReader, 1);
  gsize len;

  self->bytes = bytes;
  self->display_name = g_strdup (display_name);
  self->in = g_bytes_get_data (bytes, &len);
  self->in_len = len;
  self->cd = (GIConv) -1;
  self->line = 1;
  self->scratch = g_string_sized_new (1024);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), 64);
  if (self->in == NULL)
    self->in = "";

  if (!detect_encoding (self, error))
    return NULL;

  if (self->encoding == AWB_CSV_ENCODING_GB18030)
    {
      self->buf = self->conv;
      self->buf_len = 0;
      self->input_done = self->in_len == 0;
    }
  else
    {
      self->buf = self->in;
      self->buf_len = self->in_len;
      self->input_done = TRUE;
    }
  return g_steal_pointer (&self);
}

/**
 * awb_csv_reader_new_for_path:
 *
 * Maps @path and decides its encoding (see (2) above).
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 * (%AWB_IMPORT_ERROR_FILE: unreadable, or text in no known encoding).
 */
AwbCsvReader *
awb_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr(GMappedFile) map = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   _("Cannot read “%s”: it is a folder, not a file"), path);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      /* (1) a pipe, a FIFO, a character device: read to its end */
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &local_error))
        {
          g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                       _("Cannot read “%s”: %s"), path, local_error->message);
          return NULL;
        }
      return reader_new (g_bytes_new_take (contents, len), base, error);
    }
  map = g_mapped_file_new (path, FALSE, &local_error);
  if (map == NULL)
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return reader_new (g_mapped_file_get_bytes (map), base, error);
}

/**
 * awb_csv_reader_new_for_data:
 *
 * Like awb_csv_reader_new_for_path() for bytes in memory; @display_name
 * names them in messages.
 */
AwbCsvReader *
awb_csv_reader_new_for_data (GBytes      *data,
                             const char  *display_name,
                             GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  return reader_new (g_bytes_ref (data), display_name, error);
}

void
awb_csv_reader_free (AwbCsvReader *self)
{
  if (self == NULL)
    return;
  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->conv, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_string_free (self->scratch, TRUE);
  g_array_unref (self->starts);
  g_free (self);
}

AwbCsvEncoding
awb_csv_reader_get_encoding (AwbCsvReader *self)
{
  return self->encoding;
}

const char *
awb_csv_reader_get_display_name (AwbCsvReader *self)
{
  return self->display_name;
}

/* GB18030: keeps the window from the current record's start and converts
 * the next chunk of the file after it. */
static gboolean
refill (AwbCsvReader  *self,
        GError       **error)
{
  gsize keep = self->buf_len - self->pos;
  gsize chunk = MIN (MAX ((gsize) CHUNK_SIZE, keep), self->in_len - self->in_pos);  /* (3) */
  gsize need = keep + chunk * 2 + 16;  /* GB18030 → UTF-8 grows at most 1.5× */
  char *inp, *outp;
  gsize inleft, outleft, r;

  if (self->pos > 0)
    memmove (self->conv, self->conv + self->pos, keep);
  self->pos = 0;
  self->buf_len = keep;
  if (self->conv_cap < need)
    {
      self->conv_cap = need;
      self->conv = g_realloc (self->conv, need);
    }
  self->buf = self->conv;

  inp = (char *) self->in + self->in_pos;
  inleft = chunk;
  outp = self->conv + keep;
  outleft = self->conv_cap - keep;
  r = g_iconv (self->cd, &inp, &inleft, &outp, &outleft);
  self->in_pos += chunk - inleft;
  self->buf_len = (gsize) (outp - self->conv);
  if (r == (gsize) -1 && errno != E2BIG &&
      (errno != EINVAL || self->in_pos + inleft >= self->in_len || chunk == inleft))
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE,
                   _("%s:%u: the file is neither UTF-8 nor GB18030 text (byte 0x%02X cannot be read)"),
                   self->display_name, line_at (self->in, self->in_pos),
                   self->in_pos < self->in_len ? (guint) (guchar) self->in[self->in_pos] : 0u);
      return FALSE;
    }
  self->input_done = self->in_pos >= self->in_len;
  return TRUE;
}

enum { PARSED, NEED_MORE, NO_RECORD };

static inline void
set_problem (AwbCsvReader  *self,
             AwbCsvProblem  problem)
{
  if (self->problem == AWB_CSV_PROBLEM_NONE)
    {
      self->problem = problem;
      self->problem_field = self->starts->len - 1;
    }
}

static int
parse_record (AwbCsvReader *self)
{
  const char *b = self->buf;
  gsize n = self->buf_len;
  gsize p = self->pos;
  gsize q;
  guint line = self->line;
  gboolean eof = self->input_done;
  GString *s = self->scratch;

  g_string_truncate (s, 0);
  g_array_set_size (self->starts, 0);
  self->problem = AWB_CSV_PROBLEM_NONE;

  if (p >= n)
    return eof ? NO_RECORD : NEED_MORE;

  self->record_line = line;
  for (;;)
    {
      guint start = (guint) s->len;

      g_array_append_val (self->starts, start);
      if (p < n && b[p] == '"')
        {
          p++;
          for (;;)
            {
              q = p;
              while (q < n && b[q] != '"' && b[q] != '\n')
                q++;
              g_string_append_len (s, b + p, (gssize) (q - p));
              p = q;
              if (q >= n)
                {
                  if (!eof)
                    return NEED_MORE;
                  set_problem (self, AWB_CSV_PROBLEM_UNTERMINATED_QUOTE);
                  break;
                }
              if (b[q] == '\n')
                {
                  g_string_append_c (s, '\n');
                  line++;
                  p = q + 1;
                  continue;
                }
              if (q + 1 >= n && !eof)
                return NEED_MORE;
              if (q + 1 < n && b[q + 1] == '"')
                {
                  g_string_append_c (s, '"');
                  p = q + 2;
                  continue;
                }
              p = q + 1;  /* the closing quote */
              if (p < n && b[p] != ',' && b[p] != '\n' && b[p] != '\r')
                {
                  set_problem (self, AWB_CSV_PROBLEM_TEXT_AFTER_QUOTE);
                  q = p;
                  while (q < n && b[q] != ',' && b[q] != '\n' && b[q] != '\r')
                    q++;
                  if (q >= n && !eof)
                    return NEED_MORE;
                  g_string_append_len (s, b + p, (gssize) (q - p));
                  p = q;
                }
              break;
            }
        }
      else
        {
          q = p;
          while (q < n && b[q] != ',' && b[q] != '\n' && b[q] != '\r')
            q++;
          if (q >= n && !eof)
            return NEED_MORE;
          g_string_append_len (s, b + p, (gssize) (q - p));
          p = q;
        }
      if (memchr (s->str + start, '\0', s->len - start) != NULL)
        set_problem (self, AWB_CSV_PROBLEM_NUL);
      g_string_append_c (s, '\0');

      if (p >= n)
        break;
      if (b[p] == ',')
        {
          p++;
          if (p >= n && !eof)
            return NEED_MORE;
          if (p >= n)
            {
              /* "a,b," at the very end: one more, empty field */
              start = (guint) s->len;
              g_array_append_val (self->starts, start);
              g_string_append_c (s, '\0');
              break;
            }
          continue;
        }
      if (b[p] == '\r')
        {
          if (p + 1 >= n && !eof)
            return NEED_MORE;
          p++;
          if (p < n && b[p] == '\n')
            p++;
        }
      else
        p++;
      line++;
      break;
    }

  self->pos = p;
  self->line = line;
  return PARSED;
}

/**
 * awb_csv_reader_next:
 *
 * Reads the next record.  Returns %AWB_CSV_RECORD or %AWB_CSV_BAD_RECORD
 * with the record's fields available, %AWB_CSV_END after the last record,
 * or %AWB_CSV_FAILED with @error set (the GB18030 conversion failed).
 */
AwbCsvStatus
awb_csv_reader_next (AwbCsvReader  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, AWB_CSV_FAILED);

  for (;;)
    {
      switch (parse_record (self))
        {
        case PARSED:
          return self->problem == AWB_CSV_PROBLEM_NONE ? AWB_CSV_RECORD : AWB_CSV_BAD_RECORD;
        case NO_RECORD:
          return AWB_CSV_END;
        case NEED_MORE:
        default:
          if (!refill (self, error))
            return AWB_CSV_FAILED;
          break;
        }
    }
}

guint
awb_csv_reader_get_n_fields (AwbCsvReader *self)
{
  return self->starts->len;
}

/* The field @i of the current record, NUL-terminated, owned by the reader
 * and writable until the next record is read. */
char *
awb_csv_reader_get_field (AwbCsvReader *self,
                          guint         i,
                          gsize        *len)
{
  guint start, end;

  g_return_val_if_fail (i < self->starts->len, NULL);

  start = g_array_index (self->starts, guint, i);
  end = i + 1 < self->starts->len ? g_array_index (self->starts, guint, i + 1) - 1
                                  : (guint) self->scratch->len - 1;
  if (len)
    *len = end - start;
  return self->scratch->str + start;
}

guint
awb_csv_reader_get_line (AwbCsvReader *self)
{
  return self->record_line;
}

AwbCsvProblem
awb_csv_reader_get_problem (AwbCsvReader *self,
                            guint        *field)
{
  if (field)
    *field = self->problem_field;
  return self->problem;
}

/* How far into the file the reader is, 0..1, for progress bars. */
double
awb_csv_reader_get_fraction (AwbCsvReader *self)
{
  if (self->encoding == AWB_CSV_ENCODING_GB18030)
    return self->in_len ? (double) self->in_pos / (double) self->in_len : 1.0;
  return self->buf_len ? (double) self->pos / (double) self->buf_len : 1.0;
}

/* The file's size in bytes (after any BOM). */
gsize
awb_csv_reader_get_size (AwbCsvReader *self)
{
  return self->in_len;
}
