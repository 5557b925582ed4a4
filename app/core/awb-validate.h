/* awb-validate.h: what a person types into a client's profile, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-codes.h"
#include "awb-types.h"

G_BEGIN_DECLS

#define AWB_VALIDATE_ERROR (awb_validate_error_quark ())

typedef enum
{
  AWB_VALIDATE_ERROR_FORMAT,       /* not the form the field takes */
  AWB_VALIDATE_ERROR_RANGE,        /* the form, but out of the field's range */
  AWB_VALIDATE_ERROR_CHECK_DIGIT,  /* an ID number whose check character is wrong */
  AWB_VALIDATE_ERROR_DISAGREES,    /* disagrees with another field of the profile */
} AwbValidateError;

/* The largest amount a client book holds: 1,000,000,000,000.00 yuan. */
#define AWB_VALIDATE_MAX_FEN G_GINT64_CONSTANT (100000000000000)

/* The most characters of an ID document's number (passports and permits
 * included). */
#define AWB_VALIDATE_MAX_ID_NUMBER 32

GQuark    awb_validate_error_quark  (void);

gboolean  awb_validate_past_date    (const char  *text,
                                     AwbDate      today,
                                     AwbDate     *out,
                                     GError     **error);
gboolean  awb_validate_mobile       (const char  *text,
                                     char       **digits,
                                     GError     **error);
char      awb_validate_id_check     (const char  *digits);
gboolean  awb_validate_id_number    (const char  *text,
                                     AwbDate      birth_date,
                                     int          gender,
                                     char       **normalized,
                                     GError     **error);
gboolean  awb_validate_amount       (const char  *text,
                                     AwbFen      *out,
                                     GError     **error);
gboolean  awb_validate_percent      (const char  *text,
                                     double      *out,
                                     GError     **error);

G_END_DECLS
