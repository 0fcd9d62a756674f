/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-respite-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-citation-row.h"
#include "vv-respite-page.h"
#include "vv-rules.h"

/* The rules API does not expose the table's own "citation" field, so the
 * page looks the table's citation up by its id in the rule data. */
#define RESPITE_TABLE_CITATION "respite-table"

enum {
  COLUMN_OVERNIGHT,
  COLUMN_DAY,
  N_COLUMNS
};

typedef struct
{
  const char *kpr;         /* borrowed from the rules */
  const char *place;
  const char *label;
} PlaceChoice;

typedef struct
{
  int min;
  int max;                 /* -1 = no upper bound */
} AgeGroup;

struct _VvRespitePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *advice_group;
  AdwComboRow         *age_row;
  GtkToggleButton     *day_button;
  GtkLabel            *explanation_label;
  GtkLabel            *function_label;
  GtkLabel            *function_name_label;
  AdwPreferencesGroup *note_group;
  GtkLabel            *note_label;
  GtkToggleButton     *overnight_button;
  AdwComboRow         *place_row;
  AdwPreferencesGroup *sources_group;
  GtkGrid             *table_grid;

  /* Borrowed */
  VvRules             *rules;
  const VvRespiteRow  *row;

  /* Owned */
  VvContext *context;
  GArray              *places;       /* PlaceChoice */
  GArray              *age_groups;   /* AgeGroup */
  GPtrArray           *cells;        /* GtkButton*, N_COLUMNS per table row */
  GPtrArray           *age_labels;   /* GtkLabel*, one per table row */
  GPtrArray           *source_rows;  /* rows added to sources_group */
  char                *place;
  int                  age;
  gboolean             overnight;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (VvRespitePage, vv_respite_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_AGE,
  PROP_FUNCTION,
  PROP_OVERNIGHT,
  PROP_PLACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static const PlaceChoice *
find_place (VvRespitePage *self,
            const char    *place,
            guint         *position)
{
  for (guint i = 0; i < self->places->len; i++)
    {
      const PlaceChoice *choice = &g_array_index (self->places, PlaceChoice, i);

      if (g_strcmp0 (choice->place, place) == 0)
        {
          if (position != NULL)
            *position = i;
          return choice;
        }
    }
  return NULL;
}

static guint
find_age_group (VvRespitePage *self,
                int            age)
{
  for (guint i = 0; i < self->age_groups->len; i++)
    {
      const AgeGroup *group = &g_array_index (self->age_groups, AgeGroup, i);

      if (age >= group->min && (group->max < 0 || age <= group->max))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static char *
age_group_label (const AgeGroup *group)
{
  if (group->max < 0)
    /* Translators: an age group in the respite table, e.g. "18 and older" */
    return g_strdup_printf (_("%d and older"), group->min);
  if (group->min == 0)
    /* Translators: an age group in the respite table, e.g. "Under 18" */
    return g_strdup_printf (_("Under %d"), group->max + 1);
  /* Translators: an age group in the respite table, e.g. "18–66" */
  return g_strdup_printf (_("%d–%d"), group->min, group->max);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The places and age groups offered come from the rule data: each distinct
 * place, and the age ranges cut at every boundary a table row uses. */
static void
collect_choices (VvRespitePage *self)
{
  GPtrArray *rows = vv_rules_get_respite_rows (self->rules);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GtkStringList) place_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) age_names = gtk_string_list_new (NULL);
  int zero = 0;

  g_array_append_val (bounds, zero);
  for (guint i = 0; i < rows->len; i++)
    {
      const VvRespiteRow *row = g_ptr_array_index (rows, i);

      if (find_place (self, row->place, NULL) == NULL)
        {
          PlaceChoice choice = { row->kpr, row->place, row->place_label };

          g_array_append_val (self->places, choice);
          gtk_string_list_append (place_names, vv_rules_tr (row->place_label));
        }
      g_array_append_val (bounds, row->age_min);
      if (row->age_max >= 0)
        {
          int next = row->age_max + 1;

          g_array_append_val (bounds, next);
        }
    }

  g_array_sort (bounds, compare_int);
  for (guint i = 0; i < bounds->len; i++)
    {
      int min = g_array_index (bounds, int, i);
      AgeGroup group = { min, -1 };

      if (i + 1 < bounds->len && g_array_index (bounds, int, i + 1) == min)
        continue;
      if (i + 1 < bounds->len)
        group.max = g_array_index (bounds, int, i + 1) - 1;
      g_array_append_val (self->age_groups, group);
    }
  for (guint i = 0; i < self->age_groups->len; i++)
    {
      g_autofree char *label = age_group_label (&g_array_index (self->age_groups, AgeGroup, i));

      gtk_string_list_append (age_names, label);
    }

  adw_combo_row_set_model (self->place_row, G_LIST_MODEL (place_names));
  adw_combo_row_set_model (self->age_row, G_LIST_MODEL (age_names));
}

static void
build_table (VvRespitePage *self)
{
  GPtrArray *rows = vv_rules_get_respite_rows (self->rules);

  for (guint i = 0; i < rows->len; i++)
    {
      const VvRespiteRow *row = g_ptr_array_index (rows, i);
      int grid_row = (int) i + 1;
      guint span = 1;
      GtkWidget *label;

      /* Consecutive rows for the same place share one place cell. */
      if (i == 0 || g_strcmp0 (((VvRespiteRow *) g_ptr_array_index (rows, i - 1))->place,
                               row->place) != 0)
        {
          while (i + span < rows->len &&
                 g_strcmp0 (((VvRespiteRow *) g_ptr_array_index (rows, i + span))->place,
                            row->place) == 0)
            span++;
          label = gtk_label_new (vv_rules_tr (row->place_label));
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_grid_attach (self->table_grid, label, 0, grid_row, 1, (int) span);
        }

      label = gtk_label_new (vv_rules_tr (row->age_label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->table_grid, label, 1, grid_row, 1, 1);
      g_ptr_array_add (self->age_labels, label);

      for (guint column = 0; column < N_COLUMNS; column++)
        {
          const char *code = column == COLUMN_OVERNIGHT ? row->overnight : row->day;
          const VvFunction *function = vv_rules_lookup_function (self->rules, code);
          g_autofree char *text = NULL;
          g_autofree char *tooltip = NULL;
          GtkWidget *button;

          if (row->note != NULL && column == COLUMN_OVERNIGHT)
            /* Translators: a function code with its footnote, e.g. "253 (note 29)" */
            text = g_strdup_printf (_("%s (note %s)"), code, row->note);
          else
            text = g_strdup (code);

          button = gtk_button_new_with_label (text);
          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "respite.select-cell");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(uu)", i, column);
          tooltip = g_strdup_printf ("%s: %s", code,
                                     function != NULL ? vv_rules_tr (function->name) : "");
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_grid_attach (self->table_grid, button, 2 + (int) column, grid_row, 1, 1);
          g_ptr_array_add (self->cells, button);
        }
    }
}

static void
add_source (VvRespitePage *self,
            GHashTable    *seen,
            const char    *id)
{
  const VvCitation *citation;
  GtkWidget *row;

  if (id == NULL || !g_hash_table_add (seen, (gpointer) id))
    return;
  citation = vv_rules_lookup_citation (self->rules, id);
  if (citation == NULL)
    return;
  row = vv_citation_row_new (citation);
  adw_preferences_group_add (self->sources_group, row);
  g_ptr_array_add (self->source_rows, row);
}

static void
build_advice (VvRespitePage *self)
{
  GPtrArray *advice = vv_rules_get_respite_advice (self->rules);

  for (guint i = 0; i < advice->len; i++)
    {
      const VvNote *note = g_ptr_array_index (advice, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
      const VvCitation *citation = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vv_rules_tr (note->text));
      if (note->rules != NULL && note->rules[0] != NULL)
        citation = vv_rules_lookup_citation (self->rules, note->rules[0]);
      if (citation != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), citation->source);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->advice_group, row);
    }
}

static void
vv_respite_page_update (VvRespitePage *self)
{
  GPtrArray *rows = vv_rules_get_respite_rows (self->rules);
  const PlaceChoice *choice = find_place (self, self->place, NULL);
  const VvRespiteRow *row = NULL;
  const char *code = NULL;
  const VvFunction *function = NULL;
  const VvNote *note = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (choice != NULL)
    row = vv_rules_lookup_respite (self->rules, choice->kpr, choice->place, self->age);
  if (row != NULL)
    {
      code = self->overnight ? row->overnight : row->day;
      function = vv_rules_lookup_function (self->rules, code);
    }
  self->row = row;
  note = vv_respite_page_get_note (self);

  /* The age only matters where the table splits a place by age. */
  {
    guint rows_for_place = 0;

    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (((VvRespiteRow *) g_ptr_array_index (rows, i))->place, self->place) == 0)
        rows_for_place++;
    gtk_widget_set_sensitive (GTK_WIDGET (self->age_row), rows_for_place > 1);
  }

  /* Highlight the chosen cell and its row. */
  for (guint i = 0; i < rows->len; i++)
    {
      gboolean in_row = g_ptr_array_index (rows, i) == row;
      GtkWidget *age_label = g_ptr_array_index (self->age_labels, i);

      if (in_row)
        gtk_widget_add_css_class (age_label, "accent");
      else
        gtk_widget_remove_css_class (age_label, "accent");

      for (guint column = 0; column < N_COLUMNS; column++)
        {
          GtkWidget *cell = g_ptr_array_index (self->cells, i * N_COLUMNS + column);
          gboolean selected = in_row && (column == COLUMN_OVERNIGHT) == !!self->overnight;

          if (selected)
            {
              gtk_widget_remove_css_class (cell, "flat");
              gtk_widget_add_css_class (cell, "suggested-action");
            }
          else
            {
              gtk_widget_remove_css_class (cell, "suggested-action");
              gtk_widget_add_css_class (cell, "flat");
            }
          gtk_accessible_update_state (GTK_ACCESSIBLE (cell),
                                       GTK_ACCESSIBLE_STATE_PRESSED, selected,
                                       -1);
        }
    }

  if (row == NULL)
    {
      gtk_label_set_label (self->function_label, "");
      gtk_label_set_label (self->function_name_label, _("Table 5.1 has no row for this case"));
      gtk_label_set_label (self->explanation_label, "");
    }
  else
    {
      g_autofree char *explanation = NULL;
      g_autofree char *age = NULL;
      guint group = find_age_group (self, self->age);

      age = group != GTK_INVALID_LIST_POSITION
        ? age_group_label (&g_array_index (self->age_groups, AgeGroup, group))
        : g_strdup_printf ("%d", self->age);
      gtk_label_set_label (self->function_label, code);
      gtk_label_set_label (self->function_name_label,
                           function != NULL ? vv_rules_tr (function->name) : "");
      if (self->overnight)
        /* Translators: %1$s is a place from Table 5.1, %2$s an age group,
         * %3$s a function code */
        explanation = g_strdup_printf (_("24-hour respite: %1$s, age %2$s, goes on function %3$s."),
                                       vv_rules_tr (row->place_label), age, code);
      else
        /* Translators: %1$s is a place from Table 5.1, %2$s an age group,
         * %3$s a function code */
        explanation = g_strdup_printf (_("Day respite: %1$s, age %2$s, goes on function %3$s."),
                                       vv_rules_tr (row->place_label), age, code);
      gtk_label_set_label (self->explanation_label, explanation);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->note_group), note != NULL);
  if (note != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Note %s"), note->id);

      adw_preferences_group_set_title (self->note_group, title);
      gtk_label_set_label (self->note_label, vv_rules_tr (note->text));
    }

  /* Sources: the table itself, the note and the function's own citation. */
  for (guint i = 0; i < self->source_rows->len; i++)
    adw_preferences_group_remove (self->sources_group, g_ptr_array_index (self->source_rows, i));
  g_ptr_array_set_size (self->source_rows, 0);
  add_source (self, seen, RESPITE_TABLE_CITATION);
  for (guint i = 0; note != NULL && note->rules != NULL && note->rules[i] != NULL; i++)
    add_source (self, seen, note->rules[i]);
  if (function != NULL)
    add_source (self, seen, function->citation);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUNCTION]);
}

static void
vv_respite_page_sync_controls (VvRespitePage *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  self->syncing++;
  if (find_place (self, self->place, &position) != NULL)
    adw_combo_row_set_selected (self->place_row, position);
  position = find_age_group (self, self->age);
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->age_row, position);
  gtk_toggle_button_set_active (self->overnight_button, self->overnight);
  gtk_toggle_button_set_active (self->day_button, !self->overnight);
  self->syncing--;
}

/* callbacks */

static void
on_place_row_notify_selected_cb (VvRespitePage *self)
{
  guint position = adw_combo_row_get_selected (self->place_row);

  if (self->syncing > 0 || position >= self->places->len)
    return;
  vv_respite_page_set_place (self, g_array_index (self->places, PlaceChoice, position).place);
}

static void
on_age_row_notify_selected_cb (VvRespitePage *self)
{
  guint position = adw_combo_row_get_selected (self->age_row);

  if (self->syncing > 0 || position >= self->age_groups->len)
    return;
  /* Keep the exact age when it is already in the chosen group. */
  if (find_age_group (self, self->age) == position)
    return;
  vv_respite_page_set_age (self, g_array_index (self->age_groups, AgeGroup, position).min);
}

static void
on_overnight_button_toggled_cb (VvRespitePage *self)
{
  if (self->syncing > 0)
    return;
  vv_respite_page_set_overnight (self, gtk_toggle_button_get_active (self->overnight_button));
}

static void
select_cell_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvRespitePage *self = VV_RESPITE_PAGE (widget);
  GPtrArray *rows = vv_rules_get_respite_rows (self->rules);
  const VvRespiteRow *row;
  guint index, column;

  g_variant_get (parameter, "(uu)", &index, &column);
  if (index >= rows->len || column >= N_COLUMNS)
    return;
  row = g_ptr_array_index (rows, index);

  g_object_freeze_notify (G_OBJECT (self));
  vv_respite_page_set_place (self, row->place);
  if (self->age < row->age_min || (row->age_max >= 0 && self->age > row->age_max))
    vv_respite_page_set_age (self, row->age_min);
  vv_respite_page_set_overnight (self, column == COLUMN_OVERNIGHT);
  g_object_thaw_notify (G_OBJECT (self));
}

/* respite.copy: the answer as text, to paste into a case or an email. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvRespitePage *self = VV_RESPITE_PAGE (widget);
  g_autofree char *text = vv_respite_page_dup_answer (self);

  if (text == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_widget_activate_action (widget, "win.show-toast", "s", _("Answer copied"));
}

/* overrides */

static void
vv_respite_page_dispose (GObject *object)
{
  VvRespitePage *self = VV_RESPITE_PAGE (object);

  g_clear_object (&self->context);

  /* AdwBin unparents its child itself: drop it before the template forgets it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VV_TYPE_RESPITE_PAGE);

  G_OBJECT_CLASS (vv_respite_page_parent_class)->dispose (object);
}

static void
vv_respite_page_finalize (GObject *object)
{
  VvRespitePage *self = VV_RESPITE_PAGE (object);

  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->age_groups, g_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->age_labels, g_ptr_array_unref);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);
  g_clear_pointer (&self->place, g_free);

  G_OBJECT_CLASS (vv_respite_page_parent_class)->finalize (object);
}

static void
vv_respite_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VvRespitePage *self = VV_RESPITE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_respite_page_get_context (self));
      break;
    case PROP_AGE:
      g_value_set_int (value, vv_respite_page_get_age (self));
      break;
    case PROP_FUNCTION:
      g_value_set_string (value, vv_respite_page_get_function (self));
      break;
    case PROP_OVERNIGHT:
      g_value_set_boolean (value, vv_respite_page_get_overnight (self));
      break;
    case PROP_PLACE:
      g_value_set_string (value, vv_respite_page_get_place (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_respite_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VvRespitePage *self = VV_RESPITE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_respite_page_set_context (self, g_value_get_object (value));
      break;
    case PROP_AGE:
      vv_respite_page_set_age (self, g_value_get_int (value));
      break;
    case PROP_OVERNIGHT:
      vv_respite_page_set_overnight (self, g_value_get_boolean (value));
      break;
    case PROP_PLACE:
      vv_respite_page_set_place (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_respite_page_class_init (VvRespitePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_respite_page_dispose;
  object_class->finalize = vv_respite_page_finalize;
  object_class->get_property = vv_respite_page_get_property;
  object_class->set_property = vv_respite_page_set_property;

  properties[PROP_AGE] =
    g_param_spec_int ("age", NULL, NULL, 0, 150, 18,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FUNCTION] =
    g_param_spec_string ("function", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OVERNIGHT] =
    g_param_spec_boolean ("overnight", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvRespitePage:context:
   *
   * What the pages share, bound from the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "respite.copy", NULL, copy_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-respite-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, advice_group);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, age_row);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, day_button);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, function_label);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, function_name_label);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, note_group);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, note_label);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, overnight_button);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, place_row);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, VvRespitePage, table_grid);

  gtk_widget_class_install_action (widget_class, "respite.select-cell", "(uu)",
                                   select_cell_action);
}

static void
vv_respite_page_init (VvRespitePage *self)
{
  GPtrArray *rows;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rules = vv_rules_get_default ();
  self->places = g_array_new (FALSE, FALSE, sizeof (PlaceChoice));
  self->age_groups = g_array_new (FALSE, FALSE, sizeof (AgeGroup));
  self->cells = g_ptr_array_new ();
  self->age_labels = g_ptr_array_new ();
  self->source_rows = g_ptr_array_new ();
  self->age = 18;
  self->overnight = TRUE;

  collect_choices (self);
  build_table (self);
  build_advice (self);

  rows = vv_rules_get_respite_rows (self->rules);
  if (rows->len > 0)
    self->place = g_strdup (((VvRespiteRow *) g_ptr_array_index (rows, 0))->place);

  vv_respite_page_sync_controls (self);
  vv_respite_page_update (self);

  g_signal_connect_object (self->place_row, "notify::selected",
                           G_CALLBACK (on_place_row_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->age_row, "notify::selected",
                           G_CALLBACK (on_age_row_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overnight_button, "toggled",
                           G_CALLBACK (on_overnight_button_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

/* public API */

GtkWidget *
vv_respite_page_new (void)
{
  return g_object_new (VV_TYPE_RESPITE_PAGE, NULL);
}

const char *
vv_respite_page_get_place (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  return self->place;
}

void
vv_respite_page_set_place (VvRespitePage *self,
                           const char    *place)
{
  g_return_if_fail (VV_IS_RESPITE_PAGE (self));

  if (g_strcmp0 (self->place, place) == 0)
    return;
  if (place != NULL && find_place (self, place, NULL) == NULL)
    {
      g_debug ("Table 5.1 has no place %s", place);
      return;
    }
  g_free (self->place);
  self->place = g_strdup (place);
  vv_respite_page_sync_controls (self);
  vv_respite_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

int
vv_respite_page_get_age (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), 0);

  return self->age;
}

void
vv_respite_page_set_age (VvRespitePage *self,
                         int            age)
{
  g_return_if_fail (VV_IS_RESPITE_PAGE (self));
  g_return_if_fail (age >= 0);

  if (self->age == age)
    return;
  self->age = age;
  vv_respite_page_sync_controls (self);
  vv_respite_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE]);
}

gboolean
vv_respite_page_get_overnight (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), FALSE);

  return self->overnight;
}

void
vv_respite_page_set_overnight (VvRespitePage *self,
                               gboolean       overnight)
{
  g_return_if_fail (VV_IS_RESPITE_PAGE (self));

  overnight = !!overnight;
  if (self->overnight == overnight)
    return;
  self->overnight = overnight;
  vv_respite_page_sync_controls (self);
  vv_respite_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERNIGHT]);
}

/**
 * vv_respite_page_get_function:
 * @self: the page
 *
 * Returns: (nullable): the function code of the highlighted cell
 */
const char *
vv_respite_page_get_function (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  if (self->row == NULL)
    return NULL;
  return self->overnight ? self->row->overnight : self->row->day;
}

const VvRespiteRow *
vv_respite_page_get_row (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  return self->row;
}

const VvNote *
vv_respite_page_get_note (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  /* The table marks the note on the 24-hour cell of its row. */
  if (self->row == NULL || self->row->note == NULL || !self->overnight)
    return NULL;
  return vv_rules_lookup_note (self->rules, self->row->note);
}

/**
 * vv_respite_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_respite_page_get_context (VvRespitePage *self)
{
  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_respite_page_set_context:
 * @self: the page
 * @context: (nullable): the context
 */
void
vv_respite_page_set_context (VvRespitePage *self,
                            VvContext *context)
{
  g_return_if_fail (VV_IS_RESPITE_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * vv_respite_page_dup_answer:
 * @self: the page
 *
 * The answer shown, as plain text: the function, why, and the source.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the table
 *   has no row for the case
 */
char *
vv_respite_page_dup_answer (VvRespitePage *self)
{
  const VvCitation *citation;
  GString *text;

  g_return_val_if_fail (VV_IS_RESPITE_PAGE (self), NULL);

  if (self->row == NULL)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s %s\n\n%s", gtk_label_get_text (self->function_label),
                          gtk_label_get_text (self->function_name_label),
                          gtk_label_get_text (self->explanation_label));
  citation = vv_rules_lookup_citation (self->rules, RESPITE_TABLE_CITATION);
  if (citation != NULL)
    g_string_append_printf (text, "\n\n%s", citation->source);
  return g_string_free (text, FALSE);
}
