/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-json-private.h: the one way JSON text is read in the core.
 *
 * Every JSON input (cases, case imports, exercise sets, unit files, rule data,
 * stored facts) goes through _vv_json_parse() or _vv_json_parser_load(). A
 * pre-scan sees the text before json-glib does and refuses what json-glib
 * would crash on or silently get wrong: nesting deeper than
 * %VV_JSON_MAX_DEPTH (json-glib recurses and overflows the stack), numbers
 * outside the double or int64 range (1e400 becomes infinity, which json-glib
 * then writes as text it cannot read back), a key given twice in one object
 * (json-glib keeps the last), a NUL escape (it cuts the string), text that is
 * not UTF-8, more than one top-level value (json-glib 1.6 leaks), and text
 * that ends inside an object or array (json-glib 1.10 accepts it).
 * Messages name the file and line and are translated.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define VV_JSON_ERROR (vv_json_error_quark ())

typedef enum
{
  VV_JSON_ERROR_ENCODING,      /* not UTF-8, a NUL byte, an octal escape giving bytes */
  VV_JSON_ERROR_SYNTAX,        /* json-glib refused it */
  VV_JSON_ERROR_DEPTH,         /* nested deeper than VV_JSON_MAX_DEPTH */
  VV_JSON_ERROR_NUMBER,        /* not finite or outside the int64 range */
  VV_JSON_ERROR_DUPLICATE_KEY, /* the same member name twice in one object */
  VV_JSON_ERROR_NUL,           /* a \u0000 escape in a string */
  VV_JSON_ERROR_MULTIPLE,      /* more than one top-level value */
} VvJsonError;

/* Deep enough for every format we read (rule data nests 6 levels), shallow
 * enough for json-glib's recursive parser and our own recursive walks. */
#define VV_JSON_MAX_DEPTH 64

GQuark      vv_json_error_quark          (void);

gboolean    _vv_json_check               (const char  *text,
                                          gsize        len,
                                          const char  *filename,
                                          GError     **error);
gboolean    _vv_json_parser_load         (JsonParser  *parser,
                                          const char  *text,
                                          gsize        len,
                                          const char  *filename,
                                          GError     **error);
JsonNode   *_vv_json_parse               (const char  *text,
                                          gsize        len,
                                          const char  *filename,
                                          GError     **error);
JsonObject *_vv_json_parse_object        (const char  *text,
                                          const char  *filename,
                                          GError     **error);
JsonNode   *_vv_json_node_copy_deep      (JsonNode    *node);
JsonObject *_vv_json_object_copy_deep    (JsonObject  *object);
void        _vv_json_error_convert       (GError      *error,
                                          GQuark       domain,
                                          int          encoding_code,
                                          int          format_code,
                                          int          syntax_code);
guint       _vv_json_line_of_offset      (const char  *text,
                                          gsize        offset);

/* The one way JSON text is written in the core: json-glib's generator
 * (pretty: indented by 2), with its numbers repaired: json-glib 1.6 appends
 * ".0" to a double it writes without a point, also after an exponent
 * ("1e+20.0"), which no JSON reader (json-glib included) reads back. */
char       *_vv_json_to_data             (JsonNode    *root,
                                          gboolean     pretty,
                                          gsize       *length);

/* json-glib turns octal escapes ("\377") into raw bytes, so a document that
 * is valid UTF-8 can still give strings that are not. Returns FALSE when a
 * string or member name anywhere in @node is not valid UTF-8. */
gboolean _vv_json_strings_valid    (JsonNode   *node);

G_END_DECLS
