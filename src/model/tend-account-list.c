/* tend-account-list.c: the accounts of a workspace as a lazily loaded GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace may hold 100,000 accounts, so the list never builds them all. A reload counts
 * the accounts that pass the filters and asks SQLite for the ids of the first screens of
 * them only, in order: finding the first few hundred of 100,000 rows by any key takes a
 * single pass over the table, where putting all of them in order would be a full sort
 * (about ten times as long) or an index on every sort key, which every account written
 * would have to keep in step (migration 8 dropped them). The ids further down are read
 * when a view first asks for one of them, a larger prefix each time. An account object
 * is made when a view asks for its row, and the most recently used ones are kept so that
 * scrolling back does not query again.
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "store/tend-schema.h"

#include "tend-account-list.h"

/* How many account objects the list keeps: several screens of rows. */
#define CACHE_SIZE 1024

/* How many ids a reload reads, and by how much the prefix read grows each time a view
 * goes past it: a top-k query costs one pass over the table and a heap of k rows, so few
 * passes reach the end of even a long list. The first read holds many screens of rows
 * because most searches find fewer accounts than that, and then need no count. */
#define FIRST_IDS 4096
#define GROWTH 16

struct _TendAccountList
{
  GObject             parent_instance;

  TendStore          *store;

  /* The ids of the first accounts in order, and how many pass the filters in all. */
  GArray             *ids;
  guint               n_items;

  char               *search;
  char               *band;
  gint64              owner_id;
  char               *segment;
  char               *status;
  TendAccountSortKey  sort_key;
  gboolean            descending;

  /* The most recently used accounts, newest first, and their links by id. */
  GQueue              recent;
  GHashTable         *cache;

  /* A reload due because the accounts changed under the ids read so far. */
  guint               reload_source;
};

static void tend_account_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendAccountList, tend_account_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tend_account_list_model_init))

G_DEFINE_ENUM_TYPE (TendAccountSortKey, tend_account_sort_key,
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_NAME, "name"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_OWNER, "owner"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_SEGMENT, "segment"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_ARR, "arr"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_HEALTH, "health"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_TREND, "trend"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_RENEWAL, "renewal"),
  G_DEFINE_ENUM_VALUE (TEND_ACCOUNT_SORT_STATUS, "status"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_BAND,
  PROP_OWNER_ID,
  PROP_SEGMENT,
  PROP_STATUS,
  PROP_SORT_KEY,
  PROP_DESCENDING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
account_list_clear_cache (TendAccountList *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->recent, g_object_unref);
}

static TendAccount *
account_list_lookup_cache (TendAccountList *self,
                           gint64           id)
{
  GList *link = g_hash_table_lookup (self->cache, &id);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->recent, link);
  g_queue_push_head_link (&self->recent, link);

  return link->data;
}

static void
account_list_add_to_cache (TendAccountList *self,
                           TendAccount     *account)
{
  gint64 *key = g_new (gint64, 1);

  if (self->recent.length >= CACHE_SIZE)
    {
      g_autoptr(TendAccount) oldest = g_queue_pop_tail (&self->recent);
      gint64 oldest_id = tend_account_get_id (oldest);

      g_hash_table_remove (self->cache, &oldest_id);
    }

  *key = tend_account_get_id (account);
  g_queue_push_head (&self->recent, g_object_ref (account));
  g_hash_table_insert (self->cache, key, self->recent.head);
}

static GType
tend_account_list_get_item_type (GListModel *model)
{
  return TEND_TYPE_ACCOUNT;
}

static guint
tend_account_list_get_n_items (GListModel *model)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (model);

  return self->n_items;
}

static gboolean account_list_load_past (TendAccountList *self,
                                        guint            position);

static gpointer
tend_account_list_get_item (GListModel *model,
                            guint       position)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (model);
  g_autoptr(GError) error = NULL;
  TendAccount *account;
  gint64 id;

  if (position >= self->n_items)
    return NULL;

  /* Only if the rows changed since the count (another connection's write, whose
   * "changed" is on its way) is the position past the end of the accounts read. */
  if (!account_list_load_past (self, position))
    return tend_account_new ();

  id = g_array_index (self->ids, gint64, position);
  account = account_list_lookup_cache (self, id);
  if (account != NULL)
    return g_object_ref (account);

  account = tend_account_load (self->store, id, &error);
  if (account == NULL)
    {
      /* The row went away since the last reload; the store's "changed" signal is about
       * to reload the list, and a view must get an item for every position meanwhile. */
      g_debug ("Account %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      return tend_account_new ();
    }

  account_list_add_to_cache (self, account);

  return account;
}

static void
tend_account_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tend_account_list_get_item_type;
  iface->get_n_items = tend_account_list_get_n_items;
  iface->get_item = tend_account_list_get_item;
}

static void
escape_like_pattern (GString    *pattern,
                     const char *text)
{
  g_string_append_c (pattern, '%');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
}

static const char *
sort_expression (TendAccountSortKey key)
{
  static const char *const expressions[] = {
    [TEND_ACCOUNT_SORT_NAME] = "a.name COLLATE NOCASE",
    [TEND_ACCOUNT_SORT_OWNER] = "c.name COLLATE NOCASE",
    [TEND_ACCOUNT_SORT_SEGMENT] = "a.segment COLLATE NOCASE",
    /* Amounts in different currencies compare as the numbers people read (¥1,200 above
     * $900.00): no exchange rates are stored to compare their worth. */
    [TEND_ACCOUNT_SORT_ARR] = TEND_SCHEMA_ARR_MAJOR,
    [TEND_ACCOUNT_SORT_HEALTH] = "a.health_score",
    [TEND_ACCOUNT_SORT_TREND] = "a.health_change_30d",
    [TEND_ACCOUNT_SORT_RENEWAL] = "a.renewal_date",
    [TEND_ACCOUNT_SORT_STATUS] = "a.status",
  };

  g_assert (key < G_N_ELEMENTS (expressions));

  return expressions[key];
}

static void
append_order_by (TendAccountList *self,
                 GString         *sql)
{
  const char *direction = self->descending ? "DESC" : "ASC";

  /* No sort key has an index (see migration 8): SQLite reads the table and sorts the rows
   * that pass, a few tens of milliseconds for 100,000 accounts. Empty values go last both
   * ways; ties are broken by id, so the order is stable. */
  g_string_append_printf (sql, " ORDER BY %s %s NULLS LAST, a.id %s",
                          sort_expression (self->sort_key), direction, direction);
}

static void
append_where (TendAccountList *self,
              GString         *sql)
{
  g_string_append (sql, " WHERE 1");

  /* SQLite's LIKE ignores case for ASCII letters only, so "école" does not find "ÉCOLE";
   * folding every row in a custom function would cost the list its speed. */
  if (self->search != NULL)
    g_string_append (sql,
                     " AND (a.name LIKE :search ESCAPE '\\'"
                     " OR a.domain LIKE :search ESCAPE '\\'"
                     " OR a.owner_id IN (SELECT id FROM csms"
                     "                   WHERE name LIKE :search ESCAPE '\\')"
                     " OR a.segment LIKE :search ESCAPE '\\'"
                     " OR a.id IN (SELECT account_id FROM account_sources"
                     "             WHERE external_id LIKE :search ESCAPE '\\'))");

  if (g_strcmp0 (self->band, "unscored") == 0)
    g_string_append (sql, " AND a.health_score IS NULL");
  else if (self->band != NULL)
    g_string_append (sql, " AND a.health_band = :band AND a.health_score IS NOT NULL");

  if (self->owner_id == -1)
    g_string_append (sql, " AND a.owner_id IS NULL");
  else if (self->owner_id > 0)
    g_string_append (sql, " AND a.owner_id = :owner");

  if (g_strcmp0 (self->segment, "") == 0)
    g_string_append (sql, " AND (a.segment IS NULL OR a.segment = '')");
  else if (self->segment != NULL)
    g_string_append (sql, " AND a.segment = :segment");

  if (self->status != NULL)
    g_string_append (sql, " AND a.status = :status");
}

/* The first @limit ids in order, or all of them when @limit is 0. */
static char *
account_list_build_query (TendAccountList *self,
                          guint            limit)
{
  GString *sql = g_string_new ("SELECT a.id FROM accounts a");

  /* The owner's name is only needed to sort by it. */
  if (self->sort_key == TEND_ACCOUNT_SORT_OWNER)
    g_string_append (sql, " LEFT JOIN csms c ON c.id = a.owner_id");

  append_where (self, sql);
  append_order_by (self, sql);
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  return g_string_free (sql, FALSE);
}

static char *
account_list_build_count (TendAccountList *self)
{
  GString *sql = g_string_new ("SELECT count(*) FROM accounts a");

  append_where (self, sql);

  return g_string_free (sql, FALSE);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
account_list_bind (TendAccountList *self,
                   sqlite3_stmt    *stmt)
{
  int owner = sqlite3_bind_parameter_index (stmt, ":owner");

  if (self->search != NULL)
    {
      g_autoptr(GString) pattern = g_string_new (NULL);

      escape_like_pattern (pattern, self->search);
      bind_named_text (stmt, ":search", pattern->str);
    }

  bind_named_text (stmt, ":band", self->band);
  bind_named_text (stmt, ":segment", self->segment);
  bind_named_text (stmt, ":status", self->status);
  if (owner > 0)
    sqlite3_bind_int64 (stmt, owner, self->owner_id);
}

static gboolean
account_list_count (TendAccountList  *self,
                    guint            *count,
                    GError          **error)
{
  g_autofree char *sql = account_list_build_count (self);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;

  account_list_bind (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      tend_store_set_error (self->store, error, rc, _("list the accounts"));
      return FALSE;
    }

  return TRUE;
}

static GArray *
account_list_query_ids (TendAccountList  *self,
                        guint             limit,
                        GError          **error)
{
  g_autofree char *sql = account_list_build_query (self, limit);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                             limit > 0 ? limit : 1024);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return NULL;

  account_list_bind (self, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (self->store, error, rc, _("list the accounts"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean account_list_refresh (TendAccountList  *self,
                                      gboolean          data_changed,
                                      GError          **error);

static gboolean
reload_idle_cb (gpointer user_data)
{
  TendAccountList *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reload_source = 0;
  if (!account_list_refresh (self, TRUE, &error))
    g_warning ("Could not list the accounts again: %s", error->message);

  return G_SOURCE_REMOVE;
}

/* Whether @ids, read now, still begin with the ids read before and come to the count
 * (when they are all of them). Another process (an import from the command line, say)
 * may have changed the accounts without this one's store telling. */
static gboolean
account_list_ids_still_hold (TendAccountList *self,
                             GArray          *ids,
                             guint            limit)
{
  if (ids->len < self->ids->len ||
      memcmp (ids->data, self->ids->data, self->ids->len * sizeof (gint64)) != 0)
    return FALSE;

  return limit > 0 || ids->len == self->n_items;
}

/* Makes sure the id at @position, below the count, has been read. Returns FALSE if the
 * accounts turn out fewer than counted. When the accounts changed under the ids read
 * before, the list is read anew and views are told, before any input is handled: a view
 * must not be told from inside get_item(), and meanwhile the rows it has keep theirs. */
static gboolean
account_list_load_past (TendAccountList *self,
                        guint            position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint limit;

  if (position < self->ids->len)
    return TRUE;

  /* Past a sixteenth of the list, one full sort costs less than more passes. */
  limit = MAX (position + 1, self->ids->len * GROWTH);
  if (limit >= self->n_items / GROWTH)
    limit = 0;

  ids = account_list_query_ids (self, limit, &error);
  if (ids == NULL)
    {
      g_warning ("Could not list the accounts further: %s", error->message);
      return FALSE;
    }

  if (!account_list_ids_still_hold (self, ids, limit) && self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH, reload_idle_cb, self, NULL);

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);

  return position < self->ids->len;
}

/* Counts the accounts and reads the first ids again, and tells views once. @data_changed
 * says whether the accounts themselves may have changed, in which case the objects made
 * so far are stale. */
static gboolean
account_list_refresh (TendAccountList  *self,
                      gboolean          data_changed,
                      GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  guint removed = self->n_items;
  guint count = 0;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  /* A search usually finds fewer accounts than the first screens hold: then the ids are
   * all there are, and counting them would only read the table a second time. */
  if (self->store != NULL)
    {
      ids = account_list_query_ids (self, FIRST_IDS, error);
      if (ids == NULL)
        return FALSE;

      count = ids->len;
      if (ids->len == FIRST_IDS && !account_list_count (self, &count, error))
        return FALSE;
    }
  else
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (data_changed)
    account_list_clear_cache (self);

  /* The old rows go, then the new ones come, in two changes rather than one: given a
   * change that removes and adds rows at once, GTK's selection and list view look for the
   * row they held among every row added, and so load each of 100,000 accounts. */
  if (removed > 0)
    {
      g_array_set_size (self->ids, 0);
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  self->n_items = MAX (count, self->ids->len);

  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  if (removed != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

/* A filter or sort changed: the accounts did not, so the cached objects stay good. */
static void
account_list_refilter (TendAccountList *self)
{
  g_autoptr(GError) error = NULL;

  if (!account_list_refresh (self, FALSE, &error))
    g_warning ("Could not filter the accounts: %s", error->message);
}

static void
store_changed_cb (TendAccountList *self,
                  const char      *what,
                  TendStore       *store)
{
  g_autoptr(GError) error = NULL;

  if (!account_list_refresh (self, TRUE, &error))
    g_warning ("Could not reload the accounts after a change: %s", error->message);
}

static void
account_list_set_store (TendAccountList *self,
                        TendStore       *store)
{
  static const char *const details[] = { "changed::accounts", "changed::scores",
                                         "changed::csms" };

  g_assert (self->store == NULL);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    g_signal_connect_object (store, details[i], G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
tend_account_list_constructed (GObject *object)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (object);

  G_OBJECT_CLASS (tend_account_list_parent_class)->constructed (object);

  account_list_refilter (self);
}

static void
tend_account_list_dispose (GObject *object)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  account_list_clear_cache (self);

  G_OBJECT_CLASS (tend_account_list_parent_class)->dispose (object);
}

static void
tend_account_list_finalize (GObject *object)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->band, g_free);
  g_clear_pointer (&self->segment, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (tend_account_list_parent_class)->finalize (object);
}

static void
tend_account_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_BAND:
      g_value_set_string (value, self->band);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_SEGMENT:
      g_value_set_string (value, self->segment);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_SORT_KEY:
      g_value_set_enum (value, self->sort_key);
      break;

    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TendAccountList *self = TEND_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      account_list_set_store (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      tend_account_list_set_search (self, g_value_get_string (value));
      break;

    case PROP_BAND:
      tend_account_list_set_band (self, g_value_get_string (value));
      break;

    case PROP_OWNER_ID:
      tend_account_list_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_SEGMENT:
      tend_account_list_set_segment (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      tend_account_list_set_status (self, g_value_get_string (value));
      break;

    case PROP_SORT_KEY:
      tend_account_list_set_sort (self, g_value_get_enum (value), self->descending);
      break;

    case PROP_DESCENDING:
      tend_account_list_set_sort (self, self->sort_key, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
filter_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static void
tend_account_list_class_init (TendAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = tend_account_list_constructed;
  object_class->dispose = tend_account_list_dispose;
  object_class->finalize = tend_account_list_finalize;
  object_class->get_property = tend_account_list_get_property;
  object_class->set_property = tend_account_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = filter_property ("search");
  properties[PROP_BAND] = filter_property ("band");
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, -1, G_MAXINT64, 0, flags);
  properties[PROP_SEGMENT] = filter_property ("segment");
  properties[PROP_STATUS] = filter_property ("status");
  properties[PROP_SORT_KEY] =
    g_param_spec_enum ("sort-key", NULL, NULL, TEND_TYPE_ACCOUNT_SORT_KEY,
                       TEND_ACCOUNT_SORT_NAME, flags);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_account_list_init (TendAccountList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->recent);
}

/**
 * tend_account_list_new:
 * @store: (nullable): the workspace; without one the list stays empty
 *
 * Returns: (transfer full): every account of @store, sorted by name, reloaded whenever
 *   the store announces a change to accounts, scores or CSMs
 */
TendAccountList *
tend_account_list_new (TendStore *store)
{
  g_return_val_if_fail (store == NULL || TEND_IS_STORE (store), NULL);

  return g_object_new (TEND_TYPE_ACCOUNT_LIST, "store", store, NULL);
}

TendStore *
tend_account_list_get_store (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), NULL);

  return self->store;
}

/* Sets a text filter, blank meaning none, and filters again if it changed. */
static void
account_list_set_filter (TendAccountList *self,
                         guint            prop_id,
                         char           **field,
                         const char      *value)
{
  /* An empty segment is a filter of its own: the accounts without one. */
  if (value != NULL && *value == '\0' && prop_id != PROP_SEGMENT)
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  account_list_refilter (self);
}

/**
 * tend_account_list_set_search:
 * @text: (nullable): words to find in the name, domain, owner, segment or an external
 *   id of an account, ignoring case; blank for every account
 */
void
tend_account_list_set_search (TendAccountList *self,
                              const char      *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));

  if (text != NULL)
    stripped = g_strstrip (g_strdup (text));

  account_list_set_filter (self, PROP_SEARCH, &self->search, stripped);
}

const char *
tend_account_list_get_search (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), NULL);

  return self->search;
}

void
tend_account_list_set_band (TendAccountList *self,
                            const char      *band)
{
  static const char *const bands[] = { "red", "yellow", "green", "unscored", NULL };

  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));
  g_return_if_fail (band == NULL || *band == '\0' || g_strv_contains (bands, band));

  account_list_set_filter (self, PROP_BAND, &self->band, band);
}

const char *
tend_account_list_get_band (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), NULL);

  return self->band;
}

void
tend_account_list_set_owner_id (TendAccountList *self,
                                gint64           owner_id)
{
  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));
  g_return_if_fail (owner_id >= -1);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);

  account_list_refilter (self);
}

gint64
tend_account_list_get_owner_id (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), 0);

  return self->owner_id;
}

/**
 * tend_account_list_set_segment:
 * @segment: (nullable): the exact segment to show, "" for the accounts without one, or
 *   %NULL for every segment
 */
void
tend_account_list_set_segment (TendAccountList *self,
                               const char      *segment)
{
  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));

  account_list_set_filter (self, PROP_SEGMENT, &self->segment, segment);
}

const char *
tend_account_list_get_segment (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), NULL);

  return self->segment;
}

void
tend_account_list_set_status (TendAccountList *self,
                              const char      *status)
{
  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));

  account_list_set_filter (self, PROP_STATUS, &self->status, status);
}

const char *
tend_account_list_get_status (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), NULL);

  return self->status;
}

/**
 * tend_account_list_set_sort:
 *
 * Sorts by @key; accounts with no value for it (no owner, no score, ...) come last in
 * either direction. Changing both the key and the direction reloads once.
 */
void
tend_account_list_set_sort (TendAccountList    *self,
                            TendAccountSortKey  key,
                            gboolean            descending)
{
  GObject *object = G_OBJECT (self);

  g_return_if_fail (TEND_IS_ACCOUNT_LIST (self));
  g_return_if_fail (key <= TEND_ACCOUNT_SORT_STATUS);

  descending = !!descending;
  if (self->sort_key == key && self->descending == descending)
    return;

  g_object_freeze_notify (object);
  if (self->sort_key != key)
    {
      self->sort_key = key;
      g_object_notify_by_pspec (object, properties[PROP_SORT_KEY]);
    }
  if (self->descending != descending)
    {
      self->descending = descending;
      g_object_notify_by_pspec (object, properties[PROP_DESCENDING]);
    }
  g_object_thaw_notify (object);

  account_list_refilter (self);
}

TendAccountSortKey
tend_account_list_get_sort_key (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), TEND_ACCOUNT_SORT_NAME);

  return self->sort_key;
}

gboolean
tend_account_list_get_descending (TendAccountList *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), FALSE);

  return self->descending;
}

/**
 * tend_account_list_get_id:
 *
 * Returns: the id of the account at @position without loading it, or 0 past the end
 */
gint64
tend_account_list_get_id (TendAccountList *self,
                          guint            position)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), 0);

  if (position >= self->n_items || !account_list_load_past (self, position))
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/**
 * tend_account_list_find:
 *
 * Returns: the position of the account with @id, or %G_MAXUINT when the filters hide it
 */
guint
tend_account_list_find (TendAccountList *self,
                        gint64           id)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), G_MAXUINT);

  /* Those there are, even if fewer than counted. */
  if (self->n_items > 0)
    account_list_load_past (self, self->n_items - 1);

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        return i;
    }

  return G_MAXUINT;
}

/**
 * tend_account_list_reload:
 *
 * Reads the list again, dropping every account object made so far. The list does this
 * itself when the store announces a change; call it after writing to the database in a
 * way that does not announce one.
 */
gboolean
tend_account_list_reload (TendAccountList  *self,
                          GError          **error)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_LIST (self), FALSE);

  return account_list_refresh (self, TRUE, error);
}

/**
 * tend_account_list_dup_segments:
 *
 * Returns: (transfer full): the distinct segments of the accounts in @store, sorted
 *   without regard to case, for a filter's choices; empty if they cannot be read
 */
GStrv
tend_account_list_dup_segments (TendStore *store)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  stmt = tend_store_prepare (store,
                             "SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL"
                             " AND segment != '' ORDER BY segment COLLATE NOCASE, segment",
                             &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list the segments: %s", error->message);
      return g_strv_builder_end (builder);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    g_warning ("Could not list the segments: %s",
               sqlite3_errmsg (tend_store_get_db (store)));

  return g_strv_builder_end (builder);
}
