package dev.flow.engine;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions under the engine lock, all or nothing, sharing one SQLite transaction among the
 * actions that arrive together (docs/group-commit.md).
 *
 * <p>Each action runs in a savepoint of its own. An action that fails is rolled back to its
 * savepoint and answered with its failure; the others of its group keep their writes (if SQLite
 * lost the whole transaction, as it may after an I/O error, the others run again in a new one). An
 * action that succeeded waits, releasing the lock, while other threads are queued for the lock to
 * join its group (at most {@link #MAX_GROUP} actions, at most {@link #groupWaitNanos} after the
 * group opened); then whoever comes last commits, and every caller of the group is answered only
 * after that commit (a failed commit fails them all, and keeps nothing). What an action wakes
 * ({@link Tx#afterAction}) runs when the action succeeds, so a poller woken by it starts its task
 * in the same group; what must wait for the commit ({@link Tx#afterCommit}) runs after it. An
 * action that read and wrote nothing, in a group without writes, needs no commit and returns at
 * once.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** At most this many actions share one transaction. */
  static final int MAX_GROUP = 64;

  /** How long a group waits for more actions at most, from when it opened. */
  static final long GROUP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final ReentrantLock lock;
  private final Store store;
  private final Tables tables;
  private final InstantSource clock;
  private final EventLog events;
  private final Consumer<Tx> endOfAction;
  private final Engine engine;

  /** {@link #GROUP_WAIT_NANOS}; tests raise it so that what joins a group does not race a clock. */
  long groupWaitNanos = GROUP_WAIT_NANOS;

  /** How many groups with writes were committed (each one SQLite transaction). */
  private long commits;

  /** The group whose transaction is open and not yet committed, or null (under the lock). */
  private Group group;

  /** Signalled when a group committed or failed. */
  private final Condition groupDone;

  /** The transaction of the action running now, or null. */
  private Tx current;

  /**
   * @param endOfAction what every action does last, inside its savepoint (saving the runs it
   *     touched)
   */
  GroupCommit(
      Engine engine,
      Store store,
      Tables tables,
      InstantSource clock,
      EventLog events,
      Consumer<Tx> endOfAction) {
    this.engine = engine;
    this.lock = engine.lock;
    this.store = store;
    this.tables = tables;
    this.clock = clock;
    this.events = events;
    this.endOfAction = endOfAction;
    this.groupDone = lock.newCondition();
  }

  /** Actions sharing one transaction. */
  private static final class Group {
    /** The actions that wrote in it, in order, each to be answered after the commit. */
    final List<Member<?>> members = new ArrayList<>();

    /** Actions that only read, but may have seen the writes of the group: they wait too. */
    int readers;

    final long openedNanos = System.nanoTime();
    boolean done;

    /** Why the group's writes were not kept, if they were not. */
    Store.StoreException lost;

    /** Events its members appended (for the metrics of its commit). */
    int events;
  }

  /** One action of a group: what to run again if the transaction is lost, and its outcome. */
  private static final class Member<T> {
    final Function<Tx, T> action;
    T result;
    RuntimeException failure;
    boolean wrote;
    List<Runnable> afterCommit = List.of();

    Member(Function<Tx, T> action) {
      this.action = action;
    }
  }

  /** See {@link Engine#tx}. */
  <T> T tx(Function<Tx, T> action) {
    lock.lock();
    try {
      if (engine.isClosed()) {
        throw SwfFaults.internal("The engine is closed", null);
      }
      if (current != null) {
        throw new IllegalStateException(
            "a transaction is already open on this thread: transactions do not nest; pass the Tx"
                + " to the code that needs it");
      }
      if (group == null) {
        beginGroup();
      }
      Group g = group;
      Member<T> m = new Member<>(action);
      run(m);
      if (m.wrote || store.wrote()) {
        if (!m.wrote) {
          g.readers++;
        }
        awaitCommit(g);
        if (!m.wrote && g.lost != null) {
          throw fault(g.lost); // what it read was not kept
        }
      } // else read only, and no write of another action seen: nothing to wait for
      if (m.failure != null) {
        throw m.failure;
      }
      return m.result;
    } finally {
      unlock();
    }
  }

  /** Whether an action is running now (under the lock). */
  boolean inAction() {
    return current != null;
  }

  /** Whether a group's transaction is open, committed or not yet. */
  boolean groupOpen() {
    return group != null;
  }

  /** How many groups with writes were committed so far (SQLite transactions that wrote). */
  long commits() {
    lock.lock();
    try {
      return commits;
    } finally {
      lock.unlock();
    }
  }

  private void beginGroup() {
    try {
      store.begin();
    } catch (Store.StoreException e) {
      throw storeFault(e);
    }
    group = new Group();
  }

  /**
   * Runs {@code m}'s action in a savepoint of the open group: on success, keeps its writes in the
   * group (a member if it wrote) and wakes what it woke; on failure, undoes its writes only
   * (running the group's others again if SQLite lost the transaction) and throws its failure.
   */
  private <T> void run(Member<T> m) {
    Group g = group;
    // The first action that writes in a group needs no savepoint: undoing it is undoing the
    // transaction.
    boolean alone = g.members.isEmpty();
    long writesBefore = store.writes();
    Tx tx = new Tx(tables, clock.millis());
    current = tx;
    try {
      if (!alone) {
        store.savepoint();
      }
      T result = m.action.apply(tx);
      endOfAction.accept(tx);
      if (!alone) {
        store.release();
      }
      current = null;
      m.result = result;
      m.failure = null;
      m.afterCommit = tx.afterCommit.isEmpty() ? List.of() : tx.afterCommit;
      m.wrote = store.writes() != writesBefore;
      if (m.wrote) {
        g.members.add(m);
        g.events += tx.events;
      }
      for (Runnable r : tx.afterAction) {
        r.run();
      }
    } catch (Store.StoreException e) {
      current = null;
      undo(g, alone, e);
      throw storeFault(e);
    } catch (RuntimeException | Error e) {
      current = null;
      undo(g, alone, e);
      throw e;
    }
  }

  /** Undoes the failed action's writes; if that lost the group's transaction, reruns the others. */
  private void undo(Group g, boolean alone, Throwable cause) {
    if (alone) {
      // Nothing else in the transaction: end it, and the group with it.
      rollback(cause);
      endGroup(g);
      return;
    }
    boolean kept;
    try {
      kept = store.rollbackToSavepoint();
    } catch (RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
      kept = false;
    }
    if (kept) {
      return;
    }
    List<Member<?>> again = new ArrayList<>(g.members);
    g.members.clear();
    g.events = 0;
    events.groupEnded();
    group = null;
    try {
      store.begin();
    } catch (Store.StoreException e) {
      fail(g, again, e);
      return;
    }
    group = g;
    for (Member<?> other : again) {
      if (g.done) { // the store failed again: nothing of the group was kept
        other.failure = fault(g.lost);
        continue;
      }
      try {
        run(other);
      } catch (RuntimeException | Error e) {
        other.failure = e instanceof RuntimeException re ? re : new RuntimeException(e);
      }
    }
  }

  /** Marks the group done and no longer open, and wakes its waiting callers. */
  private void endGroup(Group g) {
    g.done = true;
    if (group == g) {
      group = null;
    }
    events.groupEnded();
    groupDone.signalAll();
  }

  /** Fails every action of the group (their writes were not kept) and ends it. */
  private void fail(Group g, List<Member<?>> members, Store.StoreException e) {
    LOG.warn("Actions rolled back: {}", e.getMessage(), e);
    for (Member<?> m : members) {
      m.failure = fault(e);
    }
    g.lost = e;
    endGroup(g);
  }

  /**
   * Waits until {@code g} is committed, committing it here when nobody is queued to join it, when
   * it is full or when it waited long enough.
   */
  private void awaitCommit(Group g) {
    boolean interrupted = false;
    while (!g.done) {
      if (group == g
          && (!lock.hasQueuedThreads()
              || g.members.size() + g.readers >= MAX_GROUP
              || System.nanoTime() - g.openedNanos >= groupWaitNanos)) {
        commitGroup();
        break;
      }
      try {
        groupDone.awaitNanos(groupWaitNanos);
      } catch (InterruptedException e) {
        interrupted = true; // the writes may be committed by now: wait for the answer
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits the open group and runs its members' after-commit work; on failure, fails them all. */
  void commitGroup() {
    Group g = group;
    boolean wrote = store.wrote();
    long commitStart = System.nanoTime();
    try {
      store.commit();
    } catch (Store.StoreException e) {
      rollback(e);
      fail(g, g.members, e);
      return;
    }
    group = null;
    events.groupEnded();
    if (wrote) {
      commits++;
    }
    if (g.events > 0) {
      engine.metrics.committed(System.nanoTime() - commitStart, g.events);
    }
    g.done = true;
    for (Member<?> m : g.members) {
      for (Runnable r : m.afterCommit) {
        r.run();
      }
    }
    groupDone.signalAll();
  }

  /**
   * Releases the lock; the last holder with nobody queued behind it commits the open group (its
   * actions are waiting for that). Use instead of {@code lock.unlock()}.
   */
  void unlock() {
    if (lock.getHoldCount() == 1) {
      commitIfAlone();
    }
    lock.unlock();
  }

  /**
   * Commits the open group if nobody is queued for the lock to join it; call under the lock before
   * waiting on a condition of it.
   */
  void commitIfAlone() {
    if (group != null && current == null && !lock.hasQueuedThreads()) {
      commitGroup();
    }
  }

  private void rollback(Throwable cause) {
    try {
      store.rollback();
    } catch (RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /**
   * The fault for a store failure, in the caller's terms; the store's own words go to the log.
   * Nothing of the action was kept (its writes were rolled back).
   */
  private static RuntimeException storeFault(Store.StoreException e) {
    LOG.warn("Action rolled back: {}", e.getMessage(), e);
    return fault(e);
  }

  private static RuntimeException fault(Store.StoreException e) {
    if (e.cannotWrite) {
      return SwfFaults.unavailable(
          "The engine's store is not writable now (its disk is full, or its file was made"
              + " read-only): nothing of this request was kept. Retry once the store can write"
              + " again; the engine's log has the details.");
    }
    return SwfFaults.internal(
        "The engine's store failed on this request: nothing of it was kept. The engine's log has"
            + " the details.",
        null);
  }
}
