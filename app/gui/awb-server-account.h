/* awb-server-account.h: this computer's account on the branch server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "awb-server.h"

G_BEGIN_DECLS

#define AWB_TYPE_SERVER_ACCOUNT (awb_server_account_get_type ())
G_DECLARE_FINAL_TYPE (AwbServerAccount, awb_server_account, AWB, SERVER_ACCOUNT, GObject)

/* Seconds libpq waits for an unreachable server before giving up. */
#define AWB_SERVER_ACCOUNT_CONNECT_TIMEOUT 10

const SecretSchema *awb_server_account_get_secret_schema (void);

AwbServerAccount *awb_server_account_new           (const char       *address,
                                                    const char       *user);
AwbServerAccount *awb_server_account_new_from_settings (GSettings    *settings);

const char       *awb_server_account_get_address   (AwbServerAccount *self);
const char       *awb_server_account_get_user      (AwbServerAccount *self);
gboolean          awb_server_account_is_configured (AwbServerAccount *self);
char             *awb_server_account_dup_conninfo  (AwbServerAccount *self);

void              awb_server_account_store_password_async  (AwbServerAccount    *self,
                                                            const char          *password,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          awb_server_account_store_password_finish (AwbServerAccount    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              awb_server_account_lookup_password_async (AwbServerAccount    *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char             *awb_server_account_lookup_password_finish (AwbServerAccount   *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);
void              awb_server_account_forget_password_async (AwbServerAccount    *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          awb_server_account_forget_password_finish (AwbServerAccount   *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);

AwbServer        *awb_server_account_connect       (AwbServerAccount *self,
                                                    const char       *password,
                                                    GError          **error);
void              awb_server_account_test_async    (AwbServerAccount    *self,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char             *awb_server_account_test_finish   (AwbServerAccount    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
