package dev.flow.cli;

import dev.flow.FlowClient;
import dev.flow.Worker;
import dev.flow.WorkflowFailedException;
import dev.flow.engine.LocalEngine;
import dev.flow.sample.FlowManifest;
import dev.flow.sample.MediaDispatcher;
import dev.flow.sample.MediaImpl;
import dev.flow.sample.ProcessVideoWorkflowClient;
import dev.flow.sample.TranscodeWorkflowClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An engine with the sample's workflows run once: a completed ProcessVideo and a failed Transcode,
 * and a worker still running; reached as {@code embedded:FILE} or over HTTP.
 */
final class SampleRuns implements AutoCloseable {
  static final String DOMAIN = "sample";

  final String engine;
  final Path dir;
  final String video;
  final String subtitles;
  final String processVideoId;
  final String failedTranscodeId;
  private final FlowClient flow;
  private final Worker worker;
  private final LocalEngine local;
  private final LocalEngine.Server server;

  private SampleRuns(Path dir, boolean http) throws IOException {
    this.dir = dir;
    Path db = dir.resolve("flow.db");
    if (http) {
      local = LocalEngine.open(db);
      server = local.serve(new InetSocketAddress("127.0.0.1", 0));
      engine = server.endpoint().toString();
      flow = FlowClient.create(local.client(), DOMAIN);
    } else {
      local = null;
      server = null;
      engine = "embedded:" + db;
      flow = FlowClient.connect(engine, DOMAIN);
    }
    worker =
        Worker.builder(flow)
            .manifest(new FlowManifest())
            .activities(new MediaDispatcher(new MediaImpl(dir)))
            .build()
            .start();
    Path videoFile = dir.resolve("holiday.video");
    Files.writeString(
        videoFile,
        String.join(
            "\n",
            "#chapter Arrival",
            "frame: a plane lands",
            "#chapter Beach",
            "frame: waves",
            "#chapter Summit",
            "frame: the top"),
        StandardCharsets.UTF_8);
    Path srt = dir.resolve("holiday.srt");
    Files.writeString(
        srt, "We landed late at night.\nThen a week by the ocean.\n", StandardCharsets.UTF_8);
    video = videoFile.toUri().toString();
    subtitles = srt.toUri().toString();
    ProcessVideoWorkflowClient.Handle run =
        ProcessVideoWorkflowClient.create(flow).start(video, subtitles);
    run.result();
    processVideoId = run.workflowId();
    TranscodeWorkflowClient.Handle transcode =
        TranscodeWorkflowClient.create(flow).start(video, List.of("av1"));
    try {
      transcode.result();
      throw new IllegalStateException("Transcode to av1 only should fail");
    } catch (WorkflowFailedException expected) {
      // the failed execution the tests describe
    }
    failedTranscodeId = transcode.workflowId();
  }

  static SampleRuns embedded(Path dir) throws IOException {
    return new SampleRuns(dir, false);
  }

  static SampleRuns http(Path dir) throws IOException {
    return new SampleRuns(dir, true);
  }

  Cli cli() {
    return new Cli(engine, DOMAIN);
  }

  FlowClient flow() {
    return flow;
  }

  @Override
  public void close() {
    worker.close();
    flow.close();
    if (server != null) {
      server.close();
    }
    if (local != null) {
      local.close();
    }
  }
}
