/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-session"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-ledger-session-util.h"
#include "vv-db.h"
#include "vv-i18n.h"
#include "vv-ledger-line-item.h"
#include "vv-ledger-line-model.h"
#include "vv-ledger-session.h"

/* helpers */

static char *
split_json (VvSplit *split)
{
  g_autoptr(JsonNode) node = vv_split_to_json (split);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static gint64
import_ok (Fixture    *f,
           const char *ledger,
           const char *units)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  vv_ledger_session_import_async (f->session, ledger, NULL, units, NULL, store_result_cb, f);
  g_assert_true (vv_ledger_session_get_busy (f->session));
  g_assert_true (vv_ledger_session_import_finish (f->session, wait_result (f), &id, &error));
  g_assert_no_error (error);
  clear_result (f);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A ledger of @n lines, big enough to be cancelled midway. */
static char *
write_big_ledger (const char *dir,
                  guint       n)
{
  g_autoptr(GString) s = g_string_new ("År;Periode;Ansvar;Funksjon;Art;Beskrivelse;Regnskap\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "big.csv", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "2024;%u;%u;%s;1010;Lønn linje %u;%u,%02u\n", i % 12 + 1,
                            4101 + i % 5, i % 3 ? "257" : "258", i, i % 9000, i % 100);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_imports (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = vv_ledger_session_list_imports (f->session, &error);

  g_assert_no_error (error);
  return imports->len;
}

static guint
count_units (VvDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = vv_ledger_store_list_units (db, &error);

  g_assert_no_error (error);
  return units->len;
}

/* tests */

/* Import then split gives the same split as reading the file straight
 * (what `veiviser-cli split` does), and the session shows it. */
static void
test_import (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autofree char *units_path = sample_path ("sample-units.csv");
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvLedgerSession) files = vv_ledger_session_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *direct = NULL;
  gint64 id;

  id = import_ok (f, ledger, units_path);
  g_assert_cmpint (vv_ledger_session_get_import_id (f->session), ==, id);
  g_assert_nonnull (vv_ledger_session_get_split (f->session));
  g_assert_false (vv_ledger_session_get_sample (f->session));
  g_assert_cmpuint (count_imports (f), ==, 1);
  g_assert_cmpuint (count_units (f->db), ==, 8);
  stored = split_json (vv_ledger_session_get_split (f->session));

  units = vv_units_new_from_file (vv_rules_get_default (), units_path, &error);
  g_assert_no_error (error);
  vv_ledger_session_split_file_async (files, ledger, NULL, units, 0, NULL, store_result_cb, f);
  g_assert_true (vv_ledger_session_split_file_finish (files, wait_result (f), &error));
  g_assert_no_error (error);
  clear_result (f);
  direct = split_json (vv_ledger_session_get_split (files));
  g_assert_cmpstr (stored, ==, direct);

  /* Shown again from the database: the same figures. */
  vv_ledger_session_clear (f->session);
  g_assert_null (vv_ledger_session_get_split (f->session));
  vv_ledger_session_split_async (f->session, id, NULL, store_result_cb, f);
  g_assert_true (vv_ledger_session_split_finish (f->session, wait_result (f), &error));
  g_assert_no_error (error);
  clear_result (f);
  g_free (stored);
  stored = split_json (vv_ledger_session_get_split (f->session));
  g_assert_cmpstr (stored, ==, direct);
}

typedef struct
{
  guint   n_notifies;
  guint   n_reading;
  double  last;
  gboolean splitting;
  gboolean monotonic;
} Progress;

static void
on_notify_progress_cb (VvLedgerSession *session,
                       GParamSpec      *pspec,
                       Progress        *p)
{
  double v = vv_ledger_session_get_progress (session);

  p->n_notifies++;
  g_assert_cmpfloat (v, <=, 1.0);
  if (v < 0)
    p->splitting = TRUE;
  else if (vv_ledger_session_get_busy (session))
    {
      guint64 done, total;

      g_assert_false (p->splitting);   /* reading comes before splitting */
      if (v < p->last)
        p->monotonic = FALSE;
      p->last = v;
      p->n_reading++;
      vv_ledger_session_get_progress_bytes (session, &done, &total);
      g_assert_cmpuint (done, <=, total);
    }
}

/* Progress rises from 0 to 1 while the file is read, then says "splitting"
 * (-1), and is notified at most ten times a second. */
static void
test_progress (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *big = write_big_ledger (f->dir, 300000);
  Progress p = { 0, 0, 0.0, FALSE, TRUE };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;
  gulong handler;

  handler = g_signal_connect (f->session, "notify::progress",
                              G_CALLBACK (on_notify_progress_cb), &p);
  import_ok (f, big, NULL);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_signal_handler_disconnect (f->session, handler);
  g_test_message ("%u notifications in %" G_GINT64_FORMAT " ms", p.n_notifies, elapsed_ms);
  g_assert_cmpuint (p.n_reading, >=, 1);
  g_assert_true (p.monotonic);
  /* throttled: one a tick of 100 ms, plus the resets at start and end */
  g_assert_cmpuint (p.n_notifies, <=, elapsed_ms / 100 + 3);
  g_assert_cmpuint (vv_split_get_lines_read (vv_ledger_session_get_split (f->session)), ==, 300000);
}

static void
cancel_when_reading_cb (VvLedgerSession *session,
                        GParamSpec      *pspec,
                        GCancellable    *cancellable)
{
  if (vv_ledger_session_get_progress (session) > 0.05)
    g_cancellable_cancel (cancellable);
}

/* Cancelled midway: G_IO_ERROR_CANCELLED, and the database is as before. */
static void
test_cancel (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autofree char *big = write_big_ledger (f->dir, 600000);
  g_autofree char *units_path = sample_path ("sample-units.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id, new_id = 0;
  gulong handler;

  id = import_ok (f, ledger, NULL);
  before = split_json (vv_ledger_session_get_split (f->session));

  handler = g_signal_connect (f->session, "notify::progress",
                              G_CALLBACK (cancel_when_reading_cb), cancellable);
  vv_ledger_session_import_async (f->session, big, NULL, units_path, cancellable,
                                  store_result_cb, f);
  g_assert_false (vv_ledger_session_import_finish (f->session, wait_result (f), &new_id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_clear_error (&error);
  clear_result (f);
  g_signal_handler_disconnect (f->session, handler);

  /* nothing written: no import, no units; the split shown is unchanged */
  g_assert_cmpuint (count_imports (f), ==, 1);
  g_assert_cmpuint (count_units (f->db), ==, 0);
  g_assert_cmpint (vv_ledger_session_get_import_id (f->session), ==, id);
  after = split_json (vv_ledger_session_get_split (f->session));
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(VvDb) db = vv_db_open (f->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (vv_db_integrity_check (db, &error));
    g_assert_no_error (error);
  }
}

/* Bad input: a GError naming the file, line and field; nothing half-written. */
static void
test_error (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autofree char *units_path = g_build_filename (f->dir, "units.csv", NULL);
  g_autofree char *kostra = g_build_filename (f->dir, "bad.dat", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = -1;

  g_file_set_contents (units_path, "Ansvar;Navn;Fordeling\n4101;A;257:100\n4102;B;257:80 258:30\n",
                       -1, &error);
  g_assert_no_error (error);
  vv_ledger_session_import_async (f->session, ledger, NULL, units_path, NULL, store_result_cb, f);
  g_assert_false (vv_ledger_session_import_finish (f->session, wait_result (f), &id, &error));
  clear_result (f);
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, units_path));
  g_assert_nonnull (strstr (error->message, ":3:"));
  g_assert_nonnull (strstr (error->message, "Fordeling"));
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpuint (count_imports (f), ==, 0);
  g_assert_cmpuint (count_units (f->db), ==, 0);
  g_assert_null (vv_ledger_session_get_split (f->session));
  g_clear_error (&error);

  /* a missing file names the file */
  vv_ledger_session_import_async (f->session, "/nonexistent/ledger.csv", NULL, NULL, NULL,
                                  store_result_cb, f);
  g_assert_false (vv_ledger_session_import_finish (f->session, wait_result (f), NULL, &error));
  clear_result (f);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "ledger.csv"));
  g_assert_cmpuint (count_imports (f), ==, 0);
  g_clear_error (&error);

  /* a KOSTRA extract with a short record: its line, nothing stored */
  g_file_set_contents (kostra, "0A2024 4 0301 254 1010 0000012345\nshort\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();

    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
    vv_ledger_session_import_async (f->session, kostra, reader, NULL, NULL, store_result_cb, f);
  }
  g_assert_false (vv_ledger_session_import_finish (f->session, wait_result (f), NULL, &error));
  clear_result (f);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad.dat"));
  g_assert_cmpuint (count_imports (f), ==, 0);
}

/* A second step while one runs is refused, and the first goes on. */
static void
test_busy (Fixture       *f,
           gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autoptr(GError) error = NULL;
  GAsyncResult *first;

  vv_ledger_session_import_async (f->session, ledger, NULL, NULL, NULL, store_result_cb, f);
  vv_ledger_session_split_async (f->session, 1, NULL, store_result_cb, f);
  first = wait_result (f);
  g_assert_false (vv_ledger_session_split_finish (f->session, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_true (vv_ledger_session_get_busy (f->session));
  clear_result (f);
  g_clear_error (&error);
  g_assert_true (vv_ledger_session_import_finish (f->session, wait_result (f), NULL, &error));
  g_assert_no_error (error);
  clear_result (f);

  /* the same file again: refused, naming the earlier import */
  {
    gint64 earlier = vv_ledger_session_get_import_id (f->session);
    gint64 id = 0;

    vv_ledger_session_import_async (f->session, ledger, NULL, NULL, NULL, store_result_cb, f);
    g_assert_false (vv_ledger_session_import_finish (f->session, wait_result (f), &id, &error));
    clear_result (f);
    g_assert_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE);
    g_assert_cmpint (id, ==, earlier);
    g_clear_error (&error);

    /* … or replaced */
    vv_ledger_session_replace_async (f->session, earlier, ledger, NULL, NULL, store_result_cb, f);
    g_assert_true (vv_ledger_session_replace_finish (f->session, wait_result (f), &id, &error));
    g_assert_no_error (error);
    clear_result (f);
    g_assert_cmpint (id, >, 0);   /* the id may be taken again once free */
    g_assert_cmpint (vv_ledger_session_get_import_id (f->session), ==, id);
    g_assert_cmpuint (count_imports (f), ==, 1);
  }
}

static const VvSplitAnsvar *
find_ansvar (VvSplit    *split,
             const char *ansvar)
{
  GPtrArray *ansvars = vv_split_get_ansvars (split);

  for (guint i = 0; i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);

      if (g_str_equal (a->ansvar, ansvar))
        return a;
    }
  return NULL;
}

static gboolean
set_unit (Fixture       *f,
          const char    *ansvar,
          const char    *name,
          const char    *allocation,
          VvStoredUnit **previous,
          GError       **error)
{
  gboolean ok;

  vv_ledger_session_set_unit_async (f->session, ansvar, name, allocation, NULL,
                                    store_result_cb, f);
  ok = vv_ledger_session_set_unit_finish (f->session, wait_result (f), previous, error);
  clear_result (f);
  return ok;
}

/* Classifying, reclassifying, renaming and removing a unit split the
 * ledger again; the previous unit is handed back for undo. */
static void
test_resplit (Fixture       *f,
              gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autoptr(VvStoredUnit) previous = NULL;
  g_autoptr(GError) error = NULL;
  const VvSplitAnsvar *a;
  VvSplit *split;
  gint64 home_4101;
  guint n_split = 0;
  gulong handler;

  import_ok (f, ledger, NULL);
  split = vv_ledger_session_get_split (f->session);
  a = find_ansvar (split, "4101");
  g_assert_nonnull (a);
  g_assert_null (a->unit_name);
  home_4101 = a->home_ore;
  g_assert_cmpint (vv_split_get_home_unassigned (split), >=, home_4101);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 0);

  handler = g_signal_connect_swapped (f->session, "notify::split", G_CALLBACK (g_nullify_pointer),
                                      &split);
  /* a bad allocation is refused before anything is stored */
  g_assert_false (set_unit (f, "4101", NULL, "257:80 258:10", NULL, &error));
  g_assert_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_SUM);
  g_clear_error (&error);
  g_assert_nonnull (split);
  g_assert_cmpuint (count_units (f->db), ==, 0);

  g_assert_true (set_unit (f, "4101", "Solbakken", "257:100", &previous, &error));
  g_assert_no_error (error);
  g_assert_null (previous);
  g_assert_null (split);
  n_split++;
  split = vv_ledger_session_get_split (f->session);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, home_4101);
  g_assert_cmpstr (find_ansvar (split, "4101")->unit_name, ==, "Solbakken");

  /* reclassified and renamed; the old unit comes back for undo */
  g_assert_true (set_unit (f, "4101", "Solbakken bofellesskap", "258:100", &previous, &error));
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  g_assert_cmpstr (previous->name, ==, "Solbakken");
  g_assert_cmpstr (previous->allocation, ==, "257:100");
  split = vv_ledger_session_get_split (f->session);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 0);
  g_assert_cmpint (vv_split_get_home_258 (split), >=, home_4101);
  g_assert_cmpstr (find_ansvar (split, "4101")->unit_name, ==, "Solbakken bofellesskap");

  /* renamed only: NULL keeps nothing but the name passed */
  g_clear_pointer (&previous, vv_stored_unit_free);
  g_assert_true (set_unit (f, "4101", "Solbakken", "258:100", &previous, &error));
  g_assert_cmpstr (find_ansvar (vv_ledger_session_get_split (f->session), "4101")->unit_name, ==,
                   "Solbakken");

  /* undo back to "not classified" */
  g_clear_pointer (&previous, vv_stored_unit_free);
  g_assert_true (set_unit (f, "4101", NULL, NULL, &previous, &error));
  g_assert_no_error (error);
  g_assert_nonnull (previous);
  split = vv_ledger_session_get_split (f->session);
  g_assert_null (find_ansvar (split, "4101")->unit_name);
  g_assert_cmpint (vv_split_get_home_257 (split), ==, 0);
  g_assert_cmpuint (count_units (f->db), ==, 0);
  g_signal_handler_disconnect (f->session, handler);
}

static gboolean
set_unit_full (Fixture       *f,
               const char    *ansvar,
               const char    *allocation,
               const char    *citation,
               const char    *guide,
               VvStoredUnit **previous,
               GError       **error)
{
  gboolean ok;

  vv_ledger_session_set_unit_full_async (f->session, ansvar, NULL, allocation, citation, guide,
                                         NULL, store_result_cb, f);
  ok = vv_ledger_session_set_unit_finish (f->session, wait_result (f), previous, error);
  clear_result (f);
  return ok;
}

/* The unit guide's result goes into the register with the citation it
 * rests on and the guide's input; the register (and the split) carry the
 * citation while the Fordeling stays, and undo brings the old one back. */
static void
test_unit_citation (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autoptr(VvStoredUnit) previous = NULL;
  g_autoptr(VvStoredUnit) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *guide = "{\"format\": \"veiviser-unit/1\", \"year\": 2024, \"staff\": []}";
  const VvUnit *u;
  gint64 home_4101, h257;

  import_ok (f, ledger, NULL);
  home_4101 = find_ansvar (vv_ledger_session_get_split (f->session), "4101")->home_ore;
  g_assert_true (set_unit (f, "4101", "Solbakken", "257:100", NULL, &error));
  g_assert_no_error (error);
  h257 = vv_split_get_home_257 (vv_ledger_session_get_split (f->session));

  g_assert_true (set_unit_full (f, "4101", "257:70 258:30", "257-pres-9 rule-20-percent", guide,
                                &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (previous->allocation, ==, "257:100");
  g_assert_cmpstr (previous->citation, ==, "");
  g_assert_null (previous->guide);
  stored = vv_ledger_store_get_unit (f->db, "4101", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Solbakken");
  g_assert_cmpstr (stored->allocation, ==, "257:70 258:30");
  g_assert_cmpstr (stored->citation, ==, "257-pres-9 rule-20-percent");
  g_assert_cmpstr (stored->guide, ==, guide);
  u = vv_units_lookup (vv_ledger_session_get_units (f->session), "4101");
  g_assert_cmpstr (u->citation, ==, "257-pres-9 rule-20-percent");
  /* the split follows: 30 % of the unit's money moved to 258 */
  g_assert_cmpint (vv_split_get_home_257 (vv_ledger_session_get_split (f->session)), <, h257);
  g_assert_cmpint (h257 - vv_split_get_home_257 (vv_ledger_session_get_split (f->session)), <=,
                   home_4101 * 31 / 100);
  g_clear_pointer (&stored, vv_stored_unit_free);
  g_clear_pointer (&previous, vv_stored_unit_free);

  /* renamed with the same Fordeling: the citation and the input stay */
  g_assert_true (set_unit (f, "4101", "Solbakken bofellesskap", "257:70 258:30", NULL, &error));
  stored = vv_ledger_store_get_unit (f->db, "4101", &error);
  g_assert_cmpstr (stored->citation, ==, "257-pres-9 rule-20-percent");
  g_assert_cmpstr (stored->guide, ==, guide);
  g_clear_pointer (&stored, vv_stored_unit_free);

  /* typed over: the citation no longer stands, the guide's input stays */
  g_assert_true (set_unit (f, "4101", NULL, "258:100", &previous, &error));
  stored = vv_ledger_store_get_unit (f->db, "4101", &error);
  g_assert_cmpstr (stored->citation, ==, "");
  g_assert_cmpstr (stored->guide, ==, guide);
  g_assert_null (vv_units_lookup (vv_ledger_session_get_units (f->session), "4101")->citation);
  g_clear_pointer (&stored, vv_stored_unit_free);

  /* undo: what the previous unit had comes back */
  g_assert_true (set_unit_full (f, "4101", previous->allocation, previous->citation,
                                previous->guide, NULL, &error));
  g_assert_no_error (error);
  stored = vv_ledger_store_get_unit (f->db, "4101", &error);
  g_assert_cmpstr (stored->allocation, ==, "257:70 258:30");
  g_assert_cmpstr (stored->citation, ==, "257-pres-9 rule-20-percent");
}

/* The lines behind a finding are typed rows, read lazily. */
static void
test_finding_lines (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autofree char *big = write_big_ledger (f->dir, 200000);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;
  gboolean seen = FALSE;

  import_ok (f, ledger, NULL);
  findings = vv_split_get_findings (vv_ledger_session_get_split (f->session));
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const VvSplitFinding *finding = g_ptr_array_index (findings, i);
      g_autoptr(GListModel) model = NULL;
      g_autoptr(VvLedgerLineItem) item = NULL;
      const VvStoredLine *line;

      if (finding->kind == VV_SPLIT_FINDING_REJECTED_LINE)
        continue;
      vv_ledger_session_finding_lines_async (f->session, i, NULL, store_result_cb, f);
      model = vv_ledger_session_finding_lines_finish (f->session, wait_result (f), &error);
      clear_result (f);
      g_assert_no_error (error);
      g_assert_true (g_list_model_get_item_type (model) == VV_TYPE_LEDGER_LINE_ITEM);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, finding->count);
      item = g_list_model_get_item (model, 0);
      line = vv_ledger_line_item_get_line (item);
      g_assert_cmpuint (line->line_no, ==, g_array_index (finding->lines, guint64, 0));
      if (*finding->ansvar != '\0')
        g_assert_cmpstr (line->ansvar, ==, finding->ansvar);
      seen = TRUE;
    }
  g_assert_true (seen);

  /* 200 000 lines unassigned: only the page asked for is read */
  import_ok (f, big, NULL);
  findings = vv_split_get_findings (vv_ledger_session_get_split (f->session));
  for (guint i = 0; i < findings->len; i++)
    {
      const VvSplitFinding *finding = g_ptr_array_index (findings, i);
      g_autoptr(GListModel) model = NULL;
      g_autoptr(GObject) last = NULL;

      if (finding->kind != VV_SPLIT_FINDING_UNASSIGNED_ANSVAR)
        continue;
      vv_ledger_session_finding_lines_async (f->session, i, NULL, store_result_cb, f);
      model = vv_ledger_session_finding_lines_finish (f->session, wait_result (f), &error);
      clear_result (f);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, finding->count);
      g_assert_cmpuint (finding->count, >=, 30000);
      last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
      g_assert_nonnull (last);
      g_assert_cmpuint (vv_ledger_line_model_get_n_fetched (VV_LEDGER_LINE_MODEL (model)), <=, 128);
    }

  /* rejected lines were never stored */
  vv_ledger_session_finding_lines_async (f->session, 9999, NULL, store_result_cb, f);
  g_assert_null (vv_ledger_session_finding_lines_finish (f->session, wait_result (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  clear_result (f);
}

/* The sample lives in its own database: its units never enter the
 * user's register, its lines never the user's figures. */
static void
test_sample_apart (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autofree char *ledger = sample_path ("sample-2024.csv");
  g_autofree char *units_path = sample_path ("sample-units.csv");
  g_autofree char *own = g_build_filename (f->dir, "own-2024.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const VvSplitAnsvar *a;
  gsize len;

  vv_ledger_session_show_sample_async (f->session, ledger, units_path, NULL, store_result_cb, f);
  g_assert_true (vv_ledger_session_show_sample_finish (f->session, wait_result (f), &error));
  g_assert_no_error (error);
  clear_result (f);
  g_assert_true (vv_ledger_session_get_sample (f->session));
  a = find_ansvar (vv_ledger_session_get_split (f->session), "4101");
  g_assert_cmpstr (a->unit_name, ==, "Solbakken bofellesskap");
  g_assert_true (g_file_test (vv_ledger_session_get_sample_path (f->session), G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_imports (f), ==, 0);
  g_assert_cmpuint (count_units (f->db), ==, 0);

  /* a unit classified while the sample shows goes into the sample */
  g_assert_true (set_unit (f, "4900", "Sample only", "258:100", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_units (f->db), ==, 0);

  /* the user's own ledger (the same lines under another name) */
  g_file_get_contents (ledger, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (own, contents, (gssize) len, &error);
  g_assert_no_error (error);
  import_ok (f, own, NULL);
  g_assert_false (vv_ledger_session_get_sample (f->session));
  a = find_ansvar (vv_ledger_session_get_split (f->session), "4101");
  g_assert_null (a->unit_name);
  g_assert_cmpint (vv_split_get_home_257 (vv_ledger_session_get_split (f->session)), ==, 0);
  g_assert_cmpuint (count_imports (f), ==, 1);

  g_assert_true (vv_ledger_session_remove_sample (f->session, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (vv_ledger_session_get_sample_path (f->session), G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_imports (f), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

#define ADD(path, func) \
  g_test_add ("/ledger-session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import", test_import);
  ADD ("progress", test_progress);
  ADD ("cancel", test_cancel);
  ADD ("error", test_error);
  ADD ("busy-and-duplicate", test_busy);
  ADD ("resplit", test_resplit);
  ADD ("unit-citation", test_unit_citation);
  ADD ("finding-lines", test_finding_lines);
  ADD ("sample-apart", test_sample_apart);
#undef ADD

  return g_test_run ();
}
