/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixture shared by the ledger session tests (test-ledger-session,
 * test-ledger-session-export): a database in a fresh folder, a session on
 * it, and a way to wait for one async result at a time. */
#pragma once

#include <glib.h>

#include "test-store-util.h"
#include "vv-db.h"
#include "vv-ledger-session.h"

typedef struct
{
  char            *dir;
  char            *db_path;
  VvDb            *db;
  VvLedgerSession *session;
  GAsyncResult    *result;
} Fixture;

static inline char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "ledger", name, NULL);
}

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "veiviser.db", NULL);
  f->db = vv_db_open (f->db_path, &error);
  g_assert_no_error (error);
  f->session = vv_ledger_session_new (f->db, NULL);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  gpointer weak = f->session;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_clear_object (&f->result);
  /* A worker thread lets go of its task a moment after the callback ran. */
  g_object_add_weak_pointer (G_OBJECT (f->session), &weak);
  g_clear_object (&f->session);
  while (weak != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_clear_object (&f->db);
  test_rm_rf (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;

  g_set_object (&f->result, result);
}

/* Runs the main loop until store_result_cb() has stored a result (at most
 * two minutes), and returns it; clear_result() before the next call. */
static inline GAsyncResult *
wait_result (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (f->result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  return f->result;
}

static inline void
clear_result (Fixture *f)
{
  g_clear_object (&f->result);
}
