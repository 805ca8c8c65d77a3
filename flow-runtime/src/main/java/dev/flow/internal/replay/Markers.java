package dev.flow.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.FlowException;
import dev.flow.internal.SwfLimits;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * What the code records in markers ({@link MarkerCommand}) so that a replay decides as the first
 * run did: side effects' results ({@code Workflow.sideEffect}), the seed of the run's random
 * numbers ({@code Workflow.random()}) and the versions of changes ({@code Workflow.getVersion}).
 * Each is recorded at its first run and read back, at the same position among the commands, on
 * replay.
 */
final class Markers {
  /** The marker name of {@code Workflow.sideEffect} results. */
  static final String SIDE_EFFECT = "SideEffect";

  /** The marker name of the seed of {@code Workflow.random()}. */
  static final String RANDOM = "Random";

  /** The marker name of {@code Workflow.getVersion} decisions. */
  static final String VERSION = "Version";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Execution execution;

  /** A longer history whose recorded side effects the live step takes (replaying saved ones). */
  private final List<HistoryEvent> recordedLater;

  private History recordedLaterHistory;

  /** The versions {@code Workflow.getVersion} returned, by change id. */
  private final HashMap<String, Integer> versions = new HashMap<>();

  private Random random;

  Markers(Execution execution, List<HistoryEvent> recordedLater) {
    this.execution = execution;
    this.recordedLater = recordedLater;
  }

  /**
   * {@code fn}'s result, recorded in a {@code SideEffect} marker the first time; on replay, the
   * recorded result, and {@code fn} is not called.
   */
  Object sideEffect(Type type, Supplier<?> fn) {
    execution.checkRunning();
    int index = execution.issued().size();
    String recordedDetails = recordedOrLater(index, SIDE_EFFECT);
    if (recordedDetails != null) {
      execution.issue(new MarkerCommand(index + 1, SIDE_EFFECT, recordedDetails));
      return execution.converter().fromData(recordedDetails, type);
    }
    Object value = fn.get();
    String details = execution.converter().toData(value);
    if (details != null && details.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "a side effect's result is "
              + details.length()
              + " characters long once encoded; SWF accepts at most "
              + SwfLimits.MAX_DATA);
    }
    execution.issue(new MarkerCommand(index + 1, SIDE_EFFECT, details));
    return value;
  }

  /** The run's random numbers, seeded from a {@code Random} marker recorded at the first call. */
  Random random() {
    execution.checkRunning();
    if (random == null) {
      int index = execution.issued().size();
      String recordedSeed = recordedOrLater(index, RANDOM);
      long seed;
      if (recordedSeed != null) {
        try {
          seed = parseSeed(recordedSeed);
        } catch (RuntimeException e) {
          throw execution.abort(
              History.invalid(
                  "Random marker event "
                      + recordedEvent(index).eventId()
                      + " holds no seed: "
                      + IssuedCommands.abbreviate(recordedSeed)));
        }
      } else {
        seed = ThreadLocalRandom.current().nextLong();
      }
      String details =
          recordedSeed != null
              ? recordedSeed
              : Control.start()
                  .put("purpose", "random")
                  .put("seed", Long.toString(seed))
                  .toString();
      execution.issue(new MarkerCommand(index + 1, RANDOM, details));
      random = new Random(seed);
    }
    return random;
  }

  /** A Random marker's seed: {@code {"flow":1,"purpose":"random","seed":"N"}}, or the number. */
  private static long parseSeed(String details) {
    String s = details.trim();
    if (s.startsWith("{")) {
      try {
        return Long.parseLong(JSON.readTree(s).path("seed").asText());
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return Long.parseLong(s);
  }

  /**
   * The version of change {@code changeId} this execution follows: the recorded one (a {@code
   * Version} marker); {@code minSupported} when the code meets it with no marker there among the
   * recorded commands or at a step the code answered before (the execution ran there before the
   * change existed); else {@code maxSupported}, recorded (the live step).
   */
  int getVersion(String changeId, int minSupported, int maxSupported) {
    execution.checkRunning();
    Objects.requireNonNull(changeId, "changeId");
    if (minSupported > maxSupported) {
      throw new IllegalArgumentException(
          "getVersion(\""
              + changeId
              + "\"): minSupported "
              + minSupported
              + " is greater than maxSupported "
              + maxSupported);
    }
    Integer known = versions.get(changeId);
    int version;
    if (known != null) {
      version = known;
    } else {
      int index = execution.issued().size();
      String details = recordedOrLater(index, VERSION);
      JsonNode recorded = details == null ? null : parseVersion(index, details);
      if (recorded != null && changeId.equals(recorded.path("changeId").asText())) {
        version = recorded.path("version").asInt();
        execution.issue(new MarkerCommand(index + 1, VERSION, details));
      } else if (index < execution.history().recorded.size() || codeRanThisStep()) {
        version = minSupported; // this execution ran here before the change was made
      } else {
        version = maxSupported;
        String json =
            Control.start()
                .put("purpose", "version")
                .put("changeId", changeId)
                .put("version", maxSupported)
                .toString();
        execution.issue(new MarkerCommand(index + 1, VERSION, json));
      }
      versions.put(changeId, version);
    }
    if (version < minSupported || version > maxSupported) {
      throw execution.abort(
          NonDeterminismException.of(
              "workflow code calls getVersion(\""
                  + changeId
                  + "\", "
                  + minSupported
                  + ", "
                  + maxSupported
                  + ") but this execution follows version "
                  + version
                  + " of that change, at "
                  + execution.horizon().where()));
    }
    return version;
  }

  private JsonNode parseVersion(int index, String details) {
    try {
      JsonNode node = JSON.readTree(details);
      if (node != null && node.hasNonNull("changeId") && node.path("version").isInt()) {
        return node;
      }
    } catch (IOException e) {
      // reported below
    }
    throw execution.abort(
        History.invalid(
            "Version marker event "
                + recordedEvent(index).eventId()
                + " holds no {\"changeId\", \"version\"}: "
                + IssuedCommands.abbreviate(details)));
  }

  private HistoryEvent recordedEvent(int index) {
    return execution.history().recorded.get(index).event();
  }

  /**
   * The details of marker {@code name} when it is recorded command {@code index}; else, when
   * replaying a saved history step by step, the marker the whole history recorded there: the live
   * step's side effects and random seed as they were.
   */
  private String recordedOrLater(int index, String name) {
    String details = recordedMarker(execution.history(), index, name);
    if (details == null && recordedLater != null) {
      details = recordedMarker(laterHistory(), index, name);
    }
    return details;
  }

  /** {@link #recordedLater}, read once. */
  private History laterHistory() {
    if (recordedLaterHistory == null) {
      recordedLaterHistory = History.of(recordedLater);
    }
    return recordedLaterHistory;
  }

  /**
   * Whether the code ran at the horizon's step before, without this replay: the history holds the
   * code's answer to that step's decision task (replaying a saved history step by step, the whole
   * history does). Only the live step, a step a worker answered for itself (blocked, resuming) and
   * the steps after it are new to the code.
   */
  private boolean codeRanThisStep() {
    History h = recordedLater == null ? execution.history() : laterHistory();
    return h.answeredByCode(execution.horizon().startedIndex());
  }

  /** The details of marker {@code name} when it is recorded command {@code index}; else null. */
  private static String recordedMarker(History history, int index, String name) {
    if (index >= history.recorded.size()) {
      return null;
    }
    Recorded recorded = history.recorded.get(index);
    if (history.type(recorded.index()) == EventType.MARKER_RECORDED
        && name.equals(recorded.typeName())) {
      String details = recorded.event().markerRecordedEventAttributes().details();
      return details == null ? "" : details;
    }
    return null;
  }
}
