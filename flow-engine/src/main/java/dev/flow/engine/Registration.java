package dev.flow.engine;

/**
 * A domain's or a type's registration status, as SWF names it; stored by name in {@code
 * domains.status} and {@code types.status}.
 */
enum Registration {
  REGISTERED,
  DEPRECATED;

  static Registration of(String stored) {
    return valueOf(stored);
  }
}
