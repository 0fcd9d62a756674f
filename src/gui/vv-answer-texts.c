/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-answer-texts"

#include "config.h"

#include "vv-answer-texts.h"

/*
 * Why not a vertical GtkBox, as in AdwActionRow: GTK 4.8's horizontal box
 * (the row's header) measures each child's width for the box's height when
 * it is allocated, and a vertical box passes that height on to its wrapping
 * labels, which answer it with a binary search over widths: a new Pango
 * layout, shaped again, per step. The guide's first question's rows were a
 * fifth of the cold start's instructions that way. This widget answers a
 * width without looking at the height, and a height by measuring its two
 * labels at the width it is asked for, minimum with minimum and natural with
 * natural (so the minimum never exceeds the natural, which GTK 4.18 checks).
 *
 * Its CSS name is "box" with the class "title", so libadwaita's stylesheet
 * ("row > box.header > box.title") gives it AdwActionRow's margins, and the
 * labels carry the classes "title" and "subtitle" as there. The labels are
 * made here rather than in a template: a widget that lays out its own
 * children takes none from GtkBuilder.
 */

/* libadwaita's "border-spacing: 3px" between an action row's title and
 * subtitle (the same in 1.2 and 1.7); CSS border-spacing is read only by
 * GTK's own layouts. */
#define SPACING 3

struct _VvAnswerTexts
{
  GtkWidget  parent_instance;

  /* Owned */
  GtkWidget *title;
  GtkWidget *subtitle;
};

G_DEFINE_FINAL_TYPE (VvAnswerTexts, vv_answer_texts, GTK_TYPE_WIDGET)

/* helpers */

static GtkWidget *
new_label (VvAnswerTexts *self,
           const char    *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "xalign", 0.0f,
                                   "visible", FALSE,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

/* overrides */

static GtkSizeRequestMode
vv_answer_texts_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vv_answer_texts_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  VvAnswerTexts *self = VV_ANSWER_TEXTS (widget);
  GtkWidget *labels[] = { self->title, self->subtitle };
  int shown = 0;

  *minimum = *natural = 0;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (labels[i]))
        continue;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The width a label needs does not depend on the height it gets. */
          gtk_widget_measure (labels[i], orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      else
        {
          gtk_widget_measure (labels[i], orientation, for_size, &min, &nat, NULL, NULL);
          *minimum += min + (shown > 0 ? SPACING : 0);
          *natural += nat + (shown > 0 ? SPACING : 0);
        }
      shown++;
    }
}

static void
vv_answer_texts_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VvAnswerTexts *self = VV_ANSWER_TEXTS (widget);
  gboolean title_shown = gtk_widget_should_layout (self->title);
  gboolean subtitle_shown = gtk_widget_should_layout (self->subtitle);
  int title_height = 0;

  if (title_shown)
    {
      int min = 0, nat = 0;

      gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      /* Given less than both want, the title keeps its natural height
       * first, as a vertical box hands out its space. */
      title_height = subtitle_shown ? MIN (nat, MAX (min, height)) : height;
      gtk_widget_size_allocate (self->title,
                                &(GtkAllocation) { 0, 0, width, title_height }, -1);
    }
  if (subtitle_shown)
    {
      int y = title_shown ? title_height + SPACING : 0;

      gtk_widget_size_allocate (self->subtitle,
                                &(GtkAllocation) { 0, y, width, MAX (height - y, 0) }, -1);
    }
}

static void
vv_answer_texts_dispose (GObject *object)
{
  VvAnswerTexts *self = VV_ANSWER_TEXTS (object);

  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->subtitle, gtk_widget_unparent);

  G_OBJECT_CLASS (vv_answer_texts_parent_class)->dispose (object);
}

static void
vv_answer_texts_class_init (VvAnswerTextsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_answer_texts_dispose;
  widget_class->get_request_mode = vv_answer_texts_get_request_mode;
  widget_class->measure = vv_answer_texts_measure;
  widget_class->size_allocate = vv_answer_texts_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
vv_answer_texts_init (VvAnswerTexts *self)
{
  self->title = new_label (self, "title");
  self->subtitle = new_label (self, "subtitle");
}

/* public API */

/**
 * vv_answer_texts_get_title_label:
 * @self: the texts
 *
 * Returns: (transfer none): the title's label, hidden until it has a text
 */
GtkLabel *
vv_answer_texts_get_title_label (VvAnswerTexts *self)
{
  g_return_val_if_fail (VV_IS_ANSWER_TEXTS (self), NULL);

  return GTK_LABEL (self->title);
}

/**
 * vv_answer_texts_get_subtitle_label:
 * @self: the texts
 *
 * Returns: (transfer none): the subtitle's label, hidden until it has a text
 */
GtkLabel *
vv_answer_texts_get_subtitle_label (VvAnswerTexts *self)
{
  g_return_val_if_fail (VV_IS_ANSWER_TEXTS (self), NULL);

  return GTK_LABEL (self->subtitle);
}
