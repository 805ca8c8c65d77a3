package dev.flow.internal.replay;

import static dev.flow.internal.replay.MarkerCommand.State.CLOSED;
import static dev.flow.internal.replay.MarkerCommand.State.NEW;
import static dev.flow.internal.replay.MarkerCommand.State.RECORDED;
import static dev.flow.internal.replay.MarkerCommand.State.REFUSED;
import static software.amazon.awssdk.services.swf.model.EventType.MARKER_RECORDED;
import static software.amazon.awssdk.services.swf.model.EventType.RECORD_MARKER_FAILED;

import dev.flow.FlowException;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * RecordMarker: a side effect's result, the seed of the run's random numbers, a version decision
 * ({@link Markers} makes them); matched by marker name. The markers of Flow's own ({@code flow.*})
 * are not commands: the history leaves them out and their events are skipped.
 *
 * <pre>
 * NEW --recorded as MarkerRecorded--> RECORDED --(same event)--> CLOSED
 * NEW --recorded as RecordMarkerFailed--> REFUSED --(same event)--> CLOSED
 * </pre>
 */
final class MarkerCommand extends Command<MarkerCommand.State> {
  enum State {
    /** Issued, not in the history: a decision of the current task. */
    NEW,
    /** Recorded as MarkerRecorded. */
    RECORDED,
    /** Recorded as RecordMarkerFailed. */
    REFUSED,
    /** Delivered. */
    CLOSED
  }

  static final Transitions<State, MarkerCommand> TRANSITIONS =
      Transitions.<State, MarkerCommand>of("marker", CommandKind.MARKER, NEW, CLOSED)
          .recordedAs(MARKER_RECORDED, RECORDED)
          .recordedAs(RECORD_MARKER_FAILED, REFUSED)
          .on(
              RECORDED,
              MARKER_RECORDED,
              CLOSED,
              "its promise is set",
              (c, e, d) -> c.succeed(d, null))
          .on(REFUSED, RECORD_MARKER_FAILED, CLOSED, "its promise fails", MarkerCommand::refused);

  static final EventRouter.Machine MACHINE =
      new EventRouter.Machine(
          TRANSITIONS,
          MarkerCommand::read,
          List.of(
              EventRouter.Route.self(MARKER_RECORDED),
              EventRouter.Route.self(RECORD_MARKER_FAILED)));

  private final String details;

  /** RecordMarker {@code name} with {@code details}. */
  MarkerCommand(int seq, String name, String details) {
    super(TRANSITIONS, seq, name, null, null, null, Void.class);
    this.details = details;
  }

  @Override
  Decision decision() {
    return Decision.builder()
        .decisionType(DecisionType.RECORD_MARKER)
        .recordMarkerDecisionAttributes(a -> a.markerName(typeName).details(details))
        .build();
  }

  /** The code's marker event {@code i} records; null for a marker of Flow's own. */
  static Recorded read(int i, HistoryEvent e, EventType type, EventType[] types) {
    String name =
        type == MARKER_RECORDED
            ? e.markerRecordedEventAttributes().markerName()
            : e.recordMarkerFailedEventAttributes().markerName();
    if (Commands.isFlowMarker(name)) {
      return null; // the worker's own (blocked, resumed), not a command of the workflow code
    }
    return new Recorded(i, e, type, CommandKind.MARKER, name, null, null, null);
  }

  private static void refused(MarkerCommand c, HistoryEvent e, Delivery d) {
    var a = e.recordMarkerFailedEventAttributes();
    c.promise()
        .fail(
            new FlowException(
                "marker " + a.markerName() + " could not be recorded: " + a.causeAsString()));
  }
}
