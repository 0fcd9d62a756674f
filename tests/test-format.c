/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include "vv-format.h"
#include "vv-i18n.h"

static void
test_count (void)
{
  static const struct { guint64 n; const char *text; } table[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1 000" },
    { 12345, "12 345" },
    { 1234567, "1 234 567" },
    { G_MAXUINT64, "18 446 744 073 709 551 615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = vv_format_count (table[i].n);

      g_assert_cmpstr (text, ==, table[i].text);
    }
}

static void
test_kroner (void)
{
  static const struct { gint64 ore; const char *text; } table[] = {
    { 0, "0,00" },
    { 5, "0,05" },
    { -5, "-0,05" },
    { 100, "1,00" },
    { -1200, "-12,00" },
    { 123456789, "1 234 567,89" },
    { -100000000, "-1 000 000,00" },
    { G_MAXINT64, "92 233 720 368 547 758,07" },
    { G_MININT64, "-92 233 720 368 547 758,08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = vv_format_kroner (table[i].ore);
      g_autofree char *amount = vv_format_amount (table[i].ore);
      g_autofree char *with_unit = g_strconcat (table[i].text, " kr", NULL);

      g_assert_cmpstr (text, ==, table[i].text);
      g_assert_cmpstr (amount, ==, with_unit);
    }
}

static void
test_share (void)
{
  static const struct { gint64 part, whole; const char *text; } table[] = {
    { 0, 100, "0,0 %" },
    { 100, 100, "100,0 %" },
    { 534, 1000, "53,4 %" },
    { 1, 3, "33,3 %" },
    { 2, 3, "66,7 %" },
    { 1, 2000, "0,1 %" },         /* exactly half a tenth: away from zero */
    { -1, 2000, "-0,1 %" },
    { 1, 2001, "0,0 %" },         /* just under half */
    { -2, 3, "-66,7 %" },
    { 2, -3, "-66,7 %" },
    { 150, 100, "150,0 %" },
    { 123456789012345, 246913578024690, "50,0 %" },
    { G_MAXINT64 / 2, G_MAXINT64, "50,0 %" },     /* no overflow: 128 bits */
    { -G_MAXINT64, G_MAXINT64, "-100,0 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = vv_format_share (table[i].part, table[i].whole);

      g_assert_cmpstr (text, ==, table[i].text);
    }
}

static void
test_permille (void)
{
  static const struct { gint64 permille; const char *text; } table[] = {
    { 0, "0,0 %" },
    { 5, "0,5 %" },
    { -5, "-0,5 %" },
    { 534, "53,4 %" },
    { 1000, "100,0 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = vv_format_permille (table[i].permille);

      g_assert_cmpstr (text, ==, table[i].text);
    }
}

/* The C locale does not change the Norwegian style. */
static void
test_locale_independent (void)
{
  g_autofree char *kroner = NULL;
  g_autofree char *share = NULL;

  vv_i18n_init ("nn");
  kroner = vv_format_amount (123456);
  share = vv_format_share (1, 8);
  g_assert_cmpstr (kroner, ==, "1 234,56 kr");
  g_assert_cmpstr (share, ==, "12,5 %");
}

/* Dates by the interface's language, through the translated format strings
 * (the app runs in a real nb_NO/nn_NO locale; see vv_i18n_init()). Each
 * language in a process of its own: GLib decides once per process whether
 * to translate at all. */
static void
test_dates (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 7, 9, 5, 0);
  gboolean english = g_str_equal (language, "en");

  if (g_test_subprocess ())
    {
      g_autofree char *date = NULL;
      g_autofree char *date_time = NULL;

      vv_i18n_init (language);
      date = vv_i18n_format_date (when);
      date_time = vv_i18n_format_date_time (when);
      g_assert_cmpstr (date, ==, english ? "2026-12-07" : "7.12.2026");
      g_assert_cmpstr (date_time, ==, english ? "2026-12-07 09:05" : "7.12.2026 kl. 09.05");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_share_zero_whole (void)
{
  if (g_test_subprocess ())
    {
      char *text = vv_format_share (1, 0);

      g_assert_null (text);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*whole != 0*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/kroner", test_kroner);
  g_test_add_func ("/format/share", test_share);
  g_test_add_func ("/format/permille", test_permille);
  g_test_add_func ("/format/locale-independent", test_locale_independent);
  g_test_add_data_func ("/format/dates/nb", "nb", test_dates);
  g_test_add_data_func ("/format/dates/nn", "nn", test_dates);
  g_test_add_data_func ("/format/dates/en", "en", test_dates);
  g_test_add_func ("/format/share-zero-whole", test_share_zero_whole);
  return g_test_run ();
}
