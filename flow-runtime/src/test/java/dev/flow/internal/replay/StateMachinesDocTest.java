package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/replay-state-machines.md} draws every command kind's transition table as it is in the
 * code: a transition added, changed or removed without being drawn fails here. Run with {@code
 * FLOW_REWRITE_GOLDENS=1} to write the file anew (the test then still fails: look at the diff, and
 * run again).
 */
class StateMachinesDocTest {
  static final Path DOC = Path.of("..", "docs", "replay-state-machines.md");

  @Test
  void theDrawingOfEveryMachine_isTheTableInTheCode() throws IOException {
    String drawn = drawing();
    if ("1".equals(System.getenv("FLOW_REWRITE_GOLDENS"))) {
      Files.writeString(DOC, drawn, StandardCharsets.UTF_8);
      throw new AssertionError(
          DOC
              + " was written anew: check the diff, then run again without"
              + " FLOW_REWRITE_GOLDENS");
    }
    assertThat(Files.exists(DOC)).as("%s exists", DOC.toAbsolutePath()).isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "%s draws the transition tables of the code (FLOW_REWRITE_GOLDENS=1 writes it anew)",
            DOC)
        .isEqualTo(drawn);
  }

  @Test
  void everyKindOfCommand_hasAMachine_andEveryMachineADrawing() {
    assertThat(EventRouter.MACHINES)
        .extracting(m -> m.transitions().kind)
        .containsExactlyInAnyOrder(CommandKind.values());
    String drawn = drawing();
    for (EventRouter.Machine machine : EventRouter.MACHINES) {
      assertThat(drawn).contains(machine.transitions().diagram());
    }
  }

  /** The document: each machine's diagram and its rows, with what each event does. */
  static String drawing() {
    StringBuilder s = new StringBuilder();
    s.append("# Replay state machines\n\n")
        .append("<!-- Written by StateMachinesDocTest (flow-runtime) from the transition tables in")
        .append(" dev.flow.internal.replay: FLOW_REWRITE_GOLDENS=1 writes it anew. -->\n\n")
        .append("Each command the workflow code issues is one state machine of its kind. It starts")
        .append(" in `NEW` (issued, a new decision); when the history recorded it, the event that")
        .append(" recorded it moves it (_recorded as_); then the events that report on it move it")
        .append(" as the horizon passes them, and act (complete its promise, or tell its call).")
        .append(" An event a state does not take is an invalid history: the error names that event")
        .append(" and the one that last moved the command.\n");
    for (EventRouter.Machine machine : EventRouter.MACHINES) {
      Transitions<?, ?> t = machine.transitions();
      s.append("\n## ")
          .append(Character.toUpperCase(t.name.charAt(0)))
          .append(t.name.substring(1))
          .append(" (")
          .append(t.kind.decision)
          .append(")\n\n```mermaid\n")
          .append(t.diagram())
          .append("```\n\n| from | event | to | then |\n|---|---|---|---|\n");
      for (Transitions.Row<?> row : t.rows()) {
        s.append("| ")
            .append(row.from())
            .append(" | ")
            .append(row.recorded() ? "recorded as " : "")
            .append(row.event())
            .append(" | ")
            .append(row.to())
            .append(" | ")
            .append(row.does())
            .append(" |\n");
      }
      s.append("\nEvents that report on it, and the command each goes to:\n\n");
      for (EventRouter.Route route : machine.routes()) {
        s.append("- ")
            .append(route.event())
            .append(": ")
            .append(
                route.refersTo() == null
                    ? "the command it records"
                    : route.selfFirst()
                        ? "the command it records, else the one its `initiatedEventId` names"
                        : "the command recorded by the earlier event it names")
            .append(route.unless() == null ? "" : " (skipped for Flow's own timers)")
            .append('\n');
      }
    }
    return s.toString();
  }
}
