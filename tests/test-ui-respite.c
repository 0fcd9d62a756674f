/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-respite"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-i18n.h"
#include "vv-respite-page.h"
#include "vv-rules.h"

/* Table 5.1 of SSB Notater 2024/22, in the page's row order:
 * { 24-hour function, day function }. */
static const char *const table_5_1[][2] = {
  { "253", "258" },   /* outside institution, shared housing, 0-17 */
  { "257", "258" },   /* outside institution, shared housing, 18+ */
  { "258", "258" },   /* outside institution, private homes, all ages */
  { "253", "253" },   /* in an institution, all ages (note 29) */
};

/* helpers */

static GtkWidget *
page_in_window (GtkWindow **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = vv_respite_page_new ();

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();
  *out_window = GTK_WINDOW (window);
  return page;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* tests */

static void
test_default (void)
{
  GtkWindow *window;
  VvRespitePage *page = VV_RESPITE_PAGE (page_in_window (&window));
  GtkWidget *result;

  /* Adults, 24 hours, in shared housing: the first place of the table. */
  g_assert_cmpstr (vv_respite_page_get_place (page), ==, "shared_housing");
  g_assert_cmpint (vv_respite_page_get_age (page), ==, 18);
  g_assert_true (vv_respite_page_get_overnight (page));
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "257");

  result = vv_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_LABEL, "result-function", NULL);
  g_assert_nonnull (result);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (result)), ==, "257");

  gtk_window_destroy (window);
}

static void
test_select_cells (void)
{
  GtkWindow *window;
  VvRespitePage *page = VV_RESPITE_PAGE (page_in_window (&window));
  GPtrArray *rows = vv_rules_get_respite_rows (vv_rules_get_default ());
  guint notified = 0;

  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (table_5_1));
  g_signal_connect (page, "notify::function", G_CALLBACK (count_notify_cb), &notified);

  for (guint row = 0; row < rows->len; row++)
    for (guint column = 0; column < 2; column++)
      {
        const char *expected = table_5_1[row][column];
        GtkWidget *result;
        GtkWidget *highlighted;

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "respite.select-cell",
                                                   "(uu)", row, column));
        vv_test_spin ();
        g_assert_cmpstr (vv_respite_page_get_function (page), ==, expected);
        g_assert_true (vv_respite_page_get_overnight (page) == (column == 0));
        g_assert_true (vv_respite_page_get_row (page) == g_ptr_array_index (rows, row));

        result = vv_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_LABEL, "result-function", NULL);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (result)), ==, expected);

        /* Exactly the chosen cell is highlighted, and says so to assistive technology. */
        highlighted = vv_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_BUTTON, "suggested-action", NULL);
        g_assert_nonnull (highlighted);
        g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (highlighted)),
                                         expected));
        gtk_test_accessible_assert_state (GTK_ACCESSIBLE (highlighted),
                                          GTK_ACCESSIBLE_STATE_PRESSED,
                                          GTK_ACCESSIBLE_TRISTATE_TRUE);
      }
  g_assert_cmpuint (notified, >=, 5);

  gtk_window_destroy (window);
}

static void
test_note_29 (void)
{
  GtkWindow *window;
  VvRespitePage *page = VV_RESPITE_PAGE (page_in_window (&window));
  const VvNote *note;
  GtkWidget *note_label;

  vv_respite_page_set_place (page, "institution");
  vv_respite_page_set_overnight (page, TRUE);
  vv_test_spin ();
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "253");
  note = vv_respite_page_get_note (page);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->id, ==, "29");
  note_label = vv_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_LABEL, NULL, vv_rules_tr (note->text));
  g_assert_nonnull (note_label);

  /* Day respite in an institution is 253 too, but note 29 is about the 24-hour stay. */
  vv_respite_page_set_overnight (page, FALSE);
  vv_test_spin ();
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "253");
  g_assert_null (vv_respite_page_get_note (page));
  g_assert_null (vv_test_find_with_class (GTK_WIDGET (page), GTK_TYPE_LABEL, NULL, vv_rules_tr (note->text)));

  gtk_window_destroy (window);
}

static void
test_age_boundary (void)
{
  GtkWindow *window;
  VvRespitePage *page = VV_RESPITE_PAGE (page_in_window (&window));
  guint notified = 0;

  g_signal_connect (page, "notify::age", G_CALLBACK (count_notify_cb), &notified);
  vv_respite_page_set_place (page, "shared_housing");
  vv_respite_page_set_overnight (page, TRUE);

  vv_respite_page_set_age (page, 17);
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "253");
  vv_respite_page_set_age (page, 18);
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "257");
  vv_respite_page_set_age (page, 18);     /* no change, no notification */
  g_assert_cmpuint (notified, ==, 2);

  vv_respite_page_set_overnight (page, FALSE);
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "258");

  /* The age row is only sensitive where the table splits the place by age. */
  {
    GtkWidget *place_row = vv_test_find_with_class (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, NULL, NULL);
    GtkWidget *age_row = NULL;

    /* The second combo row of "The Case" is the age. */
    for (GtkWidget *w = gtk_widget_get_next_sibling (place_row); w != NULL && age_row == NULL;
         w = gtk_widget_get_next_sibling (w))
      if (ADW_IS_COMBO_ROW (w))
        age_row = w;
    g_assert_nonnull (age_row);
    g_assert_true (gtk_widget_get_sensitive (age_row));
    vv_respite_page_set_place (page, "private_home");
    g_assert_false (gtk_widget_get_sensitive (age_row));
  }

  vv_respite_page_set_place (page, "private_home");
  vv_respite_page_set_age (page, 8);
  vv_respite_page_set_overnight (page, TRUE);
  g_assert_cmpstr (vv_respite_page_get_function (page), ==, "258");

  /* An unknown place is refused and changes nothing. */
  vv_respite_page_set_place (page, "moon_base");
  g_assert_cmpstr (vv_respite_page_get_place (page), ==, "private_home");

  gtk_window_destroy (window);
}

/* Runs in each language the test is started in (LANGUAGE=en, nb, nn). */
static void
test_translated (void)
{
  GtkWindow *window;
  GtkWidget *page = page_in_window (&window);
  const char *language = vv_i18n_get_language ();
  const char *institution, *all_ages;

  if (g_strcmp0 (language, "nb") == 0)
    {
      institution = "Avlastning i institusjon";
      all_ages = "Alle aldre";
    }
  else if (g_strcmp0 (language, "nn") == 0)
    {
      institution = "Avlasting i institusjon";
      all_ages = "Alle aldrar";
    }
  else
    {
      institution = "Respite in an institution";
      all_ages = "All ages";
    }
  g_test_message ("language %s", language);
  g_assert_nonnull (vv_test_find_with_class (page, GTK_TYPE_LABEL, NULL, institution));
  g_assert_nonnull (vv_test_find_with_class (page, GTK_TYPE_LABEL, NULL, all_ages));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  g_test_add_func ("/respite/default", test_default);
  g_test_add_func ("/respite/select-cells", test_select_cells);
  g_test_add_func ("/respite/note-29", test_note_29);
  g_test_add_func ("/respite/age-boundary", test_age_boundary);
  g_test_add_func ("/respite/translated", test_translated);

  return vv_test_ui_finish (g_test_run ());
}
