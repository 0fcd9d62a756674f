/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-view"

#include "config.h"

#include "vv-ledger-view.h"

/* What the ledger page's views share: they show a VvLedgerSession and follow
 * its signals. The base class holds the session, its property and the
 * disconnecting; a view says what it connects to and shows in
 * VvLedgerViewClass.session_changed. */
typedef struct
{
  VvLedgerSession *session;
} VvLedgerViewPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VvLedgerView, vv_ledger_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vv_ledger_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VvLedgerView *self = VV_LEDGER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, vv_ledger_view_get_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VvLedgerView *self = VV_LEDGER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      vv_ledger_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_view_dispose (GObject *object)
{
  VvLedgerView *self = VV_LEDGER_VIEW (object);
  VvLedgerViewPrivate *priv = vv_ledger_view_get_instance_private (self);

  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_data (priv->session, self);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (vv_ledger_view_parent_class)->dispose (object);
}

static void
vv_ledger_view_class_init (VvLedgerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vv_ledger_view_dispose;
  object_class->get_property = vv_ledger_view_get_property;
  object_class->set_property = vv_ledger_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, VV_TYPE_LEDGER_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vv_ledger_view_init (VvLedgerView *self)
{
}

/**
 * vv_ledger_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
VvLedgerSession *
vv_ledger_view_get_session (VvLedgerView *self)
{
  VvLedgerViewPrivate *priv;

  g_return_val_if_fail (VV_IS_LEDGER_VIEW (self), NULL);

  priv = vv_ledger_view_get_instance_private (self);
  return priv->session;
}

/**
 * vv_ledger_view_set_session:
 * @session: (nullable): the session to show
 *
 * Shows @session and follows it; the signals of the session shown before
 * are disconnected.
 */
void
vv_ledger_view_set_session (VvLedgerView    *self,
                            VvLedgerSession *session)
{
  VvLedgerViewPrivate *priv;

  g_return_if_fail (VV_IS_LEDGER_VIEW (self));
  g_return_if_fail (session == NULL || VV_IS_LEDGER_SESSION (session));

  priv = vv_ledger_view_get_instance_private (self);
  if (priv->session == session)
    return;
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_data (priv->session, self);
  g_set_object (&priv->session, session);
  if (VV_LEDGER_VIEW_GET_CLASS (self)->session_changed != NULL)
    VV_LEDGER_VIEW_GET_CLASS (self)->session_changed (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
