package dev.flow.internal.replay;

import static dev.flow.internal.replay.ReplayTesting.EXECUTION;
import static dev.flow.internal.replay.ReplayTesting.JSON;
import static dev.flow.internal.replay.ReplayTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flow.CallOptions;
import dev.flow.DataConverter;
import dev.flow.StartOptions;
import dev.flow.internal.testing.HistoryBuilder;
import dev.flow.spi.WorkflowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Drives command machines directly, one event at a time, with a real {@link Execution} behind what
 * they deliver to; counts the rows of the tables the events used, so that a test class can check it
 * used every row of its machines.
 *
 * <p>The commands driven here are recorded by the test, not matched by the execution's {@link
 * IssuedCommands} (which counts the open activities of the commands it recorded), so their closing
 * is reported to {@link #closed}, which checks it, and never to the execution.
 */
final class MachineTesting {
  static final WorkflowSpec CHILD =
      WorkflowSpec.builder("Transcode", "1.0").resultType(String.class).build();

  final Execution execution;
  private final Set<String> used;
  private long nextEventId = 10;

  /** The commands that reached their closed state, in order; each once, each recorded first. */
  final List<Command<?>> closed = new ArrayList<>();

  /** The execution's converter, observations and aborts; closings go to {@link #closed}. */
  private final Delivery delivery =
      new Delivery() {
        @Override
        public DataConverter converter() {
          return execution.converter();
        }

        @Override
        public void delivering(String origin, Runnable deliver) {
          execution.delivering(origin, deliver);
        }

        @Override
        public void closed(Command<?> command) {
          assertThat(command.recorded).as("%s closed, recorded first", command).isNotNull();
          assertThat(closed).as("%s closed once", command).doesNotContain(command);
          closed.add(command);
        }

        @Override
        public Unwind abort(RuntimeException cause) {
          return execution.abort(cause);
        }
      };

  /**
   * @param used where the rows used are counted ({@link #key})
   */
  MachineTesting(Set<String> used) {
    HistoryBuilder h = new HistoryBuilder(T0);
    h.workflowStarted("ProcessVideo", "1.0", "[\"v\",\"s\"]");
    h.decisionTask();
    this.execution =
        new Execution(
            ActivityReplayTest.SIMPLE, EXECUTION, History.of(h.build()), JSON, Limits.DEFAULT);
    this.used = used;
  }

  /** A call of activity {@code Media.embedSubtitle}, without retries. */
  Call.Activity activityCall() {
    return new Call.Activity(
        execution,
        ReplayTesting.EMBED_SUBTITLE,
        CallOptions.DEFAULT,
        "[\"v\",\"s\"]",
        "Media.embedSubtitle-1",
        null,
        Control.Trace.NONE);
  }

  /** A call of child workflow {@code Transcode}, id {@code video-42.1}, without retries. */
  Call.Child childCall() {
    return new Call.Child(
        execution, CHILD, StartOptions.DEFAULT, "[\"v\"]", "video-42.1", null, Control.Trace.NONE);
  }

  /** The next event, of {@code type}, its attributes set by {@code attributes}. */
  HistoryEvent event(EventType type, Consumer<HistoryEvent.Builder> attributes) {
    HistoryEvent.Builder b =
        HistoryEvent.builder().eventId(nextEventId++).eventType(type).eventTimestamp(T0);
    attributes.accept(b);
    return b.build();
  }

  /** Matches {@code command} with {@code event}, read as the history reads it. */
  void record(Command<?> command, HistoryEvent event) {
    Recorded recorded = EventRouter.recorded(0, event, new EventType[] {event.eventType()});
    assertThat(recorded).as("the command %s records", event.eventTypeAsString()).isNotNull();
    assertThat(command.matches(recorded)).as("%s matches %s", command, recorded).isTrue();
    String from = command.state.name();
    command.record(recorded);
    used.add(key(command.kind, from, event.eventType(), true));
  }

  /** Delivers {@code event} to {@code command}, which must take it. */
  void deliver(Command<?> command, HistoryEvent event) {
    String from = command.state.name();
    command.deliver(event, event.eventType(), delivery);
    used.add(key(command.kind, from, event.eventType(), false));
  }

  /** The message of the invalid history {@code event}, which {@code command} must refuse, is. */
  String refused(Command<?> command, HistoryEvent event) {
    Object state = command.state;
    assertThatThrownBy(() -> command.deliver(event, event.eventType(), delivery))
        .isSameAs(Unwind.INSTANCE);
    assertThat(command.state).as("the state after a refused event").isEqualTo(state);
    return catchThrowable(execution::answer).getMessage();
  }

  static String key(CommandKind kind, String from, EventType event, boolean recorded) {
    return kind + " " + from + (recorded ? " recorded as " : " on ") + event;
  }

  /** Every row of {@code transitions} whose key is not in {@code used}. */
  static List<String> unused(Transitions<?, ?> transitions, Set<String> used) {
    List<String> unused = new ArrayList<>();
    for (Transitions.Row<?> row : transitions.rows()) {
      String key = key(transitions.kind, String.valueOf(row.from()), row.event(), row.recorded());
      if (!used.contains(key)) {
        unused.add(key);
      }
    }
    return unused;
  }
}
