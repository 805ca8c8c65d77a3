package dev.flow;

import dev.flow.history.SwfJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Workflow histories as JSON, in the shape {@code aws swf get-workflow-execution-history} prints
 * ({@code {"events": [...]}}, timestamps in epoch seconds): save the history of an execution, from
 * the embedded engine or from Amazon SWF, and replay it in a unit test with {@code
 * WorkflowReplayer} after a change to the workflow's code.
 *
 * <pre>{@code
 * WorkflowHandle<VideoResult> run =
 *     ProcessVideoWorkflowClient.create(flow).start(url, subs).untyped();
 * run.result();
 * Histories.save(run.history(), Path.of("src/test/resources/histories/process-video.json"));
 *
 * // in a test
 * WorkflowReplayer.replay(definition, Path.of("src/test/resources/histories/process-video.json"));
 * }</pre>
 *
 * <p>The codec behind it, {@link SwfJson}, reads and writes single events, decisions and every
 * other shape of the SWF API the same way.
 */
public final class Histories {
  private Histories() {}

  /** {@code history} as JSON text: {@code {"events": [...]}}. */
  public static String toJson(List<HistoryEvent> history) {
    Objects.requireNonNull(history, "history");
    return SwfJson.writeHistory(history).toPrettyString();
  }

  /**
   * The events of a history saved as JSON: {@code {"events": [...]}} or a bare array of events,
   * with timestamps in epoch seconds or ISO-8601 text (as the AWS CLI prints them).
   *
   * @throws IllegalArgumentException when {@code json} is not such a history, naming the event
   */
  public static List<HistoryEvent> fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return SwfJson.readHistory(json);
  }

  /** Writes {@code history} to {@code file} as {@link #toJson} gives it, replacing the file. */
  public static void save(List<HistoryEvent> history, Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Files.writeString(file, toJson(history));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the history to " + file, e);
    }
  }

  /**
   * Reads a history saved in {@code file}.
   *
   * @throws IllegalArgumentException when the file does not hold a history, naming the file
   */
  public static List<HistoryEvent> read(Path file) {
    Objects.requireNonNull(file, "file");
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history " + file, e);
    }
    try {
      return fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
