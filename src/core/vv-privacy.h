/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-privacy.h: keeps personal data out of saved cases.
 *
 * Veiviser stores classification cases, not people. Titles and notes are
 * checked for Norwegian national identity numbers (fødselsnummer, D- and
 * H-numbers) and for names the user has marked as personal.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VV_PRIVACY_ERROR (vv_privacy_error_quark ())

typedef enum
{
  VV_PRIVACY_ERROR_FNR,   /* a valid national identity number */
  VV_PRIVACY_ERROR_NAME,  /* one of the marked names */
} VvPrivacyError;

GQuark    vv_privacy_error_quark  (void);

gboolean  vv_privacy_is_fnr       (const char         *digits);
gboolean  vv_privacy_find_fnr     (const char         *text,
                                   gsize              *start,
                                   gsize              *end);
gboolean  vv_privacy_find_name    (const char         *text,
                                   const char * const *names,
                                   const char        **found);
char     *vv_privacy_mask_fnr     (const char         *text);
gboolean  vv_privacy_check        (const char         *text,
                                   const char * const *names,
                                   GError            **error);

G_END_DECLS
