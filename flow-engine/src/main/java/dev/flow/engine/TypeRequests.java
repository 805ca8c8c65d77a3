package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.ActivityTypeInfo;
import software.amazon.awssdk.services.swf.model.DeleteActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeleteWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.ListActivityTypesRequest;
import software.amazon.awssdk.services.swf.model.ListActivityTypesResponse;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesRequest;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesResponse;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.WorkflowType;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/**
 * Workflow and activity types: register, describe, list, deprecate, undeprecate, delete. A
 * deprecated type keeps serving what already runs but accepts no new executions or tasks, as in
 * SWF; only a deprecated type can be deleted.
 */
final class TypeRequests {
  private final Engine engine;
  private final DomainRequests domains;

  TypeRequests(Engine engine, DomainRequests domains) {
    this.engine = engine;
    this.domains = domains;
  }

  void registerWorkflowType(RegisterWorkflowTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String name = Check.name(r.name(), "name");
    String version = Check.version(r.version(), "version");
    Check.length(r.description(), 0, 1024, "description");
    Check.seconds(r.defaultTaskStartToCloseTimeout(), true, "defaultTaskStartToCloseTimeout");
    Check.executionTimeout(
        r.defaultExecutionStartToCloseTimeout(), "defaultExecutionStartToCloseTimeout");
    if (r.defaultTaskList() != null) {
      Check.name(r.defaultTaskList().name(), "defaultTaskList.name");
    }
    Check.priority(r.defaultTaskPriority(), "defaultTaskPriority");
    Check.childPolicy(r.defaultChildPolicyAsString(), "defaultChildPolicy");
    WorkflowTypeConfiguration config =
        WorkflowTypeConfiguration.builder()
            .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
            .defaultExecutionStartToCloseTimeout(r.defaultExecutionStartToCloseTimeout())
            .defaultTaskList(r.defaultTaskList())
            .defaultTaskPriority(r.defaultTaskPriority())
            .defaultChildPolicy(r.defaultChildPolicyAsString())
            .defaultLambdaRole(r.defaultLambdaRole())
            .build();
    register(domain, TypeKind.WORKFLOW, name, version, r.description(), SwfJson.toText(config));
  }

  void registerActivityType(RegisterActivityTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String name = Check.name(r.name(), "name");
    String version = Check.version(r.version(), "version");
    Check.length(r.description(), 0, 1024, "description");
    Check.seconds(r.defaultTaskStartToCloseTimeout(), true, "defaultTaskStartToCloseTimeout");
    Check.seconds(r.defaultTaskHeartbeatTimeout(), true, "defaultTaskHeartbeatTimeout");
    Check.seconds(r.defaultTaskScheduleToStartTimeout(), true, "defaultTaskScheduleToStartTimeout");
    Check.seconds(r.defaultTaskScheduleToCloseTimeout(), true, "defaultTaskScheduleToCloseTimeout");
    if (r.defaultTaskList() != null) {
      Check.name(r.defaultTaskList().name(), "defaultTaskList.name");
    }
    Check.priority(r.defaultTaskPriority(), "defaultTaskPriority");
    ActivityTypeConfiguration config =
        ActivityTypeConfiguration.builder()
            .defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
            .defaultTaskHeartbeatTimeout(r.defaultTaskHeartbeatTimeout())
            .defaultTaskList(r.defaultTaskList())
            .defaultTaskPriority(r.defaultTaskPriority())
            .defaultTaskScheduleToStartTimeout(r.defaultTaskScheduleToStartTimeout())
            .defaultTaskScheduleToCloseTimeout(r.defaultTaskScheduleToCloseTimeout())
            .build();
    register(domain, TypeKind.ACTIVITY, name, version, r.description(), SwfJson.toText(config));
  }

  private void register(
      String domain,
      TypeKind kind,
      String name,
      String version,
      String description,
      String config) {
    engine.tx(
        tx -> {
          domains.requireRegistered(tx, domain);
          if (tx.types().get(domain, kind, name, version) != null) {
            throw SwfFaults.typeAlreadyExists(kind.describe(name, version));
          }
          tx.types().insert(domain, kind, name, version, description, tx.now(), config);
          return null;
        });
  }

  private TypeTable.TypeRow require(
      Tx tx, String domain, TypeKind kind, String name, String version) {
    domains.require(tx, domain);
    TypeTable.TypeRow row = tx.types().get(domain, kind, name, version);
    if (row == null) {
      throw SwfFaults.unknownResource("Unknown type: " + kind.describe(name, version));
    }
    return row;
  }

  DescribeWorkflowTypeResponse describeWorkflowType(DescribeWorkflowTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    WorkflowType type = Check.required(r.workflowType(), "workflowType");
    Check.required(type.name(), "workflowType.name");
    Check.required(type.version(), "workflowType.version");
    return engine.tx(
        tx -> {
          TypeTable.TypeRow row =
              require(tx, domain, TypeKind.WORKFLOW, type.name(), type.version());
          return DescribeWorkflowTypeResponse.builder()
              .typeInfo(workflowTypeInfo(row))
              .configuration(row.workflowConfig())
              .build();
        });
  }

  DescribeActivityTypeResponse describeActivityType(DescribeActivityTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    ActivityType type = Check.required(r.activityType(), "activityType");
    Check.required(type.name(), "activityType.name");
    Check.required(type.version(), "activityType.version");
    return engine.tx(
        tx -> {
          TypeTable.TypeRow row =
              require(tx, domain, TypeKind.ACTIVITY, type.name(), type.version());
          return DescribeActivityTypeResponse.builder()
              .typeInfo(activityTypeInfo(row))
              .configuration(row.activityConfig())
              .build();
        });
  }

  private static WorkflowTypeInfo workflowTypeInfo(TypeTable.TypeRow row) {
    return WorkflowTypeInfo.builder()
        .workflowType(t -> t.name(row.name()).version(row.version()))
        .status(row.status().name())
        .description(row.description())
        .creationDate(Instant.ofEpochMilli(row.createdMs()))
        .deprecationDate(deprecated(row))
        .build();
  }

  private static ActivityTypeInfo activityTypeInfo(TypeTable.TypeRow row) {
    return ActivityTypeInfo.builder()
        .activityType(t -> t.name(row.name()).version(row.version()))
        .status(row.status().name())
        .description(row.description())
        .creationDate(Instant.ofEpochMilli(row.createdMs()))
        .deprecationDate(deprecated(row))
        .build();
  }

  private static Instant deprecated(TypeTable.TypeRow row) {
    return row.deprecatedMs() == null ? null : Instant.ofEpochMilli(row.deprecatedMs());
  }

  // ---------------------------------------------------------------- deprecate, undeprecate, delete

  void deprecateWorkflowType(DeprecateWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(r.domain(), TypeKind.WORKFLOW, t.name(), t.version(), Registration.DEPRECATED);
  }

  void undeprecateWorkflowType(UndeprecateWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(r.domain(), TypeKind.WORKFLOW, t.name(), t.version(), Registration.REGISTERED);
  }

  void deleteWorkflowType(DeleteWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(r.domain(), TypeKind.WORKFLOW, t.name(), t.version(), null);
  }

  void deprecateActivityType(DeprecateActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(r.domain(), TypeKind.ACTIVITY, t.name(), t.version(), Registration.DEPRECATED);
  }

  void undeprecateActivityType(UndeprecateActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(r.domain(), TypeKind.ACTIVITY, t.name(), t.version(), Registration.REGISTERED);
  }

  void deleteActivityType(DeleteActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(r.domain(), TypeKind.ACTIVITY, t.name(), t.version(), null);
  }

  /** Deprecates, undeprecates or (status null) deletes a type, with SWF's faults. */
  private void setStatus(
      String domainMember, TypeKind kind, String name, String version, Registration status) {
    String domain = Check.required(domainMember, "domain");
    Check.required(name, kind.member + ".name");
    Check.required(version, kind.member + ".version");
    engine.tx(
        tx -> {
          TypeTable.TypeRow row = require(tx, domain, kind, name, version);
          String type = kind.describe(name, version);
          if (status == null) {
            if (row.status() != Registration.DEPRECATED) {
              throw SwfFaults.typeNotDeprecated(type + " must be deprecated before it is deleted");
            }
            tx.types().delete(domain, kind, name, version);
          } else if (row.status() == status) {
            throw status == Registration.DEPRECATED
                ? SwfFaults.typeDeprecated(type + " is already deprecated")
                : SwfFaults.typeAlreadyExists(type + " is not deprecated");
          } else {
            tx.types()
                .setStatus(
                    domain,
                    kind,
                    name,
                    version,
                    status,
                    status == Registration.DEPRECATED ? tx.now() : null);
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- listing

  ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
    String domain = Check.required(r.domain(), "domain");
    Registration status =
        DomainRequests.registration(
            Check.required(r.registrationStatusAsString(), "registrationStatus"));
    int max = Check.pageSize(r.maximumPageSize());
    long offset = engine.tokens.offset(r.nextPageToken());
    return engine.tx(
        tx -> {
          List<TypeTable.TypeRow> rows =
              list(tx, domain, TypeKind.WORKFLOW, r.name(), status, r.reverseOrder(), max, offset);
          List<WorkflowTypeInfo> infos = new ArrayList<>();
          for (TypeTable.TypeRow row : rows.subList(0, Math.min(max, rows.size()))) {
            infos.add(workflowTypeInfo(row));
          }
          return ListWorkflowTypesResponse.builder()
              .typeInfos(infos)
              .nextPageToken(nextPage(rows, max, offset))
              .build();
        });
  }

  ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
    String domain = Check.required(r.domain(), "domain");
    Registration status =
        DomainRequests.registration(
            Check.required(r.registrationStatusAsString(), "registrationStatus"));
    int max = Check.pageSize(r.maximumPageSize());
    long offset = engine.tokens.offset(r.nextPageToken());
    return engine.tx(
        tx -> {
          List<TypeTable.TypeRow> rows =
              list(tx, domain, TypeKind.ACTIVITY, r.name(), status, r.reverseOrder(), max, offset);
          List<ActivityTypeInfo> infos = new ArrayList<>();
          for (TypeTable.TypeRow row : rows.subList(0, Math.min(max, rows.size()))) {
            infos.add(activityTypeInfo(row));
          }
          return ListActivityTypesResponse.builder()
              .typeInfos(infos)
              .nextPageToken(nextPage(rows, max, offset))
              .build();
        });
  }

  private List<TypeTable.TypeRow> list(
      Tx tx,
      String domain,
      TypeKind kind,
      String name,
      Registration status,
      Boolean reverse,
      int max,
      long offset) {
    domains.require(tx, domain);
    return tx.types().list(domain, kind, name, status, Boolean.TRUE.equals(reverse), max, offset);
  }

  private String nextPage(List<?> rows, int max, long offset) {
    return rows.size() > max ? engine.tokens.encode("l", Long.toString(offset + max)) : null;
  }
}
