package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.sample.MediaStub;
import dev.flow.sample.ProcessVideoDefinition;
import dev.flow.sample.ProcessVideoImpl;
import dev.flow.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against an engine holding the sample's runs: output, --json shape, exit status and
 * error messages. Runs once on {@code embedded:FILE} and once over HTTP (the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  Path dir;
  SampleRuns sample;
  Cli cli;

  abstract SampleRuns open(Path dir) throws Exception;

  @BeforeAll
  void runTheSample(@TempDir Path dir) throws Exception {
    this.dir = dir;
    sample = open(dir);
    cli = sample.cli();
  }

  @AfterAll
  void close() {
    if (sample != null) {
      sample.close();
    }
  }

  static JsonNode json(Cli.Run run) throws Exception {
    assertThat(run.status()).as(run.toString()).isZero();
    return JSON.readTree(run.out());
  }

  static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void help_listsEveryCommand_andEachCommandHasHelp() {
    Cli.Run run = cli.raw("--help");
    assertThat(run.status()).isZero();
    for (String command :
        List.of(
            "serve",
            "domains",
            "types",
            "start",
            "list",
            "describe",
            "history",
            "result",
            "signal",
            "cancel",
            "terminate",
            "stats",
            "graph",
            "replay",
            "resume")) {
      assertThat(run.out()).contains("  " + command);
      Cli.Run help = cli.raw(command, "--help");
      assertThat(help.status()).as(command).isZero();
      assertThat(help.out()).contains("Usage: flow " + command).contains("--engine=ENGINE");
    }
    assertThat(cli.raw("domains", "list", "--help").out()).contains("Usage: flow domains list");
  }

  @Test
  void usageErrors_exit2_andSayWhatToChange() {
    Cli.Run unknown = cli.run("list", "--bogus");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--bogus'").contains("flow list --help");

    Cli.Run limit = cli.run("list", "--limit", "0");
    assertThat(limit.status()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit: expected 1 to 1000, was 0");

    Cli.Run engine = new Cli("ftp://x", "d").run("list");
    assertThat(engine.status()).isEqualTo(2);
    assertThat(engine.err()).contains("bad engine 'ftp://x'").contains("aws:REGION");

    Cli.Run since = cli.run("list", "--since", "yesterday");
    assertThat(since.status()).isEqualTo(2);
    assertThat(since.err()).contains("--since: expected a duration back from now (2h, 1d)");

    Cli.Run both = cli.run("list", "--open", "--closed");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    Cli.Run none = cli.raw();
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("Usage: flow");
  }

  @Test
  void environment_givesEngineAndDomain() throws Exception {
    Cli.Run run =
        new Cli(null, null)
            .env("FLOW_ENGINE", sample.engine)
            .env("FLOW_DOMAIN", SampleRuns.DOMAIN)
            .run("list", "--closed", "--json");
    assertThat(json(run).path("executions").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void domains_listRegisterDescribe() throws Exception {
    Cli.Run list = cli.run("domains", "list");
    assertThat(list.status()).isZero();
    assertThat(list.out()).startsWith("DOMAIN").contains("sample  REGISTERED");

    String name = "cli-" + getClass().getSimpleName();
    Cli.Run register =
        cli.run(
            "domains",
            "register",
            name,
            "--retention",
            "3",
            "--description",
            "made by the CLI test");
    assertThat(register.out()).isEqualTo("registered domain " + name + " (retention 3 days)\n");
    Cli.Run again = cli.run("domains", "register", name);
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("domain '" + name + "' is already registered");

    JsonNode described = json(cli.run("domains", "describe", name, "--json"));
    assertThat(fields(described)).containsExactly("name", "status", "description", "retentionDays");
    assertThat(described.path("retentionDays").asText()).isEqualTo("3");
    assertThat(cli.run("domains", "describe", name).out()).contains("retention    3 days");

    Cli.Run missing = cli.run("domains", "describe", "no-such-domain");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("no-such-domain").contains("UnknownResourceFault");
  }

  @Test
  void types_listTheSampleTypesWithDefaults() throws Exception {
    Cli.Run table = cli.run("types");
    assertThat(table.out())
        .contains("workflow  ProcessVideo")
        .contains("activity  Media.encodeVideo");
    JsonNode json = json(cli.run("types", "--json"));
    assertThat(fields(json)).containsExactly("workflowTypes", "activityTypes");
    JsonNode encode = null;
    for (JsonNode t : json.path("activityTypes")) {
      if (t.path("name").asText().equals("Media.encodeVideo")) {
        encode = t;
      }
    }
    assertThat(encode).isNotNull();
    assertThat(fields(encode))
        .containsExactly(
            "name",
            "version",
            "status",
            "taskList",
            "scheduleToStartTimeout",
            "startToCloseTimeout",
            "scheduleToCloseTimeout",
            "heartbeatTimeout");
    assertThat(encode.path("taskList").asText()).isEqualTo("media");
  }

  @Test
  void start_withTheArgumentsArray_andWait() throws Exception {
    String input = JSON.writeValueAsString(List.of(sample.video, sample.subtitles));
    JsonNode started =
        json(
            cli.run(
                "start",
                "ProcessVideo",
                "--id",
                "cli-start-" + getClass().getSimpleName(),
                "--input",
                input,
                "--tag",
                "cli",
                "--wait",
                "--json"));
    assertThat(fields(started))
        .containsExactly("workflowId", "runId", "status", "result", "failure");
    assertThat(started.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(started.path("result").path("thumbnails").size()).isEqualTo(3);

    Cli.Run plain = cli.run("start", "ProcessVideo", "--input", input);
    assertThat(plain.out()).startsWith("started ProcessVideo 1.0: workflow id ");
    String id = plain.out().replaceAll("(?s).*workflow id (\\S+),.*", "$1");
    assertThat(cli.run("result", id, "--wait").out()).contains("\"webm\"");
  }

  @Test
  void start_rejectsBadInput_andUnknownTypes() {
    Cli.Run notArray = cli.run("start", "ProcessVideo", "--input", "{\"a\":1}");
    assertThat(notArray.status()).isEqualTo(2);
    assertThat(notArray.err())
        .contains("--input: expected the JSON array of the workflow's" + " arguments");
    Cli.Run notJson = cli.run("start", "ProcessVideo", "--input", "[oops");
    assertThat(notJson.status()).isEqualTo(2);
    assertThat(notJson.err()).contains("--input: not JSON");
    Cli.Run unknown = cli.run("start", "NoSuch.run");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err())
        .contains(
            "workflow type 'NoSuch.run' is not registered in domain"
                + " 'sample': start a worker hosting it");
  }

  @Test
  void list_filtersPagesAndPrintsJson() throws Exception {
    Cli.Run table = cli.run("list", "--closed");
    assertThat(table.status()).isZero();
    assertThat(table.out())
        .startsWith("WORKFLOW ID")
        .contains(sample.processVideoId)
        .contains("ProcessVideo 1.0")
        .contains("COMPLETED")
        .contains(sample.failedTranscodeId)
        .contains("FAILED");

    JsonNode failed = json(cli.run("list", "--status", "failed", "--json"));
    assertThat(fields(failed)).containsExactly("executions", "nextPageToken");
    JsonNode first = failed.path("executions").get(0);
    assertThat(fields(first))
        .containsExactly(
            "workflowId",
            "runId",
            "type",
            "version",
            "status",
            "startTime",
            "closeTime",
            "tags",
            "parent",
            "blocked");
    assertThat(failed.path("executions"))
        .allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("FAILED"));
    assertThat(failed.path("executions").toString())
        .contains(sample.failedTranscodeId)
        .doesNotContain(sample.processVideoId);

    JsonNode byType = json(cli.run("list", "--closed", "--type", "Transcode", "--json"));
    assertThat(byType.path("executions"))
        .allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("Transcode"));

    JsonNode page1 = json(cli.run("list", "--closed", "--limit", "1", "--json"));
    assertThat(page1.path("executions").size()).isEqualTo(1);
    String token = page1.path("nextPageToken").asText();
    JsonNode page2 = json(cli.run("list", "--closed", "--limit", "1", "--page", token, "--json"));
    assertThat(page2.path("executions").get(0).path("runId").asText())
        .isNotEqualTo(page1.path("executions").get(0).path("runId").asText());
    assertThat(cli.run("list", "--closed", "--limit", "1").out()).contains("more: add --page ");

    assertThat(json(cli.run("list", "--since", "2h", "--json")).path("executions").size())
        .isGreaterThanOrEqualTo(2);
    assertThat(
            json(cli.run("list", "--since", "2020-01-01T00:00:00Z", "--closed", "--json"))
                .path("executions")
                .size())
        .isGreaterThanOrEqualTo(2);
    assertThat(cli.run("list", "--blocked").out()).startsWith("no blocked executions match");
  }

  @Test
  void describe_completedAndFailed() throws Exception {
    Cli.Run done = cli.run("describe", sample.processVideoId);
    assertThat(done.status()).isZero();
    assertThat(done.out())
        .contains("workflow id   " + sample.processVideoId)
        .contains("type          ProcessVideo 1.0")
        .contains("status        COMPLETED")
        .contains("task list     video")
        .contains("result        {\"webm\":");
    JsonNode json = json(cli.run("describe", sample.processVideoId, "--json"));
    assertThat(fields(json))
        .containsExactly(
            "workflowId",
            "runId",
            "type",
            "version",
            "status",
            "startTime",
            "closeTime",
            "tags",
            "parent",
            "blocked",
            "taskList",
            "input",
            "result",
            "failure",
            "decisionTask",
            "decisionTasksTimedOut",
            "openActivities",
            "openTimers",
            "children",
            "calls");
    assertThat(json.path("calls").asInt()).isEqualTo(8); // 5 calls, 3 thumbnails
    assertThat(json.path("blocked").isNull()).isTrue();

    Cli.Run failed = cli.run("describe", sample.failedTranscodeId);
    assertThat(failed.out()).contains("status        FAILED").contains("failure       ");
    assertThat(
            json(cli.run("describe", sample.failedTranscodeId, "--json"))
                .path("failure")
                .path("reason")
                .asText())
        .isNotEmpty();

    Cli.Run unknown = cli.run("describe", "no-such-id");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("no execution with workflow id 'no-such-id' in domain" + " 'sample'")
        .contains("flow list");
  }

  @Test
  void history_tableNamesTheCalls_andJsonReplays() throws Exception {
    Cli.Run table = cli.run("history", sample.processVideoId);
    assertThat(table.out())
        .startsWith("ID")
        .contains("WorkflowExecutionStarted")
        .contains("ActivityTaskScheduled")
        .contains("Media.encodeVideo")
        .contains("WorkflowExecutionCompleted");

    Cli.Run json = cli.run("history", sample.processVideoId, "--json");
    JsonNode events = json(json).path("events");
    assertThat(events.get(0).path("eventType").asText()).isEqualTo("WorkflowExecutionStarted");
    assertThat(events.get(0).path("eventTimestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
    assertThat(events.get(0).has("workflowExecutionStartedEventAttributes")).isTrue();

    WorkflowReplayer.Result replayed =
        WorkflowReplayer.replay(
            ProcessVideoDefinition.of(() -> new ProcessVideoImpl(new MediaStub())), json.out());
    assertThat(replayed.closed()).isTrue();
    assertThat(replayed.steps()).isGreaterThan(1);

    Cli.Run followed = cli.run("history", sample.processVideoId, "--follow", "--json");
    assertThat(followed.out().lines().count()).isEqualTo(events.size());
  }

  @Test
  void result_printsTheResult_orTheFailureWithExit1() throws Exception {
    Cli.Run ok = cli.run("result", sample.processVideoId);
    assertThat(ok.status()).isZero();
    assertThat(JSON.readTree(ok.out()).path("thumbnails").size()).isEqualTo(3);

    Cli.Run failed = cli.run("result", sample.failedTranscodeId);
    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.err())
        .contains("execution " + sample.failedTranscodeId)
        .contains(") FAILED: ");
    JsonNode failure = JSON.readTree(cli.run("result", sample.failedTranscodeId, "--json").out());
    assertThat(failure.path("status").asText()).isEqualTo("FAILED");
    assertThat(failure.path("failure").path("reason").asText()).isNotEmpty();
  }

  @Test
  void signalCancelTerminate_onAnExecutionNoWorkerTakes() throws Exception {
    String id = "cli-open-" + getClass().getSimpleName();
    String input = JSON.writeValueAsString(List.of(sample.video, sample.subtitles));
    assertThat(
            cli.run(
                    "start",
                    "ProcessVideo",
                    "--id",
                    id,
                    "--input",
                    input,
                    "--task-list",
                    "nobody-polls-this")
                .status())
        .isZero();

    Cli.Run open = cli.run("result", id);
    assertThat(open.status()).isEqualTo(1);
    assertThat(open.err()).contains("is still open: add --wait");
    Cli.Run described = cli.run("describe", id);
    assertThat(described.out()).contains("status        OPEN").contains("decision task scheduled");

    Cli.Run signal = cli.run("signal", id, "addChapter", "--input", "[\"intro\"]");
    assertThat(signal.out()).isEqualTo("signaled " + id + ": addChapter [\"intro\"]\n");
    assertThat(cli.run("signal", id, "x", "--input", "\"no\"").status()).isEqualTo(2);
    assertThat(cli.run("cancel", id).out()).isEqualTo("cancel requested: " + id + "\n");
    assertThat(cli.run("history", id).out())
        .contains("WorkflowExecutionSignaled")
        .contains("signal addChapter")
        .contains("WorkflowExecutionCancelRequested");
    Cli.Run terminated = cli.run("terminate", id, "--reason", "test over");
    assertThat(terminated.out()).isEqualTo("terminated " + id + ": test over\n");
    assertThat(json(cli.run("list", "--status", "TERMINATED", "--json")).toString()).contains(id);

    Cli.Run again = cli.run("terminate", id);
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("no open execution with workflow id '" + id + "'");
    Cli.Run resume = cli.run("resume", sample.processVideoId);
    assertThat(resume.status()).isEqualTo(1);
    assertThat(resume.err())
        .contains(
            "is COMPLETED: only a failed, timed-out, terminated or"
                + " canceled execution can be resumed");
  }

  @Test
  void stats_ofTheSampleRun() throws Exception {
    Cli.Run table = cli.run("stats", sample.processVideoId);
    assertThat(table.status()).isZero();
    assertThat(table.out())
        .startsWith("wall time ")
        .contains("ACTIVITY TYPE")
        .contains("Media.extractThumbnail  3      3")
        .contains("CRITICAL PATH")
        .contains("waiting for: deciders ");
    JsonNode json = json(cli.run("stats", sample.processVideoId, "--json"));
    assertThat(fields(json))
        .containsExactly(
            "executions",
            "wall",
            "activityTypes",
            "slowest",
            "criticalPath",
            "criticalPathFrom",
            "waiting");
    assertThat(json.path("activityTypes")).hasSize(5);
    JsonNode byType = json(cli.run("stats", "--type", "ProcessVideo", "--since", "1d", "--json"));
    assertThat(byType.path("executions").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(byType.path("criticalPath")).isEmpty();
    Cli.Run neither = cli.run("stats");
    assertThat(neither.status()).isEqualTo(2);
    assertThat(neither.err()).contains("give an execution (flow stats ID) or a type");
  }

  @Test
  void graph_dotAndSvg() throws Exception {
    Cli.Run dot = cli.run("graph", sample.processVideoId);
    assertThat(dot.status()).isZero();
    assertThat(dot.out()).startsWith("digraph execution {").contains("Media.encodeVideo");
    Path svg = dir.resolve("graph.svg");
    Cli.Run toSvg = cli.run("graph", sample.processVideoId, "--out", svg.toString());
    if (GraphCommand.findDot() != null) {
      assertThat(toSvg.status()).as(toSvg.toString()).isZero();
      assertThat(Files.readString(svg)).contains("<svg").contains("Media.encodeVideo");
    } else {
      assertThat(toSvg.status()).isEqualTo(1);
      assertThat(toSvg.err()).contains("SVG needs Graphviz's `dot`, which is not on the PATH");
    }
    assertThat(cli.run("graph", sample.processVideoId, "--format", "png").status()).isEqualTo(2);
  }

  @Test
  void replay_againstTheSampleCode() throws Exception {
    Path classes =
        Path.of(ProcessVideoImpl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Cli.Run ok = cli.run("replay", sample.processVideoId, "--classpath", classes.toString());
    assertThat(ok.status()).as(ok.toString()).isZero();
    assertThat(ok.out())
        .startsWith("OK: ProcessVideo 1.0 replays " + sample.processVideoId)
        .contains("closed the same way");

    Path saved = dir.resolve("history.json");
    Files.writeString(saved, cli.run("history", sample.processVideoId, "--json").out());
    assertThat(
            cli.run("replay", "--history", saved.toString(), "--classpath", classes.toString())
                .status())
        .isZero();

    // the recorded history scheduled targetAds where the code schedules something else
    Path changed = dir.resolve("changed.json");
    Files.writeString(
        changed, Files.readString(saved).replace("Media.targetAds", "Media.targetAdsV0"));
    Cli.Run bad =
        cli.run("replay", "--history", changed.toString(), "--classpath", classes.toString());
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err())
        .startsWith("NOT OK: workflow ProcessVideo 1.0 does not replay")
        .contains("Media.targetAdsV0")
        .contains("Media.targetAds");

    JsonNode verdict =
        JSON.readTree(
            cli.run(
                    "replay",
                    "--history",
                    changed.toString(),
                    "--classpath",
                    classes.toString(),
                    "--json")
                .out());
    assertThat(fields(verdict))
        .containsExactly("ok", "type", "version", "steps", "events", "closed", "message");
    assertThat(verdict.path("ok").asBoolean()).isFalse();
    assertThat(verdict.path("message").asText()).contains("Media.targetAdsV0");

    Cli.Run noManifest = cli.run("replay", sample.processVideoId, "--classpath", dir.toString());
    assertThat(noManifest.status()).isEqualTo(1);
    assertThat(noManifest.err()).contains("no FlowManifest in");
  }
}
