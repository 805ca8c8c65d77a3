package dev.flow.engine;

import java.util.Base64;

/**
 * The {@code meta} table: the schema version, the key task tokens are signed with, skipped time.
 */
final class MetaTable {
  private final Store store;

  MetaTable(Store store) {
    this.store = store;
  }

  /** The key task tokens are signed with, drawn when the store was created ({@link Tokens}). */
  byte[] tokenKey() {
    return Base64.getDecoder()
        .decode(store.queryString("SELECT value FROM meta WHERE key = 'token_key'"));
  }

  /** The time a time-skipping engine skipped so far, in milliseconds (0 if none). */
  long skippedMillis() {
    return store.queryLong("SELECT value FROM meta WHERE key = 'skipped_ms'", 0);
  }

  void putSkippedMillis(long skipped) {
    store.update(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('skipped_ms', ?)",
        Long.toString(skipped));
  }
}
