package dev.flow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/** {@code flow start TYPE}: starts an execution, as the generated client does. */
@Command(
    name = "start",
    description = {
      "Start an execution of workflow type TYPE (ProcessVideo), as its generated client"
          + " would.",
      "The input is the JSON array of the workflow method's arguments, in order, each as the"
          + " JSON data converter writes it: '[\"file:/in.mp4\", \"file:/in.srt\"]' for"
          + " process(String videoUrl, String subtitleUrl); [] for none."
    })
final class StartCommand extends CliCommand {
  @Parameters(paramLabel = "TYPE", description = "the workflow type name, as `flow types` lists it")
  String type;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "the type's version [default: the only registered one]")
  String version;

  @Option(names = "--id", paramLabel = "ID", description = "the workflow id [default: a UUID]")
  String id;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "the arguments as a JSON array [default: []]")
  String input;

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "read the JSON array of arguments from FILE")
  Path inputFile;

  @Option(
      names = "--task-list",
      paramLabel = "NAME",
      description = "the decision task list [default: the type's]")
  String taskList;

  @Option(names = "--tag", paramLabel = "TAG", description = "a tag (up to 5; repeat the option)")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--execution-timeout",
      paramLabel = "DURATION",
      description =
          "the execution's start-to-close timeout (90s, 10m, 2h, 1d) [default: the type's]")
  String executionTimeout;

  @Option(
      names = "--wait",
      description = "wait for the execution to close and print its result (exit 1 if it failed)")
  boolean await;

  @Option(names = "--json", description = "print {workflowId, runId} (with --wait: as `result`)")
  boolean json;

  @Override
  int run() throws Exception {
    String arguments = arguments();
    if (tags.size() > 5) {
      throw CliException.usage("--tag: SWF takes at most 5 tags, got " + tags.size());
    }
    String workflowId = id != null ? id : UUID.randomUUID().toString();
    try (Engine engine = engine()) {
      String v = version != null ? version : onlyVersion(engine);
      StartWorkflowExecutionRequest.Builder request =
          StartWorkflowExecutionRequest.builder()
              .domain(engine.domain())
              .workflowId(workflowId)
              .workflowType(t -> t.name(type).version(v))
              .input(arguments)
              .childPolicy(ChildPolicy.TERMINATE);
      if (taskList != null) {
        request.taskList(t -> t.name(taskList));
      }
      if (!tags.isEmpty()) {
        request.tagList(tags);
      }
      if (executionTimeout != null) {
        request.executionStartToCloseTimeout(
            Long.toString(Since.duration("--execution-timeout", executionTimeout).toSeconds()));
      }
      String runId;
      try {
        runId = engine.swf().startWorkflowExecution(request.build()).runId();
      } catch (WorkflowExecutionAlreadyStartedException e) {
        throw new CliException(
            "workflow id '"
                + workflowId
                + "' is already used by an open execution in domain '"
                + engine.domain()
                + "': wait for it to close, or pass another --id");
      }
      WorkflowExecution execution =
          WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
      if (await) {
        return ResultCommand.awaitAndPrint(this, engine, execution, json);
      }
      if (json) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("workflowId", workflowId);
        o.put("runId", runId);
        printJson(o);
      } else {
        out()
            .println(
                "started " + type + " " + v + ": workflow id " + workflowId + ", run " + runId);
      }
      return 0;
    }
  }

  private String arguments() throws IOException {
    if (input != null && inputFile != null) {
      throw CliException.usage("give --input or --input-file, not both");
    }
    String text = input;
    String from = "--input";
    if (inputFile != null) {
      if (!Files.isReadable(inputFile)) {
        throw CliException.usage("--input-file: cannot read " + inputFile);
      }
      text = Files.readString(inputFile);
      from = "--input-file " + inputFile;
    }
    if (text == null) {
      return "[]";
    }
    return Arguments.jsonArray(from, text, "the workflow's arguments", "[\"file:/in.mp4\", 3]");
  }

  private String onlyVersion(Engine engine) {
    List<WorkflowTypeInfo> infos =
        engine
            .swf()
            .listWorkflowTypes(
                b ->
                    b.domain(engine.domain())
                        .name(type)
                        .registrationStatus(RegistrationStatus.REGISTERED))
            .typeInfos();
    if (infos.isEmpty()) {
      throw new CliException(
          "workflow type '"
              + type
              + "' is not registered in domain '"
              + engine.domain()
              + "': start a worker hosting it (it registers its types), or see `flow types`");
    }
    if (infos.size() > 1) {
      List<String> versions = new ArrayList<>();
      infos.forEach(i -> versions.add(i.workflowType().version()));
      throw CliException.usage(
          "workflow type '" + type + "' has versions " + versions + ": choose one with --version");
    }
    return infos.get(0).workflowType().version();
  }
}
