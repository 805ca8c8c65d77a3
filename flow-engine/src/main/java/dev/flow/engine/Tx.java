package dev.flow.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * One action's transaction, passed to the code that runs in it ({@link Engine#tx}): the tables, the
 * action's time, the runs it loaded for change, and what it does once it succeeded ({@link
 * #afterAction}) or once its writes are committed ({@link #afterCommit}). A transaction never
 * nests: code that needs one takes this value instead of opening another.
 */
final class Tx {
  private final Tables tables;
  private final long nowMs;

  /** The runs loaded for change, one object per run, saved when the action ends. */
  private final Map<String, Run> touched = new LinkedHashMap<>();

  final List<Runnable> afterAction = new ArrayList<>();
  final List<Runnable> afterCommit = new ArrayList<>();

  /** Events this action appended (counted into its group's for the commit metrics). */
  int events;

  /** The events this action appended, by run and event id (read back by {@link EventLog#page}). */
  private Map<String, Map<Long, HistoryEvent>> appended;

  Tx(Tables tables, long nowMs) {
    this.tables = tables;
    this.nowMs = nowMs;
  }

  /** The action's time: every event of one action has the same. */
  long now() {
    return nowMs;
  }

  RunTable runs() {
    return tables.runs();
  }

  ActivityTable activities() {
    return tables.activities();
  }

  TimerTable timers() {
    return tables.timers();
  }

  DeadlineTable deadlines() {
    return tables.deadlines();
  }

  DomainTable domains() {
    return tables.domains();
  }

  TypeTable types() {
    return tables.types();
  }

  MetaTable meta() {
    return tables.meta();
  }

  EventTable events() {
    return tables.events();
  }

  /**
   * The run {@code runId} loaded for change, or null: within one action every load of a run returns
   * the same object, so actions that reach several runs (parent and child, signal source and
   * target) never work on a stale copy. Every loaded run is saved when the action ends.
   */
  Run run(String runId) {
    Run known = touched.get(runId);
    return known != null ? known : track(tables.runs().byId(runId));
  }

  /** The open run of {@code workflowId}, loaded for change, or null. */
  Run openRun(String domain, String workflowId) {
    return track(tables.runs().open(domain, workflowId));
  }

  /** The run {@code runId} of {@code workflowId}, loaded for change, or null. */
  Run run(String domain, String workflowId, String runId) {
    return track(tables.runs().of(domain, workflowId, runId));
  }

  /** Tracks a run (inserted or loaded in this action); returns the object to work on. */
  Run track(Run r) {
    if (r == null) {
      return null;
    }
    Run known = touched.putIfAbsent(r.runId, r);
    return known != null ? known : r;
  }

  /** Writes a run now (it is written again when the action ends), for a constraint that follows. */
  void flush(Run r) {
    tables.runs().save(r);
  }

  /** Notes an event this action appended to the run's history ({@link EventLog#append}). */
  void appended(String runId, long eventId, HistoryEvent event) {
    if (appended == null) {
      appended = new HashMap<>();
    }
    appended.computeIfAbsent(runId, k -> new HashMap<>()).put(eventId, event);
  }

  /** The events this action appended to the run's history, by event id, or null if none. */
  Map<Long, HistoryEvent> appended(String runId) {
    return appended == null ? null : appended.get(runId);
  }

  /** The runs loaded for change so far, in the order they were loaded. */
  List<Run> touched() {
    return new ArrayList<>(touched.values());
  }

  /**
   * Work that wakes others (pollers of a queued task, the timer thread): run as soon as the action
   * succeeded, before its group commits, so that what it wakes joins the group. What it wakes must
   * check the store again (queue entries are hints) and answer only after the commit.
   */
  void afterAction(Runnable r) {
    afterAction.add(r);
  }

  /** Work that must only happen once the action's writes are committed (filling caches). */
  void afterCommit(Runnable r) {
    afterCommit.add(r);
  }
}
