package dev.flow.internal.replay;

import dev.flow.Promise;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the code depended on when it issued each call, for the {@code control} record ({@link
 * Control}, {@code docs/history-format.md}): where each promise of a call or timer gets its value
 * ({@code KIND:ID}), which results the code read since its previous call, and which result is being
 * delivered while its callbacks run. Replay never reads it back.
 */
final class Observations {
  /** Where each promise of a call or timer gets its value: {@code KIND:ID}. */
  private final IdentityHashMap<Promise<?>, String> origins = new IdentityHashMap<>();

  /** The results the code observed in its latest run of observations, as origins. */
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  /** Whether the code issued a call since it last observed a result. */
  private boolean issuedSinceSeen;

  /** The origin of the result being delivered (its callbacks run now); null between events. */
  private String delivering;

  /** The origins of the results delivered since the horizon last moved. */
  private final ArrayList<String> released = new ArrayList<>();

  /** More than 0 while the decider reads promises itself: no observation of the code. */
  private int internalReads;

  /** {@code promise} gets its value from {@code origin} ({@code KIND:ID}). */
  void origin(Promise<?> promise, String origin) {
    origins.put(promise, origin);
  }

  /** Where {@code promise} gets its value, or null when it is no call's or timer's. */
  String originOf(Promise<?> promise) {
    return origins.get(promise);
  }

  /**
   * The code read {@code promise}: the result of the call or timer behind it; or, for another
   * promise it had to wait for, the results whose delivery ended the wait.
   */
  void observe(Promise<?> promise, boolean waited) {
    if (internalReads > 0) {
      return;
    }
    String origin = origins.get(promise);
    if (origin != null) {
      see(origin);
    } else if (waited) {
      observeReleased();
    }
  }

  /** The code saw the results delivered since the horizon last moved (its wait ended). */
  void observeReleased() {
    for (int i = 0; i < released.size(); i++) {
      see(released.get(i));
    }
  }

  private void see(String origin) {
    if (issuedSinceSeen) {
      seen.clear();
      issuedSinceSeen = false;
    }
    seen.add(origin);
  }

  /** The horizon moved: what is delivered from now on ends the waits of the code. */
  void stepMoved() {
    released.clear();
  }

  /**
   * What a call issued now depended on: {@code deps}, and the results observed before it; issued
   * from a callback, the result whose delivery runs it. A call of the code's own ends its run of
   * observations.
   */
  Control.Trace trace(List<String> deps) {
    List<String> after;
    if (delivering != null) {
      after = deps.contains(delivering) ? List.of() : List.of(delivering);
    } else {
      issuedSinceSeen = true;
      if (seen.isEmpty()) {
        after = List.of();
      } else {
        after = new ArrayList<>(seen);
        after.removeAll(deps);
      }
    }
    if (deps.isEmpty() && after.isEmpty()) {
      return Control.Trace.NONE;
    }
    return new Control.Trace(List.copyOf(deps), List.copyOf(after));
  }

  /** Runs {@code deliver}, the callbacks of the result of {@code origin}, delivered now. */
  void delivering(String origin, Runnable deliver) {
    released.add(origin);
    String outer = delivering;
    delivering = origin;
    try {
      deliver.run();
    } finally {
      delivering = outer;
    }
  }

  /** The decider reads a promise itself, not the code: no observation until {@link #endRead}. */
  void beginRead() {
    internalReads++;
  }

  void endRead() {
    internalReads--;
  }
}
