/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-privacy"

#include "config.h"

#include <string.h>

#include "vv-i18n.h"
#include "vv-privacy.h"

static void
test_fnr_valid (void)
{
  /* Birth date 15.01.1990, individual number 123, computed control digits. */
  g_assert_true (vv_privacy_is_fnr ("15019012317"));
  /* 29.02.2000 (a leap year; individual 500 with year 00 means 2000) */
  g_assert_true (vv_privacy_is_fnr ("29020050088"));
  /* D-number: day + 40 */
  g_assert_true (vv_privacy_is_fnr ("41019012393"));
  /* H-number: month + 40 */
  g_assert_true (vv_privacy_is_fnr ("15419012480"));
}

static void
test_fnr_invalid (void)
{
  /* second control digit wrong */
  g_assert_false (vv_privacy_is_fnr ("15019012318"));
  /* first control digit wrong (and the second one with it) */
  g_assert_false (vv_privacy_is_fnr ("15019012327"));
  /* control digits right, but 29.02.2001 does not exist */
  g_assert_false (vv_privacy_is_fnr ("29020150260"));
  /* day 32, month 13, day 0 */
  g_assert_false (vv_privacy_is_fnr ("32019012317"));
  g_assert_false (vv_privacy_is_fnr ("15139012317"));
  g_assert_false (vv_privacy_is_fnr ("00019012317"));
  /* wrong length or not digits */
  g_assert_false (vv_privacy_is_fnr ("1501901231"));
  g_assert_false (vv_privacy_is_fnr ("150190123170"));
  g_assert_false (vv_privacy_is_fnr ("1501901231x"));
}

static void
test_find_in_text (void)
{
  gsize start = 0, end = 0;

  g_assert_true (vv_privacy_find_fnr ("Bruker 15019012317 i bofellesskap", &start, &end));
  g_assert_cmpuint (start, ==, 7);
  g_assert_cmpuint (end, ==, 18);
  g_assert_true (vv_privacy_find_fnr ("fnr 150190 12317.", NULL, NULL));
  g_assert_true (vv_privacy_find_fnr ("fnr:150190.12317", NULL, NULL));
  g_assert_true (vv_privacy_find_fnr ("D-nr 41019012393", NULL, NULL));
  /* part of a longer number: an account or an amount, not a person */
  g_assert_false (vv_privacy_find_fnr ("konto 1501901231700", NULL, NULL));
  g_assert_false (vv_privacy_find_fnr ("9915019012317", NULL, NULL));
  /* three spaces is not one number; an invalid checksum is none */
  g_assert_false (vv_privacy_find_fnr ("150190   12317", NULL, NULL));
  g_assert_false (vv_privacy_find_fnr ("15019012318", NULL, NULL));
  /* ordinary numbers in a note */
  g_assert_false (vv_privacy_find_fnr ("254 til 257/258 fra 2024, 1 234 567,89 kr", NULL, NULL));
}

static void
test_check_messages (void)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Kari Nordmann", "Ola", "Åse", NULL };
  const char *found = NULL;

  g_assert_true (vv_privacy_check ("Nattevakt fra sykehjemmet", names, &error));
  g_assert_no_error (error);
  g_assert_true (vv_privacy_check (NULL, names, &error));

  g_assert_false (vv_privacy_check ("Gjelder 150190 12317", names, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_FNR);
  /* the message says what, not the number */
  g_assert_null (strstr (error->message, "150190"));
  g_assert_null (strstr (error->message, "12317"));
  g_clear_error (&error);

  g_assert_false (vv_privacy_check ("Møte med kari nordmann i dag", names, &error));
  g_assert_error (error, VV_PRIVACY_ERROR, VV_PRIVACY_ERROR_NAME);
  g_assert_nonnull (strstr (error->message, "Kari Nordmann"));
  g_clear_error (&error);

  g_assert_true (vv_privacy_find_name ("Hei OLA.", names, &found));
  g_assert_cmpstr (found, ==, "Ola");
  g_assert_true (vv_privacy_find_name ("ÅSE var her", names, &found));
  g_assert_cmpstr (found, ==, "Åse");
  /* whole words only */
  g_assert_false (vv_privacy_find_name ("Olav og Åsebø, Kari Nordmannsen", names, NULL));
  g_assert_false (vv_privacy_find_name ("Ola", NULL, NULL));
  {
    const char *blank[] = { "", "  ", NULL };

    g_assert_false (vv_privacy_find_name ("any text", blank, NULL));
  }
}

/* issue 15: separators and digit forms the review got past the check */
static void
test_find_normalised (void)
{
  const char *found[] = {
    "150385-10190", "15.03.85 10190", "15 03 85 10190", "150385\u00a010190",
    "150385\u200b10190", "150385\u200910190", "150385\u202f10190", "15-03-85-10190",
    "fnr: 15/03/85 10190.", "150385  10190", "1\u200b5\u200b0\u200b3\u200b8\u200b5\u200b1\u200b0\u200b1\u200b9\u200b0",
    /* full-width, Arabic-Indic and Devanagari digits */
    "\uff11\uff15\uff10\uff13\uff18\uff15\uff11\uff10\uff11\uff19\uff10",
    "\u0661\u0665\u0660\u0663\u0668\u0665\u0661\u0660\u0661\u0669\u0660",
    "\u0967\u096b\u0966\u0969\u096e\u096b \u0967\u0966\u0967\u096f\u0966",
    "150385 10190 2024", "år 2024 150385 10190",
  };
  const char *not_found[] = {
    "15038510191", "150385 10191", "konto 150385101900", "15038510190123",
    "150385,10190", "\xff\xfe 150385", "150385", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_test_message ("%s", found[i]);
      g_assert_true (vv_privacy_find_fnr (found[i], NULL, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_test_message ("%s", not_found[i]);
      g_assert_false (vv_privacy_find_fnr (not_found[i], NULL, NULL));
    }
}

static void
test_mask (void)
{
  g_autofree char *a = vv_privacy_mask_fnr ("2023;1000;254;Bruker 150385-10190, fnr 15038510190;12,50");
  g_autofree char *b = vv_privacy_mask_fnr ("\uff11\uff15\uff10\uff13\uff18\uff15\uff11\uff10\uff11\uff19\uff10 x");
  g_autofree char *c = vv_privacy_mask_fnr ("nothing 254");

  g_assert_cmpstr (a, ==, "2023;1000;254;Bruker 150385*****, fnr 150385*****;12,50");
  g_assert_cmpstr (b, ==, "150385***** x");
  g_assert_cmpstr (c, ==, "nothing 254");
  g_assert_null (vv_privacy_mask_fnr (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vv_i18n_init ("en");

  g_test_add_func ("/privacy/fnr-valid", test_fnr_valid);
  g_test_add_func ("/privacy/fnr-invalid", test_fnr_invalid);
  g_test_add_func ("/privacy/find-in-text", test_find_in_text);
  g_test_add_func ("/privacy/check-messages", test_check_messages);
  g_test_add_func ("/privacy/find-normalised", test_find_normalised);
  g_test_add_func ("/privacy/mask", test_mask);
  return g_test_run ();
}
