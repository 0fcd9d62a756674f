/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-store.h: imported ledgers, the units register and remembered
 * column mappings, kept in the database (see vv-db.h).
 */
#pragma once

#include <gio/gio.h>

#include "vv-db.h"
#include "vv-ledger-reader.h"
#include "vv-ledger.h"
#include "vv-rules.h"
#include "vv-units.h"

G_BEGIN_DECLS

#define VV_LEDGER_STORE_ERROR (vv_ledger_store_error_quark ())

typedef enum
{
  VV_LEDGER_STORE_ERROR_DUPLICATE,  /* the same file content was imported before */
  VV_LEDGER_STORE_ERROR_NOT_FOUND,  /* no such import, unit or mapping */
  VV_LEDGER_STORE_ERROR_MAPPING,    /* a stored column mapping cannot be used */
} VvLedgerStoreError;

typedef struct
{
  gint64   id;
  char    *file_name;    /* display name of the file, without folders */
  char    *sha256;       /* of the file's bytes, lower-case hex */
  gint64   size;
  char    *format;       /* "csv" or "kostra" */
  char    *layout_key;   /* nullable */
  int      year;         /* the accounting year, 0 if the lines span several */
  guint64  lines;
  guint64  rejected;
  gint64   created;      /* unix time in microseconds */
  /* Where the figures come from (NULL for imports made before these were kept) */
  char    *region;       /* the region chosen or named in the file, nullable */
  char    *amount_column;/* the header of the amount column read, nullable */
  char    *unit;         /* the file's unit: "kr" or "1000kr", nullable */
  char    *sheet;        /* a spreadsheet's sheet read, nullable */
  int      art_column;   /* the art's field in each raw record (0-based), or -1 */
  char     separator;    /* the raw records' field separator, or 0 */
  /* How the function column was read (NULL/0 for imports made before) */
  char    *function_code;          /* "prefix" (service codes) or "exact", nullable */
  char    *function_code_example;  /* a service code met, e.g. "25410", nullable */
  guint64  lines_service_code;     /* lines whose function came from a service code */
} VvLedgerImport;

typedef struct
{
  gint64   import_id;
  guint64  line_no;
  int      year;
  int      period;
  char    *ansvar;
  guint    function;
  guint    art;
  int      account_class;
  gint64   amount_ore;
  char    *text;
  char    *raw;          /* the record as it stood in the file */
} VvStoredLine;

typedef struct
{
  guint64  line_no;
  char    *field;        /* nullable */
  char    *message;      /* translated when the file was imported */
} VvStoredReject;

typedef struct
{
  char    *ansvar;
  char    *name;
  char    *allocation;   /* "257:80 258:20", see vv_allocation_parse() */
  gint64   case_id;      /* the case it was classified with, 0 if none */
  gint64   modified;
  char    *citation;     /* citation ids the Fordeling rests on, space-separated; "" if none */
  char    *guide;        /* the unit guide's veiviser-unit/1 input, or NULL */
} VvStoredUnit;

GQuark          vv_ledger_store_error_quark     (void);

gboolean        vv_ledger_store_import          (VvDb                 *db,
                                                 const char           *path,
                                                 VvLedgerReader       *reader,
                                                 VvLedgerProgressFunc  progress_func,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 gint64               *import_id,
                                                 GError              **error);
GPtrArray      *vv_ledger_store_list_imports    (VvDb                 *db,
                                                 GError              **error);
VvLedgerImport *vv_ledger_store_get_import      (VvDb                 *db,
                                                 gint64                import_id,
                                                 GError              **error);
gboolean        vv_ledger_store_delete_import   (VvDb                 *db,
                                                 gint64                import_id,
                                                 GError              **error);
GPtrArray      *vv_ledger_store_get_lines       (VvDb                 *db,
                                                 gint64                import_id,
                                                 const guint64        *line_nos,
                                                 guint                 n_line_nos,
                                                 GError              **error);
GPtrArray      *vv_ledger_store_get_rejects     (VvDb                 *db,
                                                 gint64                import_id,
                                                 GError              **error);
GArray         *vv_ledger_store_find_lines      (VvDb                 *db,
                                                 gint64                import_id,
                                                 const char           *condition,
                                                 const char           *ansvar,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
gboolean        vv_ledger_store_foreach_line    (VvDb                 *db,
                                                 gint64                import_id,
                                                 VvLedgerLineFunc      line_func,
                                                 gpointer              user_data,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

gboolean        vv_ledger_store_set_unit        (VvDb                 *db,
                                                 const char           *ansvar,
                                                 const char           *name,
                                                 const char           *allocation,
                                                 gint64                case_id,
                                                 GError              **error);
gboolean        vv_ledger_store_put_unit        (VvDb                 *db,
                                                 const VvStoredUnit   *unit,
                                                 GError              **error);
VvStoredUnit   *vv_ledger_store_get_unit        (VvDb                 *db,
                                                 const char           *ansvar,
                                                 GError              **error);
gboolean        vv_ledger_store_delete_unit     (VvDb                 *db,
                                                 const char           *ansvar,
                                                 GError              **error);
GPtrArray      *vv_ledger_store_list_units      (VvDb                 *db,
                                                 GError              **error);
VvUnits        *vv_ledger_store_load_units      (VvDb                 *db,
                                                 VvRules              *rules,
                                                 GError              **error);

char           *vv_ledger_mapping_from_reader   (VvLedgerReader       *reader);
gboolean        vv_ledger_mapping_apply         (const char           *mapping,
                                                 VvLedgerReader       *reader,
                                                 GError              **error);
gboolean        vv_ledger_store_set_mapping     (VvDb                 *db,
                                                 const char           *layout_key,
                                                 const char           *mapping,
                                                 GError              **error);
char           *vv_ledger_store_get_mapping     (VvDb                 *db,
                                                 const char           *layout_key,
                                                 GError              **error);

void            vv_ledger_import_free           (VvLedgerImport       *import);
void            vv_stored_line_free             (VvStoredLine         *line);
void            vv_stored_reject_free           (VvStoredReject       *reject);
void            vv_stored_unit_free             (VvStoredUnit         *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvLedgerImport, vv_ledger_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvStoredLine, vv_stored_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvStoredUnit, vv_stored_unit_free)

G_END_DECLS
