package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.swf.model.ResourceTag;

/**
 * The {@code domains} and {@code domain_tags} tables. The committed status of the domains read is
 * kept in memory (every poll checks its domain): a domain the open transaction wrote is read from
 * SQLite until that transaction ends, and its status read again after.
 */
final class DomainTable {
  /** A domain's row. */
  record DomainRow(String name, Registration status, String description, String retentionDays) {}

  private final Store store;

  /** Committed statuses by domain (domains are never deleted). */
  private final Map<String, Registration> committed = new HashMap<>();

  /** The domains the open transaction wrote (or the last one, if it was rolled back). */
  private final Set<String> written = new HashSet<>();

  DomainTable(Store store) {
    this.store = store;
    store.onCommit(this::committed);
  }

  /** The open transaction committed: the statuses it wrote are read again when needed. */
  private void committed() {
    committed.keySet().removeAll(written);
    written.clear();
  }

  /**
   * Whether {@code name} is known, without a query, to be a registered domain (deprecated or not)
   * with no change in the open transaction: then its status needs no transaction to check.
   */
  boolean knownToExist(String name) {
    return !written.contains(name) && committed.containsKey(name);
  }

  /** The domain {@code name}, or null. */
  DomainRow byName(String name) {
    try (ResultSet rs =
        store.query(
            "SELECT name, status, description, retention FROM domains WHERE name = ?", name)) {
      return rs.next() ? read(rs) : null;
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  /** The domain's status, or null if there is no such domain. */
  Registration status(String name) {
    boolean unchanged = !written.contains(name);
    Registration known = unchanged ? committed.get(name) : null;
    if (known != null) {
      return known;
    }
    String stored = store.queryString("SELECT status FROM domains WHERE name = ?", name);
    Registration status = stored == null ? null : Registration.of(stored);
    if (status != null && unchanged) {
      committed.put(name, status); // what SQLite holds of a domain nobody wrote since the commit
    }
    return status;
  }

  /** The domain's retention period in days ("NONE" or a number), or null. */
  String retentionDays(String name) {
    return store.queryString("SELECT retention FROM domains WHERE name = ?", name);
  }

  void insert(String name, String description, String retentionDays, long createdMs) {
    written.add(name);
    store.update(
        "INSERT INTO domains (name, status, description, retention, created_ms) VALUES (?, ?, ?,"
            + " ?, ?)",
        name,
        Registration.REGISTERED.name(),
        description,
        retentionDays,
        createdMs);
  }

  void setStatus(String name, Registration status) {
    written.add(name);
    store.update("UPDATE domains SET status = ? WHERE name = ?", status.name(), name);
  }

  /** A page of the domains of {@code status} by name: at most {@code max}, plus one if more. */
  List<DomainRow> list(Registration status, boolean descending, int max, long offset) {
    List<DomainRow> rows = new ArrayList<>();
    try (ResultSet rs =
        store.query(
            "SELECT name, status, description, retention FROM domains WHERE status = ? ORDER BY"
                + " name "
                + (descending ? "DESC" : "ASC")
                + " LIMIT ? OFFSET ?",
            status.name(),
            max + 1,
            offset)) {
      while (rs.next()) {
        rows.add(read(rs));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return rows;
  }

  // ---------------------------------------------------------------- tags

  void putTag(String domain, String key, String value) {
    store.update(
        "INSERT OR REPLACE INTO domain_tags (domain, key, value) VALUES (?, ?, ?)",
        domain,
        key,
        value);
  }

  void deleteTag(String domain, String key) {
    store.update("DELETE FROM domain_tags WHERE domain = ? AND key = ?", domain, key);
  }

  long countTags(String domain) {
    return store.queryLong("SELECT COUNT(*) FROM domain_tags WHERE domain = ?", 0, domain);
  }

  /** The domain's tags by key. */
  List<ResourceTag> tags(String domain) {
    List<ResourceTag> tags = new ArrayList<>();
    try (ResultSet rs =
        store.query("SELECT key, value FROM domain_tags WHERE domain = ? ORDER BY key", domain)) {
      while (rs.next()) {
        tags.add(ResourceTag.builder().key(rs.getString(1)).value(rs.getString(2)).build());
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return tags;
  }

  private static DomainRow read(ResultSet rs) throws SQLException {
    return new DomainRow(
        rs.getString(1), Registration.of(rs.getString(2)), rs.getString(3), rs.getString(4));
  }
}
