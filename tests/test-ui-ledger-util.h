/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-ui-ledger-util.h: what the ledger page's UI tests share (test-ui-ledger.c,
 * test-ui-ledger-export.c): the ledger fixtures in tests/ledger, what the
 * page reported last (an import finished, a file exported), and an import
 * waited for.
 */
#pragma once

#include <adwaita.h>

#include "test-ui-util.h"
#include "vv-ledger-page.h"

G_BEGIN_DECLS

/* What a ledger page reported last, kept by vv_test_ledger_watch(). */
typedef struct
{
  gboolean  import_ok;       /* ::import-finished */
  char     *import_message;  /* its message; %NULL when none */
  char     *export_path;     /* ::exported: the file written, "" when none; %NULL before */
  char     *export_message;  /* its message; %NULL when none */
} VvTestLedgerReport;

/* The path of the fixture tests/ledger/@name. */
static inline char *
vv_test_ledger_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "ledger", name, NULL);
}

static inline void
vv_test_ledger_import_finished_cb (VvLedgerPage *page,
                                   gboolean      ok,
                                   const char   *message,
                                   gpointer      user_data)
{
  VvTestLedgerReport *report = user_data;

  report->import_ok = ok;
  g_free (report->import_message);
  report->import_message = g_strdup (message);
}

static inline void
vv_test_ledger_exported_cb (VvLedgerPage *page,
                            const char   *path,
                            const char   *message,
                            gpointer      user_data)
{
  VvTestLedgerReport *report = user_data;

  g_free (report->export_path);
  report->export_path = g_strdup (path != NULL ? path : "");
  g_free (report->export_message);
  report->export_message = g_strdup (message);
}

/* Keeps in @report what @page says when an import finishes or a file is
 * exported; vv_test_ledger_report_clear() frees it. */
static inline void
vv_test_ledger_watch (VvLedgerPage       *page,
                      VvTestLedgerReport *report)
{
  g_signal_connect (page, "import-finished", G_CALLBACK (vv_test_ledger_import_finished_cb),
                    report);
  g_signal_connect (page, "exported", G_CALLBACK (vv_test_ledger_exported_cb), report);
}

static inline void
vv_test_ledger_report_clear (VvTestLedgerReport *report)
{
  g_clear_pointer (&report->import_message, g_free);
  g_clear_pointer (&report->export_path, g_free);
  g_clear_pointer (&report->export_message, g_free);
}

/* Imports the fixture @name (with the units register @units, a fixture
 * too, when not %NULL) as a user does, waits until @page is done and
 * asserts that it shows a split. */
static inline void
vv_test_ledger_import (VvLedgerPage *page,
                       const char   *name,
                       const char   *units)
{
  g_autofree char *path = vv_test_ledger_fixture (name);
  g_autofree char *units_path = units != NULL ? vv_test_ledger_fixture (units) : NULL;

  vv_ledger_page_import (page, path, units_path, NULL);
  vv_test_wait_not_busy (page, 60000);
  g_assert_nonnull (vv_ledger_page_get_split (page));
}

G_END_DECLS
