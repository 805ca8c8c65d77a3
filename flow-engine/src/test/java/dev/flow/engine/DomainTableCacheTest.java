package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DomainTable} keeps committed statuses in memory, and never serves one the open transaction
 * changed or that was rolled back.
 */
class DomainTableCacheTest {
  private final Store store = Store.open(null);
  private final DomainTable domains = new DomainTable(store);

  @AfterEach
  void close() {
    store.close();
  }

  private void registered() {
    store.begin();
    domains.insert("d", "", "1", 0);
    assertThat(domains.knownToExist("d")).isFalse(); // not committed
    assertThat(domains.status("d")).isEqualTo(Registration.REGISTERED);
    store.commit();
  }

  @Test
  void status_afterCommit_isServedFromMemory() {
    assertThat(domains.status("d")).isNull();
    assertThat(domains.knownToExist("d")).isFalse();
    registered();
    assertThat(domains.status("d")).isEqualTo(Registration.REGISTERED);
    assertThat(domains.knownToExist("d")).isTrue();
    store.update("UPDATE domains SET status = 'DEPRECATED' WHERE name = 'd'"); // behind its back
    assertThat(domains.status("d")).isEqualTo(Registration.REGISTERED);
  }

  @Test
  void status_changedInTheOpenTransaction_isReadFromSqlite_andAfterItsRollbackTheCommittedOne() {
    registered();
    assertThat(domains.status("d")).isEqualTo(Registration.REGISTERED);
    store.begin();
    domains.setStatus("d", Registration.DEPRECATED);
    assertThat(domains.knownToExist("d")).isFalse();
    assertThat(domains.status("d")).isEqualTo(Registration.DEPRECATED);
    store.rollback();
    assertThat(domains.status("d")).isEqualTo(Registration.REGISTERED);
    store.begin();
    domains.setStatus("d", Registration.DEPRECATED);
    store.commit();
    assertThat(domains.status("d")).isEqualTo(Registration.DEPRECATED);
    assertThat(domains.knownToExist("d")).isTrue();
  }
}
