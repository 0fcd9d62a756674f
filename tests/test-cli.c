/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char *lang, const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  Run *r = g_new0 (Run, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("VEIVISER_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
  return r;
}

static char *
write_tmp (const char *name, const char *contents, gssize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "cases", name, NULL);
}

static char *
first_example (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      return g_build_filename (dir_path, name, NULL);
  return NULL;
}

static void
test_help_version (void)
{
  const char *help[] = { "--help", NULL };
  const char *version[] = { "--version", NULL };
  const char *none[] = { NULL };
  g_autoptr(Run) h = run_cli (NULL, help);
  g_autoptr(Run) v = run_cli (NULL, version);
  g_autoptr(Run) n = run_cli (NULL, none);

  g_assert_cmpint (h->status, ==, 0);
  g_assert_nonnull (strstr (h->out, "classify CASE.json"));
  g_assert_nonnull (strstr (h->out, "split LEDGER"));
  g_assert_cmpint (v->status, ==, 0);
  g_assert_true (g_str_has_prefix (v->out, "veiviser-cli " PACKAGE_VERSION));
  g_assert_cmpint (n->status, ==, 2);
}

static const char *s4_case =
  "{\n"
  "  \"format\": \"veiviser-case/1\",\n"
  "  \"title\": \"Solbakken bofellesskap – nattevakt fra sykehjemmet\",\n"
  "  \"year\": 2024,\n"
  "  \"facts\": {\n"
  "    \"item\": \"care_service\",\n"
  "    \"service\": \"home_health\",\n"
  "    \"residence\": \"shared_housing\",\n"
  "    \"provider\": \"other_unit\",\n"
  "    \"user_age\": 47\n"
  "  },\n"
  "  \"note\": \"free text, no personal data\"\n"
  "}\n";

static void
test_classify_json (void)
{
  g_autofree char *path = write_tmp ("s4.json", s4_case, -1);
  const char *args[] = { "classify", path, "--json", NULL };
  g_autoptr(Run) r = run_cli (NULL, args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r->out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "veiviser-result/1");
  g_assert_cmpstr (json_object_get_string_member (o, "outcome"), ==, "function");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "rules"), 0), ==, "257-pres-4");
}

static void
test_classify_text (void)
{
  g_autofree char *path = write_tmp ("s4.json", s4_case, -1);
  const char *args[] = { "classify", path, NULL };
  g_autoptr(Run) r = run_cli (NULL, args);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Solbakken bofellesskap"));
  g_assert_nonnull (strstr (r->out, "258"));
  g_assert_nonnull (strstr (r->out, "1400–1404"));
  g_assert_nonnull (strstr (r->out, "andre virksomheter enn den tilknyttede personellbasen"));
}

/* nb and nn: the same result in each language, different words. */
static void
test_classify_languages (void)
{
  g_autofree char *path = write_tmp ("s4.json", s4_case, -1);
  const char *nb_args[] = { "classify", path, "--lang", "nb", NULL };
  const char *nn_args[] = { "classify", path, "--lang=nn", NULL };
  g_autofree char *mo = g_build_filename (g_getenv ("VEIVISER_LOCALEDIR"), "nn", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(Run) nb = NULL;
  g_autoptr(Run) nn = NULL;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("translations are not built");
      return;
    }
  nb = run_cli (NULL, nb_args);
  nn = run_cli (NULL, nn_args);
  g_assert_cmpint (nb->status, ==, 0);
  g_assert_cmpint (nn->status, ==, 0);
  g_assert_nonnull (strstr (nb->out, "Funksjon:"));
  g_assert_nonnull (strstr (nb->out, "Hvorfor ikke 257:"));
  g_assert_nonnull (strstr (nn->out, "Funksjon:"));
  g_assert_nonnull (strstr (nn->out, "Kvifor ikkje 257:"));
  g_assert_cmpstr (nb->out, !=, nn->out);
}

typedef struct
{
  const char *name;
  const char *contents;   /* NULL: the file does not exist */
  gssize      len;
  const char *expect;     /* substring of stderr */
} Invalid;

static const Invalid invalid_cases[] = {
  { "missing-file", NULL, 0, "cannot read the file" },
  { "empty-file", "", 0, "the file is empty" },
  { "not-json", "this is not json\n", -1, "invalid JSON" },
  { "truncated-json", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 20", -1, "invalid JSON" },
  { "json-array", "[1, 2, 3]\n", -1, ":1: the file must hold one JSON object" },
  { "missing-format", "{\n  \"year\": 2024,\n  \"facts\": {}\n}\n", -1, "field “format”: missing" },
  { "wrong-format", "{\n  \"format\": \"veiviser-result/1\",\n  \"year\": 2024,\n  \"facts\": {}\n}\n", -1,
    ":2: field “format”: not a case file" },
  { "missing-year", "{\n  \"format\": \"veiviser-case/1\",\n  \"facts\": {}\n}\n", -1, "field “year”: missing" },
  { "year-as-text", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": \"2024\",\n  \"facts\": {}\n}\n", -1,
    ":3: field “year”: must be a whole number" },
  { "year-out-of-range", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 1990,\n  \"facts\": {}\n}\n", -1,
    ":3: field “year”: 1990 is outside the years" },
  { "missing-facts", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024\n}\n", -1, "field “facts”: missing" },
  { "facts-not-object", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": [\"care_service\"]\n}\n", -1,
    ":4: field “facts”: must be an object" },
  { "unknown-value", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"item\": \"care_service\",\n    \"residence\": \"castle\"\n  }\n}\n", -1,
    ":6: field “facts.residence”: unknown value “castle”" },
  { "boolean-as-text", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"shared_rota\": \"yes\"\n  }\n}\n", -1,
    ":5: field “facts.shared_rota”: must be true or false" },
  { "age-negative", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"user_age\": -4\n  }\n}\n", -1,
    ":5: field “facts.user_age”: -4 is out of range" },
  { "age-as-text", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"user_age\": \"47\"\n  }\n}\n", -1,
    ":5: field “facts.user_age”: must be a whole number" },
  { "share-over-100", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"share_outside_percent\": 150\n  }\n}\n", -1,
    ":5: field “facts.share_outside_percent”: 150 is out of range" },
  { "enum-as-number", "{\n  \"format\": \"veiviser-case/1\",\n  \"year\": 2024,\n  \"facts\": {\n    \"item\": 3\n  }\n}\n", -1,
    ":5: field “facts.item”: must be a text value" },
  { "title-as-number", "{\n  \"format\": \"veiviser-case/1\",\n  \"title\": 42,\n  \"year\": 2024,\n  \"facts\": {}\n}\n", -1,
    ":3: field “title”: must be text" },
  { "latin1-bytes", "{\n  \"format\": \"veiviser-case/1\",\n  \"title\": \"Bj\xf8rnafjorden\",\n  \"year\": 2024,\n  \"facts\": {}\n}\n", -1,
    ":3: the file is not UTF-8 text" },
  { "nul-byte", "{\"format\": \"veiviser-case/1\", \0 \"year\": 2024}", 44, "not UTF-8 text" },
};

static void
test_invalid (gconstpointer data)
{
  const Invalid *c = data;
  g_autofree char *path = NULL;
  const char *args[] = { "classify", NULL, NULL };
  g_autoptr(Run) r = NULL;

  if (c->contents != NULL)
    path = write_tmp (c->name, c->contents, c->len);
  else
    path = g_build_filename (tmpdir, "does-not-exist.json", NULL);
  args[1] = path;
  r = run_cli (NULL, args);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  if (strstr (r->err, c->expect) == NULL || strstr (r->err, path) == NULL)
    g_error ("%s: stderr “%s” lacks “%s” or the file name", c->name, r->err, c->expect);
}

static void
test_bad_arguments (void)
{
  g_autofree char *path = write_tmp ("s4.json", s4_case, -1);
  const char *unknown_option[] = { "classify", path, "--xml", NULL };
  const char *no_file[] = { "classify", NULL };
  const char *two_files[] = { "classify", path, path, NULL };
  const char *bad_lang[] = { "classify", path, "--lang", "sv", NULL };
  const char *bad_command[] = { "explode", NULL };
  const char * const *all[] = { unknown_option, no_file, two_files, bad_lang, bad_command };
  const char *expect[] = { "--xml", "missing case file", "exactly one", "sv", "explode" };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(Run) r = run_cli (NULL, all[i]);

      g_assert_cmpint (r->status, ==, 2);
      g_assert_nonnull (strstr (r->err, expect[i]));
    }
}

static void
test_warning_unknown_field (void)
{
  g_autofree char *path = write_tmp ("extra.json",
    "{\"format\":\"veiviser-case/1\",\"year\":2024,\"colour\":\"red\",\"facts\":{\"item\":\"hvpu_grant\",\"mood\":1}}", -1);
  const char *args[] = { "classify", path, "--json", NULL };
  g_autoptr(Run) r = run_cli (NULL, args);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->err, "colour"));
  g_assert_nonnull (strstr (r->out, "\"840\""));
}

static void
test_needs_answer_exit_0 (void)
{
  g_autofree char *path = write_tmp ("partial.json",
    "{\"format\":\"veiviser-case/1\",\"year\":2024,\"facts\":{\"item\":\"respite\"}}", -1);
  const char *args[] = { "classify", path, "--json", NULL };
  g_autoptr(Run) r = run_cli (NULL, args);

  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "\"needs_answer\""));
  g_assert_nonnull (strstr (r->out, "\"respite_kpr\""));
}

static void
test_every_example (void)
{
  g_autofree char *first = first_example ();
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (first);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *args[] = { "classify", NULL, NULL };
      g_autoptr(Run) r = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = example (name);
      args[1] = path;
      r = run_cli (NULL, args);
      g_assert_cmpint (r->status, ==, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 25);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("veiviser-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/help-version", test_help_version);
  g_test_add_func ("/cli/classify-json", test_classify_json);
  g_test_add_func ("/cli/classify-text", test_classify_text);
  g_test_add_func ("/cli/classify-languages", test_classify_languages);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cli/invalid/%s", invalid_cases[i].name);
      g_test_add_data_func (name, &invalid_cases[i], test_invalid);
    }
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/warning-unknown-field", test_warning_unknown_field);
  g_test_add_func ("/cli/needs-answer-exit-0", test_needs_answer_exit_0);
  g_test_add_func ("/cli/every-example", test_every_example);

  ret = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *n;

    while (d && (n = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, n, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  return ret;
}
