package dev.flow.engine;

/** The store's tables, each owning its SQL. */
record Tables(
    RunTable runs,
    EventTable events,
    ActivityTable activities,
    TimerTable timers,
    DeadlineTable deadlines,
    DomainTable domains,
    TypeTable types,
    MetaTable meta) {
  static Tables of(Store store) {
    return new Tables(
        new RunTable(store),
        new EventTable(store),
        new ActivityTable(store),
        new TimerTable(store),
        new DeadlineTable(store),
        new DomainTable(store),
        new TypeTable(store),
        new MetaTable(store));
  }
}
