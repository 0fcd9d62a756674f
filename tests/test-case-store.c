/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-store"

#include "config.h"

#include <string.h>

#include "test-store-util.h"
#include "vv-case-item.h"
#include "vv-case-store.h"
#include "vv-classifier.h"
#include "vv-i18n.h"
#include "vv-privacy.h"

typedef struct
{
  char        *dir;
  VvDb        *db;
  VvCaseStore *store;
  guint        changed;
} Fixture;

static void
on_store_changed_cb (VvCaseStore *store,
                     Fixture     *f)
{
  f->changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmpdir ();
  path = g_build_filename (f->dir, "cases.db", NULL);
  f->db = vv_db_open (path, &error);
  g_assert_no_error (error);
  f->store = vv_case_store_new (f->db, NULL);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

static VvCase *
make_case (const char *title,
           int         year,
           const char *residence,
           const char *provider)
{
  VvCase *kase = vv_case_new ();

  g_free (kase->title);
  kase->title = g_strdup (title);
  kase->year = year;
  json_object_set_string_member (kase->facts, "item", "care_service");
  json_object_set_string_member (kase->facts, "service", "home_health");
  json_object_set_string_member (kase->facts, "residence", residence);
  json_object_set_string_member (kase->facts, "provider", provider);
  json_object_set_int_member (kase->facts, "user_age", 67);
  json_object_set_boolean_member (kase->facts, "single_user_base", FALSE);
  json_object_set_boolean_member (kase->facts, "shared_rota", FALSE);
  json_object_set_int_member (kase->facts, "share_outside_percent", 0);
  return kase;
}

/* The function the classifier gives, computed independently of the store. */
static char *
expected_function (VvCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VvResult) result = vv_classify (vv_rules_get_default (), kase->year, kase->facts, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->allocations->len, >, 0);
  return g_strdup (g_array_index (result->allocations, VvAllocation, 0).function);
}

static guint
list_count (VvCaseStore *store,
            const char  *search,
            int          year,
            const char  *function)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = vv_case_store_list (store, search, year, function, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(VvCase) kase = make_case ("Bofellesskap med egen base", 2024, "shared_housing", "attached_base");
  g_autoptr(VvCase) got = NULL;
  g_autoptr(VvCase) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *function = expected_function (kase);
  gint64 id;

  g_free (kase->note);
  kase->note = g_strdup ("Basen ligger i samme bygg.");
  g_assert_true (vv_case_store_add (f->store, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kase->id, >, 0);
  g_assert_cmpint (kase->created, >, 1700000000LL * G_USEC_PER_SEC);   /* microseconds */
  g_assert_cmpint (f->changed, ==, 1);
  id = kase->id;

  got = vv_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, "Bofellesskap med egen base");
  g_assert_cmpstr (got->note, ==, "Basen ligger i samme bygg.");
  g_assert_cmpint (got->year, ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (got->facts, "residence"), ==, "shared_housing");
  g_assert_cmpint (json_object_get_int_member (got->facts, "user_age"), ==, 67);
  g_assert_cmpstr (got->rules_version, ==, vv_rules_get_version (vv_rules_get_default ()));
  g_assert_nonnull (got->result_json);
  result = json_from_string (got->result_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (result), "allocations"), 0),
                     "function"), ==, function);

  /* update */
  g_free (got->title);
  got->title = g_strdup ("Endret tittel");
  json_object_set_string_member (got->facts, "residence", "private_home");
  json_object_set_string_member (got->facts, "provider", "other_unit");
  g_assert_true (vv_case_store_update (f->store, got, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got->modified, >=, got->created);
  again = vv_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, "Endret tittel");
  g_assert_cmpstr (json_object_get_string_member (again->facts, "residence"), ==, "private_home");
  g_assert_cmpint (again->created, ==, kase->created);
  g_clear_pointer (&again, vv_case_free);

  /* delete, then undo */
  g_assert_true (vv_case_store_delete (f->store, id, &error));
  g_assert_null (vv_case_store_get (f->store, id, &error));
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);
  g_assert_false (vv_case_store_delete (f->store, id, &error));   /* already in the bin */
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vv_case_store_update (f->store, got, &error));   /* cannot edit a deleted case */
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (vv_case_store_undelete (f->store, id, &error));
  g_assert_no_error (error);
  again = vv_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, "Endret tittel");
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 1);

  /* purge removes only what is in the bin */
  g_assert_true (vv_case_store_purge_deleted (f->store, &error));
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 1);
  g_assert_true (vv_case_store_delete (f->store, id, &error));
  g_assert_true (vv_case_store_purge_deleted (f->store, &error));
  g_assert_false (vv_case_store_undelete (f->store, id, &error));
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
}

static void
test_invalid_facts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VvCase) kase = make_case ("Ugyldig", 2024, "on_the_moon", "attached_base");
  g_autoptr(GError) error = NULL;

  g_assert_false (vv_case_store_add (f->store, kase, &error));
  g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_UNKNOWN_VALUE);
  g_assert_cmpint (kase->id, ==, 0);
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);
  g_assert_cmpint (f->changed, ==, 0);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(VvCase) a = make_case ("Solbakken bofellesskap", 2024, "shared_housing", "attached_base");
  g_autoptr(VvCase) b = make_case ("Åsen omsorgsboliger", 2023, "shared_housing", "attached_base");
  g_autoptr(VvCase) c = make_case ("Hjemmesykepleien sone nord", 2024, "private_home", "other_unit");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(VvCaseItem) item = NULL;
  g_autofree char *fa = expected_function (a);
  g_autofree char *fc = expected_function (c);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  int year = 0;
  gint64 dup;

  g_assert_cmpstr (fa, !=, fc);   /* the test needs two different functions */
  g_free (c->note);
  c->note = g_strdup ("Ambulerende team, natt");
  g_assert_true (vv_case_store_add (f->store, a, &error));
  g_assert_true (vv_case_store_add (f->store, b, &error));
  g_assert_true (vv_case_store_add (f->store, c, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 3);
  g_assert_cmpuint (list_count (f->store, "SOLBAKKEN", 0, NULL), ==, 1);
  g_assert_cmpuint (list_count (f->store, "åSEN", 0, NULL), ==, 1);   /* non-ASCII case */
  g_assert_cmpuint (list_count (f->store, "natt", 0, NULL), ==, 1);   /* in the note */
  g_assert_cmpuint (list_count (f->store, "bofellesskap", 0, NULL), ==, 1);
  g_assert_cmpuint (list_count (f->store, "%", 0, NULL), ==, 0);      /* no LIKE wildcards */
  g_assert_cmpuint (list_count (f->store, NULL, 2023, NULL), ==, 1);
  g_assert_cmpuint (list_count (f->store, NULL, 2024, NULL), ==, 2);
  g_assert_cmpuint (list_count (f->store, NULL, 2024, fc), ==, 1);
  g_assert_cmpuint (list_count (f->store, NULL, 0, "999"), ==, 0);
  g_assert_cmpuint (list_count (f->store, "sone", 2024, fc), ==, 1);
  g_assert_cmpuint (list_count (f->store, "sone", 2024, fa), ==, 0);

  /* the list items carry what the GUI binds to */
  list = vv_case_store_list (f->store, "hjemmesykepleien", 0, NULL, &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (list, 0);
  g_object_get (item, "title", &title, "year", &year, "function-summary", &summary, NULL);
  g_assert_cmpstr (title, ==, "Hjemmesykepleien sone nord");
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpstr (summary, ==, fc);
  g_assert_cmpint (vv_case_item_get_id (item), ==, c->id);
  g_assert_cmpint (vv_case_item_get_modified (item), ==, c->modified);

  /* duplicate */
  dup = vv_case_store_duplicate (f->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dup, >, c->id);
  g_assert_cmpuint (list_count (f->store, "Solbakken bofellesskap (copy)", 0, NULL), ==, 1);
  g_assert_cmpuint (list_count (f->store, "solbakken", 0, NULL), ==, 2);
  g_assert_cmpint (vv_case_store_duplicate (f->store, 4242, &error), ==, 0);
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VvCase) a = make_case ("Solbakken bofellesskap", 2024, "shared_housing", "attached_base");
  g_autoptr(VvCase) b = make_case ("Hjemmesykepleien sone nord", 2023, "private_home", "other_unit");
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(VvDb) other_db = NULL;
  g_autoptr(VvCaseStore) other = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(VvCase) copy = NULL;

  g_free (a->note);
  a->note = g_strdup ("«Sitat» og linjeskift\nneste linje");
  g_assert_true (vv_case_store_add (f->store, a, &error));
  g_assert_true (vv_case_store_add (f->store, b, &error));
  g_assert_no_error (error);

  all = vv_case_store_export (f->store, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (all, "\"veiviser-cases/1\""));
  one = vv_case_store_export (f->store, &b->id, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (one, "\"veiviser-case/1\""));
  g_assert_null (strstr (one, "veiviser-cases/1"));

  other_db = vv_db_open (other_path, &error);
  g_assert_no_error (error);
  other = vv_case_store_new (other_db, NULL);
  ids = vv_case_store_import_data (other, all, -1, "all.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  copy = vv_case_store_get (other, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->title, ==, a->title);
  g_assert_cmpstr (copy->note, ==, a->note);
  g_assert_cmpint (copy->year, ==, a->year);
  g_assert_cmpstr (copy->result_json, ==, a->result_json);
  g_assert_cmpstr (copy->rules_version, ==, a->rules_version);
  g_assert_true (json_object_equal (copy->facts, a->facts));
  g_clear_pointer (&copy, vv_case_free);
  g_clear_pointer (&ids, g_array_unref);

  /* a single case file, through a real file written atomically */
  g_assert_true (vv_case_store_export_file (f->store, &b->id, 1, file, &error));
  g_assert_no_error (error);
  ids = vv_case_store_import_file (other, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  copy = vv_case_store_get (other, g_array_index (ids, gint64, 0), &error);
  g_assert_cmpstr (copy->title, ==, "Hjemmesykepleien sone nord");
  g_assert_cmpint (copy->year, ==, 2023);
  g_assert_cmpuint (list_count (other, NULL, 0, NULL), ==, 3);

  /* a plain array of cases is accepted too */
  g_clear_pointer (&ids, g_array_unref);
  ids = vv_case_store_import_data (other,
                                   "[{\"format\": \"veiviser-case/1\", \"title\": \"A\", \"year\": 2024,"
                                   " \"facts\": {\"item\": \"rent_income\"}}]", -1, "arr.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (list_count (other, NULL, 0, NULL), ==, 4);
}

static void
test_import_all_or_nothing (Fixture       *f,
                            gconstpointer  data)
{
  const char *bad =
    "{\"format\": \"veiviser-cases/1\", \"cases\": [\n"
    " {\"format\": \"veiviser-case/1\", \"title\": \"God\", \"year\": 2024, \"facts\": {\"item\": \"rent_income\"}},\n"
    " {\"format\": \"veiviser-case/1\", \"title\": \"Også god\", \"year\": 2024, \"facts\": {\"item\": \"hvpu_grant\"}},\n"
    " {\"format\": \"veiviser-case/1\", \"title\": \"Dårlig\", \"year\": 2024, \"facts\": {\"item\": \"nonsense\"}}\n"
    "]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = vv_case_store_import_data (f->store, bad, -1, "kurs.json", &error);
  g_assert_null (ids);
  g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_UNKNOWN_VALUE);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_nonnull (strstr (error->message, "kurs.json"));
  g_clear_error (&error);
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);
  g_assert_cmpint (f->changed, ==, 0);

  ids = vv_case_store_import_data (f->store, "{\"format\": \"something-else/1\"}", -1, "x.json", &error);
  g_assert_null (ids);
  g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_FORMAT);
  g_clear_error (&error);
  ids = vv_case_store_import_data (f->store, "{\"format\": \"veiviser-cases/1\", \"cases\": 3}", -1,
                                   "x.json", &error);
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_FORMAT);
  g_clear_error (&error);
  ids = vv_case_store_import_data (f->store, "{ not json", -1, "x.json", &error);
  g_assert_null (ids);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "x.json"));
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);
}

static void
test_privacy_refusal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VvCase) kase = make_case ("Bruker 150190 12317", 2024, "shared_housing", "attached_base");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *names[] = { "Kari Nordmann", NULL };

  g_assert_false (vv_case_store_add (f->store, kase, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
  g_assert_nonnull (strstr (error->message, "title"));
  g_clear_error (&error);
  g_assert_cmpint (kase->id, ==, 0);

  g_free (kase->title);
  kase->title = g_strdup ("Bofellesskap");
  g_free (kase->note);
  kase->note = g_strdup ("Snakket med kari nordmann om vedtaket.");
  g_assert_true (vv_case_store_add (f->store, kase, &error));   /* no names marked yet */
  g_assert_no_error (error);

  vv_case_store_set_private_names (f->store, names);
  g_assert_false (vv_case_store_update (f->store, kase, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "note"));
  g_assert_nonnull (strstr (error->message, "Kari Nordmann"));
  g_clear_error (&error);
  g_assert_false (vv_case_store_add (f->store, kase, &error));
  g_clear_error (&error);

  /* an import with a D-number in a note is refused as a whole */
  ids = vv_case_store_import_data (f->store,
                                   "{\"format\": \"veiviser-cases/1\", \"cases\": ["
                                   " {\"format\": \"veiviser-case/1\", \"title\": \"A\", \"year\": 2024,"
                                   "  \"facts\": {\"item\": \"rent_income\"}},"
                                   " {\"format\": \"veiviser-case/1\", \"title\": \"B\", \"year\": 2024,"
                                   "  \"facts\": {\"item\": \"rent_income\"}, \"note\": \"D-nr 41019012393\"}]}",
                                   -1, "p.json", &error);
  g_assert_null (ids);
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 1);
}

/* json-glib would read the second of two documents (and leak): refused whole. */
static void
test_import_two_documents (Fixture       *f,
                           gconstpointer  data)
{
  static const char *inputs[] = {
    "{\"format\":\"veiviser-case/1\",\"year\":2024,\"facts\":{}}{\"format\":\"x\"}",
    "\"question_nn\"{\"format\":\"x\"}",
    "[]{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = vv_case_store_import_data (f->store, inputs[i], -1, "two.json",
                                                         &error);
      g_autoptr(GListModel) list = NULL;

      g_assert_null (ids);
      g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "two.json"));
      list = vv_case_store_list (f->store, NULL, 0, NULL, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    }
}

/* issue 15: every field of a case is checked, in every way a number is written */
static void
test_privacy_every_field (Fixture       *f,
                          gconstpointer  data)
{
  const char *titles[] = {
    "Bruker 150385-10190", "15.03.85 10190", "15 03 85 10190", "150385\u00a010190",
    "150385\u200b10190", "150385\u200910190", "\uff11\uff15\uff10\uff13\uff18\uff15\uff11\uff10\uff11\uff19\uff10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(VvCase) kase = make_case (titles[i], 2024, "shared_housing", "attached_base");
      g_autoptr(GError) error = NULL;

      g_assert_false (vv_case_store_add (f->store, kase, &error));
      g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
      g_assert_nonnull (strstr (error->message, "title"));
      g_assert_null (strstr (error->message, "10190"));
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(VvCase) kase = make_case ("Bofellesskap", 2024, "shared_housing", "attached_base");
      g_autoptr(GError) error = NULL;
      const char *where[] = { "facts.comment", "facts.id", "expected.why", "facts" };

      if (i == 0)
        json_object_set_string_member (kase->facts, "comment", "gjelder 15.03.85 10190");
      else if (i == 1)
        json_object_set_int_member (kase->facts, "id", 15038510190);
      else if (i == 2)
        {
          kase->expected = json_object_new ();
          json_object_set_string_member (kase->expected, "why", "150385 10190");
        }
      else
        json_object_set_boolean_member (kase->facts, "150385-10190", TRUE);
      g_assert_false (vv_case_store_add (f->store, kase, &error));
      g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, where[i]));
      g_assert_null (strstr (error->message, "10190"));
      g_assert_null (strstr (error->message, "150385"));
    }
  g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);

  /* an imported case with the number in a fact is refused too */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) ids = vv_case_store_import_data (f->store,
      "{\"format\": \"veiviser-case/1\", \"title\": \"A\", \"year\": 2024,"
      " \"facts\": {\"item\": \"rent_income\", \"merknad\": \"15 03 85 10190\"}}", -1, "p.json", &error);

    g_assert_null (ids);
    g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
    g_assert_nonnull (strstr (error->message, "facts.merknad"));
    g_assert_cmpuint (list_count (f->store, NULL, 0, NULL), ==, 0);
  }
}

/* issue 15: the case import reads JSON the same guarded way as a case file */
static char *
nested_text (const char *head, guint depth, const char *tail)
{
  GString *text = g_string_new (head);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '}');
  g_string_append (text, tail);
  return g_string_free (text, FALSE);
}

static void
test_import_hostile_json (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *deep = nested_text ("[{\"format\":\"veiviser-case/1\",\"year\":2024,\"facts\":", 60000,
                                       "}]");
  const char *inputs[] = {
    deep,
    "[{\"format\":\"veiviser-case/1\",\"year\":2024,\"facts\":{\"user_age\":1e400}}]",
    "{\"format\":\"veiviser-cases/1\",\"cases\":[{\"format\":\"veiviser-case/1\",\n"
    "\"year\":2024,\"year\":2023,\"facts\":{}}]}",
    "{\"format\":\"veiviser-case/1\",\"year\":2024,\"title\":\"a\\u0000b\",\"facts\":{}}",
  };
  const char *reasons[] = { "nested", "too large", "appears twice", "NUL" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = vv_case_store_import_data (f->store, inputs[i], -1, "h.json", &error);
      g_autoptr(GListModel) list = NULL;

      g_assert_null (ids);
      g_assert_error (error, VV_CASE_ERROR, VV_CASE_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, i == 2 ? "h.json:2: " : "h.json:1: "));
      g_assert_nonnull (strstr (error->message, reasons[i]));
      list = vv_case_store_list (f->store, NULL, 0, NULL, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    }
}

/* Issue 14 item 6: example cases (with an expected result) are marked and
 * listed after the user's own, however recently they were added; each item
 * carries the rule version it was decided under. */
static void
test_examples_last (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VvCase) own = make_case ("Own case", 2024, "shared_housing", "attached_base");
  g_autoptr(VvCase) example = make_case ("Example", 2024, "private_home", "other_unit");
  g_autoptr(VvCase) later = make_case ("Later own case", 2024, "private_home", "other_unit");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "Later own case", "Own case", "Example" };

  g_assert_true (vv_case_store_add (f->store, own, &error));
  example->expected = json_object_new ();
  json_object_set_string_member (example->expected, "outcome", "function");
  g_assert_true (vv_case_store_add (f->store, example, &error));
  g_usleep (2000);
  g_assert_true (vv_case_store_add (f->store, later, &error));
  g_assert_no_error (error);

  list = vv_case_store_list (f->store, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VvCaseItem) item = g_list_model_get_item (list, i);

      g_assert_cmpstr (vv_case_item_get_title (item), ==, titles[i]);
      g_assert_cmpint (vv_case_item_get_is_example (item), ==, i == 2);
      g_assert_cmpstr (vv_case_item_get_rules_version (item), ==,
                       vv_rules_get_version (vv_rules_get_default ()));
    }
}

/* issue 15: saving waits for another writer (up to VV_DB_WRITE_WAIT_MS) in
 * a worker thread; the main loop keeps running and the save lands once the
 * lock is released */
typedef struct
{
  sqlite3 *holder;
  gint64   released;
  guint    ticks;
  VvCase  *saved;
  GError  *error;
  gboolean done;
} SaveWait;

static gboolean
release_lock_cb (gpointer user_data)
{
  SaveWait *w = user_data;

  g_assert_cmpint (sqlite3_exec (w->holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  w->released = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  SaveWait *w = user_data;

  w->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveWait *w = user_data;

  w->saved = vv_case_store_save_finish (VV_CASE_STORE (source), result, &w->error);
  w->done = TRUE;
}

static VvCase *
save_and_wait (VvCaseStore          *store,
               VvCase               *kase,
               VvCaseStoreSaveFlags  flags,
               GError              **error)
{
  SaveWait w = { 0 };

  vv_case_store_save_async (store, kase, flags, NULL, saved_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.saved;
}

static void
test_save_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VvCase) kase = make_case ("Venter på skrivelåsen", 2024, "shared_housing", "attached_base");
  g_autoptr(VvCase) got = NULL;
  g_autoptr(VvCase) again = NULL;
  g_autoptr(GError) error = NULL;
  SaveWait w = { 0 };
  guint tick_id;
  gint64 started;

  g_assert_cmpint (sqlite3_open (vv_db_get_path (f->db), &w.holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (w.holder, "BEGIN IMMEDIATE; "
                                 "INSERT INTO cases (title, year, created, modified) "
                                 "VALUES ('held', 2024, 1, 1)", NULL, NULL, NULL), ==, SQLITE_OK);
  /* held for longer than SQLite's own busy timeout */
  g_timeout_add (VV_DB_BUSY_TIMEOUT_MS + 1000, release_lock_cb, &w);
  tick_id = g_timeout_add (20, tick_cb, &w);
  started = g_get_monotonic_time ();
  vv_case_store_save_async (f->store, kase, VV_CASE_STORE_SAVE_DEFAULT, NULL, saved_cb, &w);
  g_assert_cmpuint (f->changed, ==, 0);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  sqlite3_close (w.holder);

  g_assert_no_error (w.error);
  g_assert_nonnull (w.saved);
  g_assert_cmpint (w.released, >, 0);                   /* landed after the release ... */
  g_assert_cmpint (w.released - started, >=, VV_DB_BUSY_TIMEOUT_MS * 1000);
  g_assert_cmpuint (w.ticks, >=, 20);                   /* ... with the main loop running */
  g_assert_cmpint (w.saved->id, >, 0);
  g_assert_nonnull (w.saved->result_json);
  g_assert_cmpint (kase->id, ==, 0);                    /* the caller's copy is untouched */
  g_assert_cmpuint (f->changed, ==, 1);
  got = vv_case_store_get (f->store, w.saved->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, "Venter på skrivelåsen");
  g_assert_cmpint (list_count (f->store, NULL, 0, NULL), ==, 2);
  g_clear_pointer (&w.saved, vv_case_free);

  /* an update; a case deleted meanwhile is refused, or added anew if asked */
  g_free (got->note);
  got->note = g_strdup ("endra");
  again = save_and_wait (f->store, got, VV_CASE_STORE_SAVE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, got->id);
  g_assert_cmpstr (again->note, ==, "endra");
  g_clear_pointer (&again, vv_case_free);
  g_assert_true (vv_case_store_delete (f->store, got->id, &error));
  again = save_and_wait (f->store, got, VV_CASE_STORE_SAVE_DEFAULT, &error);
  g_assert_null (again);
  g_assert_error (error, VV_CASE_STORE_ERROR, VV_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  again = save_and_wait (f->store, got, VV_CASE_STORE_SAVE_ADD_IF_DELETED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, >, got->id);
  g_clear_pointer (&again, vv_case_free);

  /* the same checks as a synchronous save */
  g_free (got->title);
  got->title = g_strdup ("Ola, 15038510190");
  again = save_and_wait (f->store, got, VV_CASE_STORE_SAVE_ADD_IF_DELETED, &error);
  g_assert_null (again);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "15038510190"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case-store/crud", test_crud);
  ADD ("/case-store/invalid-facts", test_invalid_facts);
  ADD ("/case-store/search", test_search);
  ADD ("/case-store/round-trip", test_round_trip);
  ADD ("/case-store/import-all-or-nothing", test_import_all_or_nothing);
  ADD ("/case-store/privacy-refusal", test_privacy_refusal);
  ADD ("/case-store/privacy-every-field", test_privacy_every_field);
  ADD ("/case-store/import-two-documents", test_import_two_documents);
  ADD ("/case-store/import-hostile-json", test_import_hostile_json);
  ADD ("/case-store/examples-last", test_examples_last);
  ADD ("/case-store/save-async", test_save_async);
#undef ADD
  return g_test_run ();
}
