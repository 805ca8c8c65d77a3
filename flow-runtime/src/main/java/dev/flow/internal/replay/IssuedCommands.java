package dev.flow.internal.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The commands the code issued, in the global order of issue, each matched with the command the
 * history recorded at the same position; those past the recorded ones are the new decisions.
 */
final class IssuedCommands {
  private final Horizon horizon;
  private final ArrayList<Command<?>> issued;

  /** How many activities the history recorded and did not close yet, kept as their states move. */
  private int openActivities;

  IssuedCommands(Horizon horizon) {
    this.horizon = horizon;
    // replay issues at least the recorded commands: room for them, and the new ones of a task
    this.issued = new ArrayList<>(horizon.history().recorded.size() + 16);
  }

  int size() {
    return issued.size();
  }

  Command<?> get(int index) {
    return issued.get(index);
  }

  /** The sequence number of the next command issued. */
  int nextSeq() {
    return issued.size() + 1;
  }

  /** The id the command recorded at {@code index} has, or null (none recorded there, or no id). */
  String recordedId(int index) {
    List<Recorded> recorded = horizon.history().recorded;
    return index < recorded.size() ? recorded.get(index).id() : null;
  }

  /** Whether the next command issued is new (past the recorded ones): its control is written. */
  boolean nextIsNew() {
    return issued.size() >= horizon.history().recorded.size();
  }

  /**
   * Gives {@code command} the next place and matches it with the command recorded there, if the
   * history recorded that many.
   *
   * @throws NonDeterminismException when the recorded command is another, naming both
   */
  <C extends Command<?>> C add(C command) {
    int index = issued.size();
    issued.add(command);
    List<Recorded> recorded = horizon.history().recorded;
    if (index < recorded.size()) {
      Recorded r = recorded.get(index);
      if (!command.matches(r)) {
        throw mismatch(r, command);
      }
      record(command, r);
    }
    return command;
  }

  private void record(Command<?> command, Recorded r) {
    command.record(r);
    if (command.kind == CommandKind.ACTIVITY && command.open()) {
      openActivities++;
    }
  }

  /** {@code command}, recorded, reached its closed state ({@link Delivery#closed}). */
  void closed(Command<?> command) {
    if (command.kind == CommandKind.ACTIVITY) {
      openActivities--;
    }
  }

  /**
   * Matches the commands issued past the recorded ones of the history so far with those {@code
   * longer} recorded; false, changing nothing, when one differs.
   */
  boolean matchAll(History longer) {
    int from = horizon.history().recorded.size();
    int to = Math.min(longer.recorded.size(), issued.size());
    for (int i = from; i < to; i++) {
      if (!issued.get(i).matches(longer.recorded.get(i))) {
        return false;
      }
    }
    for (int i = from; i < to; i++) {
      record(issued.get(i), longer.recorded.get(i));
    }
    return true;
  }

  /**
   * How many activities are open: recorded, their outcome not delivered yet. (The commands past the
   * recorded ones are new, not open.)
   */
  int openActivities() {
    return openActivities;
  }

  private NonDeterminismException mismatch(Recorded recorded, Command<?> command) {
    StringBuilder s =
        new StringBuilder("workflow code issued ")
            .append(command)
            .append(" where the history recorded ")
            .append(recorded)
            .append(", at ")
            .append(horizon.where());
    if (command.kind == recorded.kind()
        && Objects.equals(command.typeName, recorded.typeName())
        && Objects.equals(command.id, recorded.id())
        && command.kind.comparesInput
        && recorded.input() != null
        && !Command.sameInput(recorded.input(), command.input)) {
      s.append("; the inputs differ: recorded ")
          .append(abbreviate(recorded.input()))
          .append(", new ")
          .append(abbreviate(command.input));
    }
    return NonDeterminismException.of(s.toString());
  }

  static String abbreviate(String s) {
    return s == null ? "null" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
