/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 leaks (and reads the wrong value) when a document holds more
 * than one top-level value, e.g. "{}{…}". Returns FALSE when @text (of @len
 * bytes) starts with an object or array that is followed by anything but
 * whitespace; such input must be refused before it reaches the parser. */
gboolean _vv_json_single_document (const char *text,
                                   gsize       len);

/* json-glib turns octal escapes ("\377") into raw bytes, so a document that
 * is valid UTF-8 can still give strings that are not. Returns FALSE when a
 * string or member name anywhere in @node is not valid UTF-8. */
gboolean _vv_json_strings_valid    (JsonNode   *node);

G_END_DECLS
