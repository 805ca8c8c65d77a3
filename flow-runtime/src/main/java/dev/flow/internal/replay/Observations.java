package dev.flow.internal.replay;

import dev.flow.Promise;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
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
  private final IdentityHashMap<Promise<?>, String> origins;

  /** The results the code observed in its latest run of observations, as origins. */
  private LinkedHashSet<String> seen = new LinkedHashSet<>();

  /**
   * The trace of a call without deps issued now, outside a delivery: one for every call issued with
   * the same {@link #seen} (a wave of calls after a join); null when {@code seen} changed since.
   */
  private Control.Trace afterSeen;

  /** How many entries of {@link #seen} traces read, in all: what the traces cost, for tests. */
  private long entriesRead;

  /** Whether the code issued a call since it last observed a result. */
  private boolean issuedSinceSeen;

  /** The origin of the result being delivered (its callbacks run now); null between events. */
  private String delivering;

  /** The origins of the results delivered since the horizon last moved. */
  private final ArrayList<String> released = new ArrayList<>();

  /** More than 0 while the decider reads promises itself: no observation of the code. */
  private int internalReads;

  /** Observations with room for the origins of {@code expectedPromises} promises. */
  Observations(int expectedPromises) {
    this.origins = new IdentityHashMap<>(expectedPromises);
  }

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
      if (seen.size() > 16) {
        seen = new LinkedHashSet<>(); // clear() would cost the capacity it grew to, each time
      } else {
        seen.clear();
      }
      afterSeen = null;
      issuedSinceSeen = false;
    }
    if (seen.add(origin)) {
      afterSeen = null;
    }
  }

  /** The horizon moved: what is delivered from now on ends the waits of the code. */
  void stepMoved() {
    released.clear();
  }

  /**
   * What a call issued now depended on: {@code deps}, and the results observed before it; issued
   * from a callback, the result whose delivery runs it. A call of the code's own ends its run of
   * observations. Reads at most {@link Control#MAX_AFTER} entries of what was observed, plus one
   * per dep; calls without deps issued one after another share one trace.
   */
  Control.Trace trace(List<String> deps) {
    if (delivering != null) {
      return deps.isEmpty()
          ? new Control.Trace(List.of(), List.of(delivering), 0)
          : new Control.Trace(
              List.copyOf(deps), deps.contains(delivering) ? List.of() : List.of(delivering), 0);
    }
    issuedSinceSeen = true;
    if (!deps.isEmpty()) {
      return after(List.copyOf(deps));
    }
    if (afterSeen == null) {
      afterSeen = after(List.of());
    }
    return afterSeen;
  }

  /** The trace of {@code deps} and what {@link #seen} holds besides them. */
  private Control.Trace after(List<String> deps) {
    if (seen.isEmpty()) {
      return deps.isEmpty() ? Control.Trace.NONE : new Control.Trace(deps, List.of(), 0);
    }
    int inDeps = 0;
    for (int i = 0; i < deps.size(); i++) {
      String dep = deps.get(i);
      if (deps.indexOf(dep) == i && seen.contains(dep)) {
        inDeps++;
      }
    }
    int total = seen.size() - inDeps;
    int n = Math.min(total, Control.MAX_AFTER);
    List<String> after = new ArrayList<>(n);
    for (Iterator<String> it = seen.iterator(); after.size() < n; ) {
      String origin = it.next();
      entriesRead++;
      if (!deps.contains(origin)) {
        after.add(origin);
      }
    }
    return new Control.Trace(deps, List.copyOf(after), total - n);
  }

  /** How many entries of what the code observed the traces read so far. */
  long entriesRead() {
    return entriesRead;
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
