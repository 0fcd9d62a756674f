/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-answer-row"

#include "config.h"

#include "vv-answer-row.h"
#include "vv-answer-texts.h"

/*
 * Why not an AdwActionRow: its title and subtitle sit in a vertical box,
 * which GTK 4.8 makes lay out their text again for every height the row's
 * header is measured at (see vv-answer-texts.c); that was a fifth of the cold
 * start. Everything else (nodes, style classes, spacing, accessible
 * relations) is AdwActionRow's, so it looks and reads the same.
 */

struct _VvAnswerRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *badge_label;
  GtkLabel      *note_label;
  GtkWidget     *prefixes;
  GtkImage      *suffix_image;
  VvAnswerTexts *texts;

  /* Borrowed */
  GtkLabel      *subtitle_label;
  GtkLabel      *title_label;
};

G_DEFINE_FINAL_TYPE (VvAnswerRow, vv_answer_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static gboolean
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") == 0)
    return FALSE;
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  return TRUE;
}

/* overrides */

static void
vv_answer_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VvAnswerRow *self = VV_ANSWER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, vv_answer_row_get_subtitle (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, vv_answer_row_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_answer_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VvAnswerRow *self = VV_ANSWER_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      vv_answer_row_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      vv_answer_row_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_answer_row_class_init (VvAnswerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (VV_TYPE_ANSWER_TEXTS);

  object_class->get_property = vv_answer_row_get_property;
  object_class->set_property = vv_answer_row_set_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-answer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VvAnswerRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, VvAnswerRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, VvAnswerRow, prefixes);
  gtk_widget_class_bind_template_child (widget_class, VvAnswerRow, suffix_image);
  gtk_widget_class_bind_template_child (widget_class, VvAnswerRow, texts);
}

static void
vv_answer_row_init (VvAnswerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->title_label = vv_answer_texts_get_title_label (self->texts);
  self->subtitle_label = vv_answer_texts_get_subtitle_label (self->texts);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle_label, NULL,
                                  -1);
}

/* public API */

GtkWidget *
vv_answer_row_new (const char *title,
                   const char *subtitle)
{
  return g_object_new (VV_TYPE_ANSWER_ROW, "title", title, "subtitle", subtitle, NULL);
}

const char *
vv_answer_row_get_title (VvAnswerRow *self)
{
  g_return_val_if_fail (VV_IS_ANSWER_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
vv_answer_row_set_title (VvAnswerRow *self,
                         const char  *title)
{
  g_return_if_fail (VV_IS_ANSWER_ROW (self));

  if (set_label_text (self->title_label, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
vv_answer_row_get_subtitle (VvAnswerRow *self)
{
  g_return_val_if_fail (VV_IS_ANSWER_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

void
vv_answer_row_set_subtitle (VvAnswerRow *self,
                            const char  *subtitle)
{
  g_return_if_fail (VV_IS_ANSWER_ROW (self));

  if (set_label_text (self->subtitle_label, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/**
 * vv_answer_row_set_badge:
 * @self: the row
 * @badge: (nullable): a short text before the title (the answer's number)
 */
void
vv_answer_row_set_badge (VvAnswerRow *self,
                         const char  *badge)
{
  g_return_if_fail (VV_IS_ANSWER_ROW (self));

  set_label_text (self->badge_label, badge);
  gtk_widget_set_visible (self->prefixes, badge != NULL && *badge != '\0');
}

/**
 * vv_answer_row_set_note:
 * @self: the row
 * @note: (nullable): a short dim text after the title ("Usual answer")
 */
void
vv_answer_row_set_note (VvAnswerRow *self,
                        const char  *note)
{
  g_return_if_fail (VV_IS_ANSWER_ROW (self));

  set_label_text (self->note_label, note);
}

/**
 * vv_answer_row_set_suffix_icon:
 * @self: the row
 * @icon_name: (nullable): the icon at the end of the row
 */
void
vv_answer_row_set_suffix_icon (VvAnswerRow *self,
                               const char  *icon_name)
{
  g_return_if_fail (VV_IS_ANSWER_ROW (self));

  gtk_image_set_from_icon_name (self->suffix_image, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->suffix_image), icon_name != NULL);
}
