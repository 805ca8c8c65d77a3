package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The runs' histories: appends events (to the {@code events} table, as SWF JSON) and reads pages of
 * them, from memory where it can. Guarded by the engine lock.
 *
 * <p>The parsed events of recently used runs are kept, each list holding events 1..n in order, so a
 * decision task reads its history from memory instead of parsing its whole history from JSON again
 * (that was most of the cost of a long workflow): at most {@link #PARSED_EVENTS} events in all,
 * least recently used runs dropped first. Events never change once committed and run ids are never
 * reused; an event goes in only once its transaction committed. The events of the open group's
 * actions (kept, not yet committed) are read from {@link #groupEvents}, so a decision task started
 * in the same group reads them without parsing their JSON, and so are those of the running action
 * ({@link Tx#appended}: a decision task's started event, appended just before its history is read).
 */
final class EventLog {
  static final int PARSED_EVENTS = 30_000;

  private final EventTable table;
  private final LinkedHashMap<String, List<HistoryEvent>> parsedRuns =
      new LinkedHashMap<>(256, 0.75f, true);
  private int parsedEvents;
  private final Map<String, Map<Long, HistoryEvent>> groupEvents = new HashMap<>();

  EventLog(EventTable table) {
    this.table = table;
  }

  /** Appends an event of {@code type} to the run's history and returns its id. */
  long append(Tx tx, Run run, EventType type, Consumer<HistoryEvent.Builder> attributes) {
    long id = run.nextEventId++;
    tx.events++;
    HistoryEvent.Builder b =
        HistoryEvent.builder()
            .eventId(id)
            .eventType(type)
            .eventTimestamp(Instant.ofEpochMilli(tx.now()));
    attributes.accept(b);
    HistoryEvent event = b.build();
    table.insert(run.runId, id, type.toString(), EventJson.toText(event));
    tx.appended(run.runId, id, event);
    remember(tx, run.runId, id, event);
    return id;
  }

  /** The group's transaction ended (committed or not): its events are no longer pending. */
  void groupEnded() {
    groupEvents.clear();
  }

  private void remember(Tx tx, String runId, long eventId, HistoryEvent event) {
    tx.afterAction(
        () -> groupEvents.computeIfAbsent(runId, k -> new HashMap<>()).put(eventId, event));
    tx.afterCommit(() -> rememberCommitted(runId, eventId, event));
  }

  private void rememberCommitted(String runId, long eventId, HistoryEvent event) {
    List<HistoryEvent> events = parsedRuns.get(runId);
    if (events == null) {
      if (eventId != 1) {
        return; // only whole histories from the start
      }
      events = new ArrayList<>();
      parsedRuns.put(runId, events);
    }
    if (eventId != events.size() + 1) {
      return; // already known, or a gap: keep the list contiguous
    }
    events.add(event);
    parsedEvents++;
    var eldest = parsedRuns.entrySet().iterator();
    while (parsedEvents > PARSED_EVENTS && eldest.hasNext()) {
      parsedEvents -= eldest.next().getValue().size();
      eldest.remove();
    }
  }

  /** A page of events and the cursor of the next one, or -1 if this is the last page. */
  record Page(List<HistoryEvent> events, long next) {}

  /** Events {@code [lo, hi]} from {@code cursor} on (or down, if reverse), at most {@code max}. */
  Page page(Tx tx, String runId, long lo, long hi, long cursor, boolean reverse, int max) {
    long from = reverse ? lo : Math.max(lo, cursor);
    long to = reverse ? Math.min(hi, cursor) : hi;
    List<HistoryEvent> parsed = parsedRuns.get(runId);
    if (parsed != null && from >= 1 && to <= parsed.size()) {
      // Event ids are 1..n without gaps, as the query below would find them.
      List<HistoryEvent> events = new ArrayList<>();
      if (from > to) {
        return new Page(events, -1);
      }
      if (reverse) {
        long last = Math.max(from, to - max + 1);
        for (long id = to; id >= last; id--) {
          events.add(parsed.get((int) id - 1));
        }
        return new Page(events, last > from ? last - 1 : -1);
      }
      long last = Math.min(to, from + max - 1);
      events.addAll(parsed.subList((int) from - 1, (int) last));
      return new Page(events, last < to ? last + 1 : -1);
    }
    Map<Long, HistoryEvent> group = groupEvents.get(runId);
    Map<Long, HistoryEvent> action = tx.appended(runId);
    int known = parsed == null ? 0 : parsed.size();
    if (!reverse && from >= 1 && from <= known + 1 && (group != null || action != null)) {
      // The committed part from memory, the rest appended by the open group or by this action
      // (a decision task's started event): no query.
      List<HistoryEvent> events = new ArrayList<>();
      long id = from;
      for (; id <= to && events.size() < max; id++) {
        HistoryEvent event = id <= known ? parsed.get((int) id - 1) : pending(group, action, id);
        if (event == null) {
          break;
        }
        events.add(event);
      }
      if (id > to || events.size() == max) {
        return new Page(events, id <= to ? id : -1);
      }
    }
    List<HistoryEvent> events = new ArrayList<>();
    long[] next = {-1};
    table.read(
        runId,
        from,
        to,
        reverse,
        max + 1,
        (id, json) -> {
          if (events.size() == max) {
            next[0] = id;
            return false;
          }
          HistoryEvent event =
              parsed != null && id <= parsed.size()
                  ? parsed.get((int) id - 1)
                  : pending(group, action, id);
          if (event == null) {
            event = SwfJson.fromText(json, HistoryEvent::builder);
          }
          remember(tx, runId, id, event);
          events.add(event);
          return true;
        });
    return new Page(events, next[0]);
  }

  /** Event {@code id} if this action or the open group appended it (not yet committed), or null. */
  private static HistoryEvent pending(
      Map<Long, HistoryEvent> group, Map<Long, HistoryEvent> action, long id) {
    HistoryEvent event = action == null ? null : action.get(id);
    return event != null || group == null ? event : group.get(id);
  }
}
