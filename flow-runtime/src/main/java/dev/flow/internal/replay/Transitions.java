package dev.flow.internal.replay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The transition table of one command kind, declared once: from a state, on a history event, to a
 * state, and what the event then does. Two sorts of row: <em>recorded</em> rows leave the first
 * state when the code issues the command and the history recorded it (the recording event moves
 * it); <em>delivered</em> rows apply when the horizon passes an event that reports on it. A
 * delivered event without a row is an invalid history, and the error names that event and the one
 * that last moved the command. {@code docs/replay-state-machines.md} draws every table.
 *
 * @param <S> the states of the kind
 * @param <C> the command class of the kind
 */
final class Transitions<S extends Enum<S>, C extends Command<S>> {
  /** What a delivered event does to its command once it moved it. */
  @FunctionalInterface
  interface Action<C> {
    void run(C command, HistoryEvent event, Delivery delivery);
  }

  /**
   * One row.
   *
   * @param recorded whether it is a recorded row (out of the first state, when the code issues the
   *     command) rather than a delivered one
   * @param does what the event does, in words, for the drawing; empty when nothing
   */
  record Row<S>(S from, EventType event, S to, boolean recorded, String does) {}

  private record Entry<S, C>(Row<S> row, Action<C> action) {}

  /** The kind's name in messages and drawings, such as {@code activity}. */
  final String name;

  final CommandKind kind;

  /** The state of a command issued and not matched with the history: a new decision. */
  final S initial;

  /** The state of a command whose outcome was delivered. */
  final S closed;

  private final EnumMap<S, Map<EventType, Entry<S, C>>> table;
  private final List<Row<S>> rows = new ArrayList<>();

  private Transitions(String name, CommandKind kind, S initial, S closed) {
    this.name = name;
    this.kind = kind;
    this.initial = initial;
    this.closed = closed;
    this.table = new EnumMap<>(initial.getDeclaringClass());
  }

  static <S extends Enum<S>, C extends Command<S>> Transitions<S, C> of(
      String name, CommandKind kind, S initial, S closed) {
    return new Transitions<>(name, kind, initial, closed);
  }

  /** A recorded row: a command the history recorded with {@code event} is in state {@code to}. */
  Transitions<S, C> recordedAs(EventType event, S to) {
    return add(new Row<>(initial, event, to, true, ""), null);
  }

  /** A delivered row that only moves the command. */
  Transitions<S, C> on(S from, EventType event, S to) {
    return add(new Row<>(from, event, to, false, ""), null);
  }

  /**
   * A delivered row: {@code event} moves the command from {@code from} to {@code to}, then acts.
   */
  Transitions<S, C> on(S from, EventType event, S to, String does, Action<C> action) {
    return add(new Row<>(from, event, to, false, does), action);
  }

  private Transitions<S, C> add(Row<S> row, Action<C> action) {
    if (row.from() == closed) {
      throw new IllegalArgumentException(name + ": no transition leaves " + closed);
    }
    Entry<S, C> previous =
        table
            .computeIfAbsent(row.from(), s -> new EnumMap<>(EventType.class))
            .putIfAbsent(row.event(), new Entry<>(row, action));
    if (previous != null) {
      throw new IllegalArgumentException(
          name + ": two transitions from " + row.from() + " on " + row.event());
    }
    rows.add(row);
    return this;
  }

  /** Every row, in the order declared. */
  List<Row<S>> rows() {
    return List.copyOf(rows);
  }

  /** The state of a command matched with {@code recorded}, the event that recorded it. */
  void record(C command, Recorded recorded) {
    Entry<S, C> entry = entry(initial, recorded.type());
    if (command.state != initial || entry == null) {
      throw new IllegalStateException(
          name + " " + command + " cannot be recorded by " + recorded + " in " + command.state);
    }
    command.state = entry.row().to();
    command.recorded = recorded;
    command.lastEvent = recorded.event();
  }

  /**
   * Moves {@code command} on {@code event} (of type {@code type}), then runs what the event does;
   * an event without a row from the command's state aborts the replay with an invalid history.
   */
  void deliver(C command, HistoryEvent event, EventType type, Delivery delivery) {
    Entry<S, C> entry = command.state == initial ? null : entry(command.state, type);
    if (entry == null) {
      throw delivery.abort(History.invalid(illegal(command, event)));
    }
    command.state = entry.row().to();
    command.lastEvent = event;
    if (command.state == closed) {
      delivery.closed(command);
    }
    if (entry.action() != null) {
      entry.action().run(command, event, delivery);
    }
  }

  private Entry<S, C> entry(S from, EventType type) {
    Map<EventType, Entry<S, C>> byEvent = table.get(from);
    return byEvent == null ? null : byEvent.get(type);
  }

  /** Why {@code event} cannot move {@code command}: both events, and what its state takes. */
  String illegal(C command, HistoryEvent event) {
    HistoryEvent last = command.lastEvent;
    Map<EventType, Entry<S, C>> byEvent = table.get(command.state);
    List<String> takes = new ArrayList<>();
    if (byEvent != null && command.state != initial) {
      byEvent.keySet().forEach(t -> takes.add(t.toString()));
    }
    return event.eventTypeAsString()
        + " event "
        + event.eventId()
        + " cannot move "
        + (command.recorded == null ? command : command.recorded)
        + " from "
        + command.state
        + (last == null
            ? ""
            : " (event "
                + last.eventId()
                + ", "
                + last.eventTypeAsString()
                + ", moved it to "
                + command.state
                + ")")
        + ": "
        + (takes.isEmpty()
            ? "no event moves " + article() + name + " on from " + command.state
            : article() + name + " in " + command.state + " takes " + String.join(", ", takes));
  }

  private String article() {
    return "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
  }

  /**
   * The table as a Mermaid state diagram: a recorded row is labelled {@code recorded as EVENT}, a
   * delivered one {@code EVENT / what it does}.
   */
  String diagram() {
    StringBuilder s = new StringBuilder("stateDiagram-v2\n");
    s.append("  [*] --> ").append(initial).append('\n');
    for (Row<S> row : rows) {
      s.append("  ").append(row.from()).append(" --> ").append(row.to()).append(": ");
      if (row.recorded()) {
        s.append("recorded as ").append(row.event());
      } else {
        s.append(row.event());
        if (!row.does().isEmpty()) {
          s.append(" / ").append(row.does());
        }
      }
      s.append('\n');
    }
    s.append("  ").append(closed).append(" --> [*]\n");
    return s.toString();
  }
}
