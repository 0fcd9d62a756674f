/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-help-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-help-window.h"
#include "vv-i18n.h"

#define HELP_RESOURCE_PATH VV_RESOURCE_PATH "/help/"

/* The user guide is plain Markdown (help/<lang>/index.md, compiled into the
 * resource). This renders the subset the guide uses — headings, paragraphs,
 * bullet and numbered lists, block quotes, code, emphasis and links — into a
 * read-only GtkTextView with tags. Anything else is shown as text. */

struct _VvHelpWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkPopover     *contents_popover;
  GtkListBox     *sections_list;
  GtkTextView    *text_view;
  AdwWindowTitle *window_title;

  /* Owned */
  char           *language;
  GPtrArray      *sections;   /* GtkTextMark *, one per level-2 heading */
};

G_DEFINE_FINAL_TYPE (VvHelpWindow, vv_help_window, ADW_TYPE_WINDOW)

typedef enum
{
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_NUMBERED,
  BLOCK_QUOTE,
} BlockKind;

typedef struct
{
  GtkTextBuffer *buffer;
  GString       *text;       /* the block's text collected so far */
  BlockKind      kind;
  BlockKind      previous;   /* the kind of the block before, for spacing */
  char          *marker;     /* "1." for numbered items */
  guint          level;      /* list nesting */
  GPtrArray     *sections;   /* GtkTextMark *, level-2 headings */
} Renderer;

/* helpers */

static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.7,
                              "pixels-above-lines", 6, "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.35,
                              "pixels-above-lines", 18, "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.15,
                              "pixels-above-lines", 12, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 10, NULL);
  /* a paragraph after a list needs the space the list items do not leave */
  gtk_text_buffer_create_tag (buffer, "paragraph-after-list", "pixels-above-lines", 8,
                              "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "item1", "left-margin", 52, "indent", -18,
                              "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "item2", "left-margin", 76, "indent", -18,
                              "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "left-margin", 52, "style", PANGO_STYLE_ITALIC,
                              "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "pre", "family", "Monospace", "wrap-mode", GTK_WRAP_NONE,
                              "left-margin", 48, NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "Monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
}

static void
insert_run (GtkTextBuffer *buffer,
            const char    *text,
            gssize         length,
            const char    *block_tag,
            gboolean       bold,
            gboolean       italic,
            const char    *extra_tag)
{
  GtkTextIter start, end;
  int offset;

  if (length == 0 || (length < 0 && *text == '\0'))
    return;

  gtk_text_buffer_get_end_iter (buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, text, length);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_end_iter (buffer, &end);

  if (block_tag != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, block_tag, &start, &end);
  if (bold)
    gtk_text_buffer_apply_tag_by_name (buffer, "bold", &start, &end);
  if (italic)
    gtk_text_buffer_apply_tag_by_name (buffer, "italic", &start, &end);
  if (extra_tag != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, extra_tag, &start, &end);
}

static gboolean
is_word_char (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Inline Markdown: `code`, **bold**, __bold__, *italic*, _italic_, [text](url),
 * ![alt](src) and backslash escapes. Unclosed markers are shown as text. */
static void
insert_inline (GtkTextBuffer *buffer,
               const char    *text,
               const char    *block_tag)
{
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean bold = FALSE;
  gboolean italic = FALSE;
  const char *p = text;

#define FLUSH() G_STMT_START { \
    insert_run (buffer, run->str, run->len, block_tag, bold, italic, NULL); \
    g_string_truncate (run, 0); \
  } G_STMT_END

  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0' && strchr ("\\`*_[]()#+-.!>|", p[1]) != NULL)
        {
          g_string_append_c (run, p[1]);
          p += 2;
          continue;
        }
      if (*p == '`')
        {
          const char *close = strchr (p + 1, '`');

          if (close != NULL)
            {
              FLUSH ();
              insert_run (buffer, p + 1, close - p - 1, block_tag, bold, italic, "code");
              p = close + 1;
              continue;
            }
        }
      if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_'))
        {
          char marker[3] = { p[0], p[0], '\0' };

          if (bold || strstr (p + 2, marker) != NULL)
            {
              FLUSH ();
              bold = !bold;
              p += 2;
              continue;
            }
        }
      if (*p == '*' || *p == '_')
        {
          gboolean before_word = p == text || !is_word_char (g_utf8_prev_char (p));
          gboolean after_word = p[1] != '\0' && is_word_char (p + 1);
          gboolean opens = !italic && (*p == '*' ? p[1] != ' ' && p[1] != '\0'
                                                 : before_word && after_word) &&
                           strchr (p + 1, *p) != NULL;
          gboolean closes = italic && (*p == '*' || !after_word);

          if (opens || closes)
            {
              FLUSH ();
              italic = !italic;
              p++;
              continue;
            }
        }
      if (*p == '[' || (*p == '!' && p[1] == '['))
        {
          const char *open = *p == '!' ? p + 1 : p;
          const char *middle = strstr (open, "](");
          const char *close = middle != NULL ? strchr (middle + 2, ')') : NULL;

          if (middle != NULL && close != NULL && memchr (open, '\n', close - open) == NULL)
            {
              FLUSH ();
              insert_run (buffer, open + 1, middle - open - 1, block_tag, bold, italic,
                          *p == '!' ? "italic" : "link");
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (run, *p);
      p++;
    }
  FLUSH ();

#undef FLUSH
}

static void
renderer_flush (Renderer *r)
{
  const char *tag = "paragraph";
  g_autofree char *text = NULL;

  if (r->kind == BLOCK_NONE)
    return;

  text = g_strdup (g_strstrip (r->text->str));
  switch (r->kind)
    {
    case BLOCK_BULLET:
    case BLOCK_NUMBERED:
      tag = r->level > 0 ? "item2" : "item1";
      insert_run (r->buffer, r->kind == BLOCK_BULLET ? (r->level > 0 ? "◦ " : "• ") : r->marker,
                  -1, tag, FALSE, FALSE, NULL);
      if (r->kind == BLOCK_NUMBERED)
        insert_run (r->buffer, " ", -1, tag, FALSE, FALSE, NULL);
      break;

    case BLOCK_QUOTE:
      tag = "quote";
      break;

    case BLOCK_PARAGRAPH:
      if (r->previous == BLOCK_BULLET || r->previous == BLOCK_NUMBERED)
        tag = "paragraph-after-list";
      break;

    case BLOCK_NONE:
    default:
      break;
    }

  insert_inline (r->buffer, text, tag);
  insert_run (r->buffer, "\n", -1, tag, FALSE, FALSE, NULL);

  g_string_truncate (r->text, 0);
  g_clear_pointer (&r->marker, g_free);
  r->previous = r->kind;
  r->kind = BLOCK_NONE;
  r->level = 0;
}

static void
renderer_start (Renderer  *r,
                BlockKind  kind,
                guint      level,
                char      *marker)
{
  renderer_flush (r);
  r->kind = kind;
  r->level = level;
  r->marker = marker;
}

static void
renderer_append (Renderer   *r,
                 const char *text)
{
  if (r->text->len > 0)
    g_string_append_c (r->text, ' ');
  g_string_append (r->text, text);
}

/* Returns the length of an ordered-list marker ("12. " -> 3) or 0. */
static gsize
numbered_marker_length (const char *line)
{
  gsize n = 0;

  while (g_ascii_isdigit (line[n]))
    n++;
  if (n > 0 && n < 4 && (line[n] == '.' || line[n] == ')') && line[n + 1] == ' ')
    return n + 1;
  return 0;
}

static void
insert_heading (Renderer   *r,
                const char *title,
                guint       level)
{
  const char *tag = level == 1 ? "h1" : level == 2 ? "h2" : "h3";
  GtkTextIter end;

  if (level == 2 && r->sections != NULL)
    {
      gtk_text_buffer_get_end_iter (r->buffer, &end);
      g_ptr_array_add (r->sections,
                       g_object_ref (gtk_text_buffer_create_mark (r->buffer, NULL, &end, TRUE)));
    }
  insert_inline (r->buffer, title, tag);
  insert_run (r->buffer, "\n", -1, tag, FALSE, FALSE, NULL);
  r->previous = BLOCK_NONE;
}

static void
render_markdown (GtkTextBuffer *buffer,
                 const char    *markdown,
                 GPtrArray     *sections)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  Renderer r = { buffer, g_string_new (NULL), BLOCK_NONE, BLOCK_NONE, NULL, 0, sections };
  gboolean in_fence = FALSE;

  gtk_text_buffer_set_text (buffer, "", 0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *content;
      gsize indent = 0;
      gsize marker;
      gsize len;

      len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      while (line[indent] == ' ' || line[indent] == '\t')
        indent++;
      content = line + indent;

      if (g_str_has_prefix (content, "```") || g_str_has_prefix (content, "~~~"))
        {
          renderer_flush (&r);
          in_fence = !in_fence;
          continue;
        }
      if (in_fence)
        {
          insert_run (buffer, line, -1, "pre", FALSE, FALSE, NULL);
          insert_run (buffer, "\n", -1, "pre", FALSE, FALSE, NULL);
          continue;
        }

      if (*content == '\0')
        {
          renderer_flush (&r);
          continue;
        }

      if (*content == '#' && indent < 4)
        {
          guint level = 0;

          while (content[level] == '#')
            level++;
          if (level <= 6 && (content[level] == ' ' || content[level] == '\0'))
            {
              g_autofree char *title = g_strdup (content + level);

              renderer_flush (&r);
              g_strstrip (title);
              /* closing hashes are optional in Markdown */
              while (g_str_has_suffix (title, "#"))
                title[strlen (title) - 1] = '\0';
              g_strchomp (title);
              insert_heading (&r, title, level);
              continue;
            }
        }

      if (indent < 4 && (g_str_equal (content, "---") || g_str_equal (content, "***") ||
                         g_str_equal (content, "___")))
        {
          renderer_flush (&r);
          continue;
        }

      /* setext headings: a line of === or --- under a paragraph */
      if (r.kind == BLOCK_PARAGRAPH && (g_str_has_prefix (content, "===") ||
                                        g_str_has_prefix (content, "---")))
        {
          g_autofree char *title = g_strdup (g_strstrip (r.text->str));

          g_string_truncate (r.text, 0);
          r.kind = BLOCK_NONE;
          insert_heading (&r, title, *content == '=' ? 1 : 2);
          continue;
        }

      if ((content[0] == '-' || content[0] == '*' || content[0] == '+') && content[1] == ' ')
        {
          renderer_start (&r, BLOCK_BULLET, indent >= 2 ? 1 : 0, NULL);
          renderer_append (&r, content + 2);
          continue;
        }

      marker = numbered_marker_length (content);
      if (marker > 0)
        {
          renderer_start (&r, BLOCK_NUMBERED, indent >= 2 ? 1 : 0, g_strndup (content, marker));
          renderer_append (&r, content + marker + 1);
          continue;
        }

      if (*content == '>')
        {
          if (r.kind != BLOCK_QUOTE)
            renderer_start (&r, BLOCK_QUOTE, 0, NULL);
          renderer_append (&r, content[1] == ' ' ? content + 2 : content + 1);
          continue;
        }

      if (*content == '|')
        {
          /* tables are shown as they are written, in a fixed-width font */
          renderer_flush (&r);
          if (strspn (content, "|-: ") != strlen (content))
            {
              insert_run (buffer, content, -1, "pre", FALSE, FALSE, NULL);
              insert_run (buffer, "\n", -1, "pre", FALSE, FALSE, NULL);
            }
          continue;
        }

      /* a continuation line belongs to the open paragraph, item or quote */
      if (r.kind == BLOCK_NONE)
        r.kind = BLOCK_PARAGRAPH;
      renderer_append (&r, content);
    }
  renderer_flush (&r);

  g_string_free (r.text, TRUE);
  g_free (r.marker);
}

static GBytes *
lookup_guide (const char *language)
{
  g_autofree char *path = g_strconcat (HELP_RESOURCE_PATH, language, "/index.md", NULL);

  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
clear_sections (VvHelpWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkWidget *child;

  for (guint i = 0; i < self->sections->len; i++)
    {
      GtkTextMark *mark = g_ptr_array_index (self->sections, i);

      if (!gtk_text_mark_get_deleted (mark))
        gtk_text_buffer_delete_mark (buffer, mark);
    }
  g_ptr_array_set_size (self->sections, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list))) != NULL)
    gtk_list_box_remove (self->sections_list, child);
}

static void
fill_sections_list (VvHelpWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  for (guint i = 0; i < self->sections->len; i++)
    {
      GtkTextIter start, end;
      g_autofree char *title = NULL;
      GtkWidget *label;
      GtkWidget *row;

      gtk_text_buffer_get_iter_at_mark (buffer, &start, g_ptr_array_index (self->sections, i));
      end = start;
      gtk_text_iter_forward_to_line_end (&end);
      title = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "help.go-to-section");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_uint32 (i));
      gtk_list_box_append (self->sections_list, row);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "help.go-to-section", self->sections->len > 0);
}

/* callbacks */

static void
help_go_to_section_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VvHelpWindow *self = VV_HELP_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->sections->len)
    return;
  gtk_popover_popdown (self->contents_popover);
  gtk_text_view_scroll_to_mark (self->text_view, g_ptr_array_index (self->sections, index),
                                0.0, TRUE, 0.0, 0.0);
}

/* overrides */

static void
vv_help_window_finalize (GObject *object)
{
  VvHelpWindow *self = (VvHelpWindow *) object;

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (vv_help_window_parent_class)->finalize (object);
}

static void
vv_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_HELP_WINDOW);

  G_OBJECT_CLASS (vv_help_window_parent_class)->dispose (object);
}

static void
vv_help_window_class_init (VvHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_help_window_dispose;
  object_class->finalize = vv_help_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VvHelpWindow, contents_popover);
  gtk_widget_class_bind_template_child (widget_class, VvHelpWindow, sections_list);
  gtk_widget_class_bind_template_child (widget_class, VvHelpWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, VvHelpWindow, window_title);

  gtk_widget_class_install_action (widget_class, "help.go-to-section", "u",
                                   help_go_to_section_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vv_help_window_init (VvHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  create_tags (gtk_text_view_get_buffer (self->text_view));
  vv_help_window_load_language (self, vv_i18n_get_language ());
}

/* public API */

VvHelpWindow *
vv_help_window_new (void)
{
  return g_object_new (VV_TYPE_HELP_WINDOW, NULL);
}

/**
 * vv_help_window_load_language:
 * @self: a #VvHelpWindow
 * @language: "nb", "nn" (anything else shows bokmål)
 *
 * Shows the user guide in @language, falling back to bokmål.
 *
 * Returns: %TRUE if a guide was found
 */
gboolean
vv_help_window_load_language (VvHelpWindow *self,
                              const char   *language)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *chosen = g_strcmp0 (language, "nn") == 0 ? "nn" : "nb";
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (VV_IS_HELP_WINDOW (self), FALSE);

  bytes = lookup_guide (chosen);
  if (bytes == NULL && !g_str_equal (chosen, "nb"))
    {
      chosen = "nb";
      bytes = lookup_guide (chosen);
    }

  g_free (self->language);
  if (bytes == NULL)
    {
      self->language = NULL;
      clear_sections (self);
      fill_sections_list (self);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                _("The user guide is not available in this build."), -1);
      return FALSE;
    }

  self->language = g_strdup (chosen);
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  vv_help_window_set_markdown (self, text);
  return TRUE;
}

/**
 * vv_help_window_set_markdown:
 * @self: a #VvHelpWindow
 * @markdown: Markdown text
 *
 * Replaces the shown text.
 */
void
vv_help_window_set_markdown (VvHelpWindow *self,
                             const char   *markdown)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (VV_IS_HELP_WINDOW (self));
  g_return_if_fail (markdown != NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (!g_utf8_validate (markdown, -1, NULL))
    {
      g_debug ("User guide is not UTF-8");
      clear_sections (self);
      fill_sections_list (self);
      gtk_text_buffer_set_text (buffer, _("The user guide is not available in this build."), -1);
      return;
    }
  clear_sections (self);
  render_markdown (buffer, markdown, self->sections);
  fill_sections_list (self);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

GtkTextBuffer *
vv_help_window_get_buffer (VvHelpWindow *self)
{
  g_return_val_if_fail (VV_IS_HELP_WINDOW (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

/**
 * vv_help_window_get_language:
 * @self: a #VvHelpWindow
 *
 * Returns: (nullable): "nb" or "nn", the guide shown; %NULL when none was found
 */
const char *
vv_help_window_get_language (VvHelpWindow *self)
{
  g_return_val_if_fail (VV_IS_HELP_WINDOW (self), NULL);
  return self->language;
}

/**
 * vv_help_window_show:
 * @parent: (nullable): the window to open the guide for
 *
 * Opens the user guide in the current language, or raises it when it is
 * already open for @parent. This is what `app.help` (F1) calls.
 */
void
vv_help_window_show (GtkWindow *parent)
{
  static GtkWindow *open_window;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (open_window == NULL || gtk_window_get_transient_for (open_window) != parent)
    {
      if (open_window != NULL)
        gtk_window_destroy (open_window);
      open_window = GTK_WINDOW (vv_help_window_new ());
      g_object_add_weak_pointer (G_OBJECT (open_window), (gpointer *) &open_window);
      if (parent != NULL)
        {
          gtk_window_set_transient_for (open_window, parent);
          gtk_window_set_application (open_window, gtk_window_get_application (parent));
        }
      gtk_window_set_hide_on_close (open_window, FALSE);
    }
  gtk_window_present (open_window);
}
