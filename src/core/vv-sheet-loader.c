/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sheet-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <stdlib.h>
#include <string.h>

#include "vv-sheet-module-private.h"
#include "vv-sheet-private.h"

/* The core's side of the spreadsheet module (vv-sheet-module-private.h):
 * finds and loads libveiviser-sheet.so once, the first time a spreadsheet
 * is read or written, and forwards vv-sheet-private.h's functions to it. */

typedef struct
{
  const VvSheetModule *module;
  char                *path;      /* the module's file */
  char                *failure;   /* why it could not be loaded */
} Loaded;

/* The same quark as the module's (same string), so errors from either side
 * match VV_SHEET_ERROR. */
G_DEFINE_QUARK (vv-sheet-error-quark, _vv_sheet_error)

/* Helpers */

/* TRUE when the running program is a file of this build tree, so that
 * tests, `meson devenv` and build/src/cli/veiviser-cli load the module
 * built with them, never an installed one (or none). */
static gboolean
running_in_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (VV_BUILD_ROOT, NULL);
  gsize n;

  if (exe == NULL || root == NULL)
    return FALSE;
  n = strlen (root);
  return strncmp (exe, root, n) == 0 && exe[n] == G_DIR_SEPARATOR;
}

static const char *
module_dir (void)
{
  const char *env = g_getenv ("VEIVISER_MODULE_DIR");

  if (env != NULL && *env != '\0')
    return env;
  if (running_in_build_tree ())
    return VV_BUILD_MODULE_DIR;
  return VV_MODULE_DIR;
}

static gpointer
load_module (gpointer data)
{
  Loaded *l = g_new0 (Loaded, 1);
  GModule *module;
  VvSheetModuleEntry entry = NULL;
  const VvSheetModule *table;

  l->path = g_module_build_path (module_dir (), "veiviser-sheet");
  module = g_module_open (l->path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      l->failure = g_strdup (g_module_error ());
      return l;
    }
  if (!g_module_symbol (module, VV_SHEET_MODULE_ENTRY, (gpointer *) &entry) || entry == NULL)
    {
      l->failure = g_strdup (g_module_error ());
      g_module_close (module);
      return l;
    }
  table = entry ();
  if (table == NULL || table->abi != VV_SHEET_MODULE_ABI || table->size != sizeof (VvSheetModule))
    {
      /* An installed module from another version of Veiviser. */
      l->failure = g_strdup_printf ("version %u, %u expected",
                                    table != NULL ? table->abi : 0, VV_SHEET_MODULE_ABI);
      g_module_close (module);
      return l;
    }
  /* Sheets and their GTypes (libgsf's) outlive any one reader. */
  g_module_make_resident (module);
  l->module = table;
  g_debug ("loaded %s", l->path);
  return l;
}

/* Library-internal API */

/*
 * _vv_sheet_module_load:
 * @error: return location for a #GError (%VV_SHEET_ERROR_READ)
 *
 * Loads the spreadsheet module the first time it is called; later calls
 * return the same table, or the same failure.
 *
 * Returns: (transfer none) (nullable): the module's functions
 */
const VvSheetModule *
_vv_sheet_module_load (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const Loaded *l = g_once (&once, load_module, NULL);

  if (l->module == NULL)
    g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_READ,
                 _("Veiviser’s spreadsheet support (%s) cannot be loaded: %s"),
                 l->path, l->failure);
  return l->module;
}

gboolean
_vv_sheet_looks_like (const char *head,
                      gsize       len)
{
  return len >= 4 && memcmp (head, "PK\003\004", 4) == 0;
}

VvSheet *
_vv_sheet_open (const char *path,
                const char *data,
                gsize       len,
                const char *name,
                GError    **error)
{
  g_autoptr(GError) local = NULL;
  const VvSheetModule *m = _vv_sheet_module_load (&local);

  if (m == NULL)
    {
      g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_READ,
                   _("%s: cannot read spreadsheets: %s"), name, local->message);
      return NULL;
    }
  return m->open (path, data, len, name, error);
}

/* A #VvSheet exists only when the module was loaded. */
static const VvSheetModule *
loaded (void)
{
  const VvSheetModule *m = _vv_sheet_module_load (NULL);

  g_assert (m != NULL);
  return m;
}

GPtrArray *
_vv_sheet_get_names (VvSheet *sheet)
{
  return loaded ()->get_names (sheet);
}

const char *
_vv_sheet_get_kind (VvSheet *sheet)
{
  return loaded ()->get_kind (sheet);
}

void
_vv_sheet_set_ledger_func (VvSheet          *sheet,
                           VvSheetLedgerFunc is_ledger)
{
  loaded ()->set_ledger_func (sheet, is_ledger);
}

gboolean
_vv_sheet_select (VvSheet    *sheet,
                  const char *wanted,
                  GError    **error)
{
  return loaded ()->select (sheet, wanted, error);
}

const char *
_vv_sheet_get_selected (VvSheet *sheet)
{
  return loaded ()->get_selected (sheet);
}

gssize
_vv_sheet_next (VvSheet     *sheet,
                const char **out,
                GError     **error)
{
  return loaded ()->next (sheet, out, error);
}

guint64
_vv_sheet_get_done (VvSheet *sheet,
                    guint64 *total)
{
  return loaded ()->get_done (sheet, total);
}

void
_vv_sheet_free (VvSheet *sheet)
{
  if (sheet != NULL)
    loaded ()->free (sheet);
}

gboolean
_vv_sheet_number_text (const char *value,
                       GString    *out)
{
  const VvSheetModule *m = _vv_sheet_module_load (NULL);

  return m != NULL && m->number_text (value, out);
}
