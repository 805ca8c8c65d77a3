package dev.flow.sample;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.WorkflowFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the sample workflows on the embedded engine and prints their results.
 *
 * <pre>
 * java -jar sample-app/target/flow-sample.jar [--engine embedded:FILE|http://HOST:PORT] [--work-dir DIR]
 * </pre>
 *
 * <p>The workers and the client share one {@link FlowClient}; the workflow implementations come
 * from the generated {@code FlowManifest}, the media activities (which need a work directory) are
 * added by hand.
 */
public final class SampleMain {
  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  private SampleMain() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n"); // one line per record
    }
    String engine = null;
    Path workDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--engine" -> engine = value(args, ++i, "--engine");
        case "--work-dir" -> workDir = Path.of(value(args, ++i, "--work-dir"));
        default -> {
          System.err.println(
              "unknown argument '"
                  + args[i]
                  + "'; usage: [--engine embedded:FILE|http://HOST:PORT]"
                  + " [--work-dir DIR]");
          System.exit(2);
        }
      }
    }
    if (workDir == null) {
      workDir = Files.createTempDirectory("flow-sample");
    }
    if (engine == null) {
      engine = "embedded:" + workDir.resolve("flow.db");
    }
    run(engine, workDir, System.out);
  }

  /** Runs every sample workflow on {@code engine}, printing to {@code out}. */
  public static void run(String engine, Path workDir, PrintStream out) throws IOException {
    Inputs inputs = Inputs.write(workDir);
    out.println("Flow sample: engine " + engine + ", files in " + workDir);
    try (FlowClient flow = FlowClient.connect(engine, "sample");
        Worker worker =
            Worker.builder(flow)
                .manifest(new FlowManifest())
                .activities(new MediaDispatcher(new MediaImpl(workDir)))
                .build()
                .start()) {
      ProcessVideoWorkflowClient.Handle video =
          ProcessVideoWorkflowClient.create(flow).start(inputs.video(), inputs.subtitles());
      VideoResult result = video.result();
      out.println();
      out.println("ProcessVideo " + video.workflowId() + " completed:");
      out.println("  webm       " + result.webm());
      out.println("  mpeg4      " + result.mpeg4());
      out.println("  thumbnails " + result.thumbnails().size());
      result.thumbnails().forEach(t -> out.println("             " + t));
      out.println("  ads        " + result.ads());

      TranscodeWorkflowClient transcode = TranscodeWorkflowClient.create(flow);
      TranscodeResult fallback = transcode.execute(inputs.video(), List.of("av1", "hevc", "webm"));
      out.println();
      out.println("Transcode fell back to " + fallback.format() + ": " + fallback.url());
      fallback.rejected().forEach(r -> out.println("  rejected " + r));

      try {
        transcode.execute(inputs.video(), List.of("av1"));
        out.println("Transcode to av1 only: unexpectedly succeeded");
      } catch (WorkflowFailedException failure) {
        out.println();
        out.println("Transcode to av1 only " + failure.closeStatus() + ": " + failure.getMessage());
      }
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  /** The sample's input files: a text "video" with chapters, and its subtitles. */
  record Inputs(String video, String subtitles) {
    static Inputs write(Path dir) throws IOException {
      Files.createDirectories(dir);
      Path video = dir.resolve("holiday.video");
      Files.writeString(
          video,
          """
          #chapter Arrival
          frame: a plane lands at night
          frame: the city lights
          #chapter Beach
          frame: waves on the ocean
          #chapter Summit
          frame: the mountain top at dawn
          frame: coffee from a thermos\
          """,
          StandardCharsets.UTF_8);
      Path subtitles = dir.resolve("holiday.srt");
      Files.writeString(
          subtitles,
          """
          We landed late at night.
          The city never sleeps.
          Then a week by the ocean.
          And one last climb up the mountain.\
          """,
          StandardCharsets.UTF_8);
      return new Inputs(video.toUri().toString(), subtitles.toUri().toString());
    }
  }
}
