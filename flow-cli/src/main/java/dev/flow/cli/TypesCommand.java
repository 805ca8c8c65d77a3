package dev.flow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.ActivityTypeInfo;
import software.amazon.awssdk.services.swf.model.ListActivityTypesResponse;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesResponse;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/** {@code flow types}: the workflow and activity types of a domain with their defaults. */
@Command(
    name = "types",
    description =
        "The workflow and activity types registered in the domain, with their default task list"
            + " and timeouts.")
final class TypesCommand extends CliCommand {
  @Option(names = "--deprecated", description = "list the deprecated types instead")
  boolean deprecated;

  @Option(
      names = "--json",
      description =
          "print {\"workflowTypes\": [{name, version, status, taskList,"
              + " executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy}],"
              + " \"activityTypes\": [{name, version, status, taskList, scheduleToStartTimeout,"
              + " startToCloseTimeout, scheduleToCloseTimeout, heartbeatTimeout}]}"
              + " (timeouts in seconds as SWF gives them, or NONE)")
  boolean json;

  @Override
  int run() {
    RegistrationStatus status =
        deprecated ? RegistrationStatus.DEPRECATED : RegistrationStatus.REGISTERED;
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode workflows = root.putArray("workflowTypes");
    ArrayNode activities = root.putArray("activityTypes");
    try (Engine engine = engine()) {
      List<WorkflowTypeInfo> wts = new ArrayList<>();
      String token = null;
      do {
        String page = token;
        ListWorkflowTypesResponse r =
            engine
                .swf()
                .listWorkflowTypes(
                    b -> b.domain(engine.domain()).registrationStatus(status).nextPageToken(page));
        wts.addAll(r.typeInfos());
        token = r.nextPageToken();
      } while (token != null);
      for (WorkflowTypeInfo info : wts) {
        WorkflowTypeConfiguration c =
            engine
                .swf()
                .describeWorkflowType(
                    b -> b.domain(engine.domain()).workflowType(info.workflowType()))
                .configuration();
        ObjectNode o = workflows.addObject();
        o.put("name", info.workflowType().name());
        o.put("version", info.workflowType().version());
        o.put("status", info.statusAsString());
        o.put("taskList", c.defaultTaskList() == null ? null : c.defaultTaskList().name());
        o.put("executionStartToCloseTimeout", c.defaultExecutionStartToCloseTimeout());
        o.put("taskStartToCloseTimeout", c.defaultTaskStartToCloseTimeout());
        o.put("childPolicy", c.defaultChildPolicyAsString());
      }
      List<ActivityTypeInfo> ats = new ArrayList<>();
      token = null;
      do {
        String page = token;
        ListActivityTypesResponse r =
            engine
                .swf()
                .listActivityTypes(
                    b -> b.domain(engine.domain()).registrationStatus(status).nextPageToken(page));
        ats.addAll(r.typeInfos());
        token = r.nextPageToken();
      } while (token != null);
      for (ActivityTypeInfo info : ats) {
        ActivityTypeConfiguration c =
            engine
                .swf()
                .describeActivityType(
                    b -> b.domain(engine.domain()).activityType(info.activityType()))
                .configuration();
        ObjectNode o = activities.addObject();
        o.put("name", info.activityType().name());
        o.put("version", info.activityType().version());
        o.put("status", info.statusAsString());
        o.put("taskList", c.defaultTaskList() == null ? null : c.defaultTaskList().name());
        o.put("scheduleToStartTimeout", c.defaultTaskScheduleToStartTimeout());
        o.put("startToCloseTimeout", c.defaultTaskStartToCloseTimeout());
        o.put("scheduleToCloseTimeout", c.defaultTaskScheduleToCloseTimeout());
        o.put("heartbeatTimeout", c.defaultTaskHeartbeatTimeout());
      }
    }
    if (json) {
      printJson(root);
      return 0;
    }
    Table t = new Table("KIND", "TYPE", "VERSION", "TASK LIST", "TIMEOUTS");
    workflows.forEach(
        o ->
            t.row(
                "workflow",
                o.path("name").asText(),
                o.path("version").asText(),
                o.path("taskList").asText("-"),
                "execution "
                    + Format.seconds(o.path("executionStartToCloseTimeout").asText(null))
                    + ", decision "
                    + Format.seconds(o.path("taskStartToCloseTimeout").asText(null))));
    activities.forEach(
        o ->
            t.row(
                "activity",
                o.path("name").asText(),
                o.path("version").asText(),
                o.path("taskList").asText("-"),
                "schedule-to-start "
                    + Format.seconds(o.path("scheduleToStartTimeout").asText(null))
                    + ", start-to-close "
                    + Format.seconds(o.path("startToCloseTimeout").asText(null))
                    + ", heartbeat "
                    + Format.seconds(o.path("heartbeatTimeout").asText(null))));
    if (t.size() == 0) {
      out()
          .println(
              "no "
                  + (deprecated ? "deprecated" : "registered")
                  + " types in domain "
                  + root().domain()
                  + " (a worker registers its types when it starts)");
      return 0;
    }
    t.print(out());
    return 0;
  }
}
