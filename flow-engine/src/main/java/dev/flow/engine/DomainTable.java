package dev.flow.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ResourceTag;

/** The {@code domains} and {@code domain_tags} tables. */
final class DomainTable {
  /** A domain's row. */
  record DomainRow(String name, Registration status, String description, String retentionDays) {}

  private final Store store;

  DomainTable(Store store) {
    this.store = store;
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
    String status = store.queryString("SELECT status FROM domains WHERE name = ?", name);
    return status == null ? null : Registration.of(status);
  }

  /** The domain's retention period in days ("NONE" or a number), or null. */
  String retentionDays(String name) {
    return store.queryString("SELECT retention FROM domains WHERE name = ?", name);
  }

  void insert(String name, String description, String retentionDays, long createdMs) {
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
