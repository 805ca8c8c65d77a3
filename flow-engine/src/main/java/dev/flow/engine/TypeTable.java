package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;

/**
 * The {@code types} table: registered workflow and activity types with their defaults (stored as
 * the SWF JSON of their configuration). Rows read are kept in memory, parsed, since every scheduled
 * activity and started run reads its type; any write, and any rollback, empties that cache.
 */
final class TypeTable {
  /** A registered type: its status, description, dates and registered defaults. */
  record TypeRow(
      String name,
      String version,
      Registration status,
      String description,
      long createdMs,
      Long deprecatedMs,
      Object config) {
    WorkflowTypeConfiguration workflowConfig() {
      return (WorkflowTypeConfiguration) config;
    }

    ActivityTypeConfiguration activityConfig() {
      return (ActivityTypeConfiguration) config;
    }
  }

  private static final String COLUMNS =
      "name, version, status, description, created_ms, deprecated_ms, config";

  private final Store store;
  private final Map<String, TypeRow> cache = new HashMap<>();

  TypeTable(Store store) {
    this.store = store;
    store.onRollback(cache::clear);
  }

  /** The type, or null if it is not registered. */
  TypeRow get(String domain, TypeKind kind, String name, String version) {
    String key = domain + '\u0000' + kind.stored + '\u0000' + name + '\u0000' + version;
    TypeRow row = cache.get(key);
    if (row != null) {
      return row;
    }
    try (ResultSet rs =
        store.query(
            "SELECT "
                + COLUMNS
                + " FROM types WHERE domain = ? AND kind = ? AND name = ? AND version = ?",
            domain,
            kind.stored,
            name,
            version)) {
      if (!rs.next()) {
        return null;
      }
      row = read(rs, kind);
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    cache.put(key, row);
    return row;
  }

  void insert(
      String domain,
      TypeKind kind,
      String name,
      String version,
      String description,
      long createdMs,
      String configJson) {
    cache.clear();
    store.update(
        "INSERT INTO types (domain, kind, name, version, status, description, created_ms,"
            + " config) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        domain,
        kind.stored,
        name,
        version,
        Registration.REGISTERED.name(),
        description,
        createdMs,
        configJson);
  }

  /** Deprecates ({@code deprecatedMs} set) or undeprecates (null) a type. */
  void setStatus(
      String domain,
      TypeKind kind,
      String name,
      String version,
      Registration status,
      Long deprecatedMs) {
    cache.clear();
    store.update(
        "UPDATE types SET status = ?, deprecated_ms = ? WHERE domain = ? AND kind = ? AND"
            + " name = ? AND version = ?",
        status.name(),
        deprecatedMs,
        domain,
        kind.stored,
        name,
        version);
  }

  void delete(String domain, TypeKind kind, String name, String version) {
    cache.clear();
    store.update(
        "DELETE FROM types WHERE domain = ? AND kind = ? AND name = ? AND version = ?",
        domain,
        kind.stored,
        name,
        version);
  }

  /**
   * A page of the domain's types of {@code kind} and {@code status} (of one name, if not null), by
   * name then version: at most {@code max}, plus one if there are more.
   */
  List<TypeRow> list(
      String domain,
      TypeKind kind,
      String name,
      Registration status,
      boolean descending,
      int max,
      long offset) {
    String order = descending ? "DESC" : "ASC";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM types WHERE domain = ? AND kind = ? AND status = ?"
            + (name == null ? "" : " AND name = ?")
            + " ORDER BY name "
            + order
            + ", version "
            + order
            + " LIMIT ? OFFSET ?";
    Object[] args =
        name == null
            ? new Object[] {domain, kind.stored, status.name(), max + 1, offset}
            : new Object[] {domain, kind.stored, status.name(), name, max + 1, offset};
    List<TypeRow> rows = new ArrayList<>();
    try (ResultSet rs = store.query(sql, args)) {
      while (rs.next()) {
        rows.add(read(rs, kind));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return rows;
  }

  private static TypeRow read(ResultSet rs, TypeKind kind) throws SQLException {
    String config = rs.getString(7);
    return new TypeRow(
        rs.getString(1),
        rs.getString(2),
        Registration.of(rs.getString(3)),
        rs.getString(4),
        rs.getLong(5),
        Store.nullableLong(rs, 6),
        kind == TypeKind.WORKFLOW
            ? SwfJson.fromText(config, WorkflowTypeConfiguration::builder)
            : SwfJson.fromText(config, ActivityTypeConfiguration::builder));
  }
}
