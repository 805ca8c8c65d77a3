package dev.flow.internal.replay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Hands each history event to the command machine it concerns: when {@link History} reads the
 * events, the kind whose command an event records ({@link Machine#reader}); when the horizon passes
 * an event, the issued command it reports on ({@link Route}), whose {@link Transitions} take it
 * from there. Signals and cancel requests of the execution itself go to the {@link Execution}.
 */
final class EventRouter {
  /** How a kind reads the command an event of one of its recorded rows records (null: none). */
  @FunctionalInterface
  interface Reader {
    Recorded read(int index, HistoryEvent event, EventType type, EventType[] types);
  }

  /**
   * One command kind as the router sees it: its table, how it reads its recorded events, and which
   * events report on its commands.
   */
  record Machine(Transitions<?, ?> transitions, Reader reader, List<Route> routes) {}

  /**
   * Where an event that reports on a command finds it: the command the event itself records ({@code
   * refersTo} null; none: the event is of Flow's own and skipped), or the command recorded by the
   * earlier event it names ({@code refersTo}), which must be of {@code kind}; with {@code
   * selfFirst}, the one it records if any, else the one it names. An event {@code unless} holds for
   * concerns Flow's own timers and is skipped.
   */
  record Route(
      EventType event,
      CommandKind kind,
      Function<HistoryEvent, Long> refersTo,
      boolean selfFirst,
      Predicate<HistoryEvent> unless) {

    static Route self(EventType event) {
      return new Route(event, null, null, true, null);
    }

    static Route ref(EventType event, CommandKind kind, Function<HistoryEvent, Long> refersTo) {
      return new Route(event, kind, refersTo, false, null);
    }

    static Route selfOrRef(
        EventType event, CommandKind kind, Function<HistoryEvent, Long> refersTo) {
      return new Route(event, kind, refersTo, true, null);
    }

    Route unless(Predicate<HistoryEvent> flowOwn) {
      return new Route(event, kind, refersTo, selfFirst, flowOwn);
    }
  }

  /** Every command kind's machine, in the order the drawing shows them. */
  static final List<Machine> MACHINES =
      List.of(
          ActivityCommand.MACHINE,
          ActivityCommand.CancelRequest.MACHINE,
          ChildCommand.MACHINE,
          TimerCommand.MACHINE,
          TimerCommand.Cancel.MACHINE,
          MarkerCommand.MACHINE,
          SignalExternalCommand.MACHINE,
          CancelExternalCommand.MACHINE);

  private static final Map<EventType, Reader> READERS = new EnumMap<>(EventType.class);
  private static final Map<EventType, Route[]> ROUTES = new EnumMap<>(EventType.class);

  static {
    Map<EventType, List<Route>> routes = new EnumMap<>(EventType.class);
    for (Machine machine : MACHINES) {
      for (Transitions.Row<?> row : machine.transitions().rows()) {
        if (row.recorded() && READERS.put(row.event(), machine.reader()) != null) {
          throw new IllegalStateException("two kinds record " + row.event());
        }
      }
      for (Route route : machine.routes()) {
        routes.computeIfAbsent(route.event(), t -> new ArrayList<>()).add(route);
      }
    }
    routes.forEach((type, list) -> ROUTES.put(type, list.toArray(new Route[0])));
  }

  /** What the execution itself takes: signals and its cancel requests. */
  interface ExecutionEvents {
    void signaled(HistoryEvent event);

    void cancelRequested(HistoryEvent event);
  }

  private final Horizon horizon;
  private final IssuedCommands issued;
  private final Delivery delivery;
  private final ExecutionEvents execution;

  EventRouter(
      Horizon horizon, IssuedCommands issued, Delivery delivery, ExecutionEvents execution) {
    this.horizon = horizon;
    this.issued = issued;
    this.delivery = delivery;
    this.execution = execution;
  }

  /** The command event {@code i} records, read by its kind, or null when it records none. */
  static Recorded recorded(int i, HistoryEvent event, EventType[] types) {
    EventType type = types[i];
    Reader reader = type == null ? null : READERS.get(type);
    return reader == null ? null : reader.read(i, event, type, types);
  }

  /** Delivers event {@code index} to whatever waits for it. */
  void deliver(int index) {
    History history = horizon.history();
    EventType type = history.type(index);
    if (type == null) {
      return;
    }
    HistoryEvent e = history.event(index);
    if (type == EventType.WORKFLOW_EXECUTION_SIGNALED) {
      execution.signaled(e);
      return;
    }
    if (type == EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED) {
      execution.cancelRequested(e);
      return;
    }
    // decision task events, recorded commands (matched when issued), close events: no route
    Route[] routes = ROUTES.get(type);
    if (routes == null) {
      return;
    }
    for (Route route : routes) {
      if (route.unless() != null && route.unless().test(e)) {
        return; // a timer of the decider's or the worker's own, to bring the next decision task
      }
      Command<?> command = target(route, index, e, history);
      if (command == null) {
        return; // records a timer or marker of Flow's own
      }
      command.deliver(e, type, delivery);
    }
  }

  private Command<?> target(Route route, int index, HistoryEvent e, History history) {
    int self = history.recordedAt(index);
    if (route.refersTo() == null) {
      return self < 0 ? null : issuedFor(self, e);
    }
    if (route.selfFirst() && self >= 0) {
      return issuedFor(self, e);
    }
    return ref(e, route.refersTo().apply(e), route.kind(), history);
  }

  /**
   * The issued command recorded by the event {@code e} refers to, which must be of {@code kind}.
   */
  private Command<?> ref(HistoryEvent e, Long eventId, CommandKind kind, History history) {
    int target = eventId == null ? -1 : (int) (eventId - 1);
    int r = target >= 0 && target < e.eventId() - 1 ? history.recordedAt(target) : -1;
    if (r < 0 || history.recorded.get(r).kind() != kind) {
      throw delivery.abort(
          History.invalid(
              e.eventTypeAsString()
                  + " event "
                  + e.eventId()
                  + " refers to event "
                  + eventId
                  + ", which is not an earlier event recording a "
                  + kind.decision
                  + " decision"
                  + (target >= 0 && target < history.size()
                      ? " (it is a " + history.event(target).eventTypeAsString() + ")"
                      : "")));
    }
    return issuedFor(r, e);
  }

  private Command<?> issuedFor(int recordedIndex, HistoryEvent e) {
    if (recordedIndex >= issued.size()) {
      throw delivery.abort(
          NonDeterminismException.of(
              "recorded decision #"
                  + (recordedIndex + 1)
                  + " "
                  + horizon.history().recorded.get(recordedIndex)
                  + " was not issued by the workflow code"
                  + " (it issued "
                  + issued.size()
                  + " commands), yet event "
                  + e.eventId()
                  + " ("
                  + e.eventTypeAsString()
                  + ") at step "
                  + horizon.stepNumber()
                  + " reports on it"));
    }
    return issued.get(recordedIndex);
  }
}
