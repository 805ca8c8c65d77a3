package dev.flow.engine;

import dev.flow.history.SwfJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ActivityTypeConfiguration;
import software.amazon.awssdk.services.swf.model.ActivityTypeInfo;
import software.amazon.awssdk.services.swf.model.DeleteActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeleteWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.DeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeActivityTypeResponse;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowTypeResponse;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.ListActivityTypesRequest;
import software.amazon.awssdk.services.swf.model.ListActivityTypesResponse;
import software.amazon.awssdk.services.swf.model.ListDomainsRequest;
import software.amazon.awssdk.services.swf.model.ListDomainsResponse;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesRequest;
import software.amazon.awssdk.services.swf.model.ListWorkflowTypesResponse;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.ResourceTag;
import software.amazon.awssdk.services.swf.model.TagResourceRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.UntagResourceRequest;
import software.amazon.awssdk.services.swf.model.WorkflowType;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowTypeInfo;

/**
 * Domains and types: register, describe, list, deprecate, undeprecate, delete. A deprecated domain
 * or type keeps serving what already runs but accepts no new executions (or, for a domain, new
 * types), as in SWF.
 */
final class Registry {
  static final String WORKFLOW = "W";
  static final String ACTIVITY = "A";

  private final Engine engine;
  private final Store store;

  Registry(Engine engine) {
    this.engine = engine;
    this.store = engine.store;
  }

  void registerDomain(RegisterDomainRequest r) {
    String name = Check.name(r.name(), "name");
    String retention =
        Check.required(
            r.workflowExecutionRetentionPeriodInDays(), "workflowExecutionRetentionPeriodInDays");
    long days = Check.seconds(retention, true, "workflowExecutionRetentionPeriodInDays");
    if (days > 90) {
      throw Faults.validation(
          "Invalid workflowExecutionRetentionPeriodInDays '" + retention + "': at most 90 days");
    }
    Check.length(r.description(), 0, 1024, "description");
    engine.tx(
        () -> {
          if (store.queryString("SELECT name FROM domains WHERE name = ?", name) != null) {
            throw Faults.domainAlreadyExists(name);
          }
          store.update(
              "INSERT INTO domains (name, status, description, retention, created_ms) VALUES (?,"
                  + " 'REGISTERED', ?, ?, ?)",
              name,
              r.description(),
              retention,
              engine.now());
          if (r.hasTags()) {
            putTags(name, r.tags());
          }
          return null;
        });
  }

  DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
    String name = Check.required(r.name(), "name");
    return engine.tx(
        () -> {
          try (ResultSet rs =
              store.query(
                  "SELECT status, description, retention FROM domains WHERE name = ?", name)) {
            if (!rs.next()) {
              throw unknownDomain(name);
            }
            String status = rs.getString(1);
            String description = rs.getString(2);
            String retention = rs.getString(3);
            return DescribeDomainResponse.builder()
                .domainInfo(
                    d -> d.name(name).status(status).description(description).arn(arn(name)))
                .configuration(c -> c.workflowExecutionRetentionPeriodInDays(retention))
                .build();
          } catch (SQLException e) {
            throw new Store.StoreException(e);
          }
        });
  }

  /**
   * Throws UnknownResourceFault unless the domain is registered (deprecated is unknown to new
   * work).
   */
  void requireDomain(String domain) {
    String status = store.queryString("SELECT status FROM domains WHERE name = ?", domain);
    if (status == null) {
      throw unknownDomain(domain);
    }
  }

  /** As {@link #requireDomain}, and the domain must not be deprecated (for new work). */
  void requireRegisteredDomain(String domain) {
    String status = store.queryString("SELECT status FROM domains WHERE name = ?", domain);
    if (status == null) {
      throw unknownDomain(domain);
    }
    if (!status.equals("REGISTERED")) {
      throw Faults.unknownResource(
          "Domain "
              + domain
              + " is deprecated: undeprecate it (UndeprecateDomain) to start"
              + " executions or register types in it");
    }
  }

  static RuntimeException unknownDomain(String domain) {
    return Faults.unknownResource("Unknown domain: " + domain);
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
    registerType(domain, WORKFLOW, name, version, r.description(), SwfJson.toText(config));
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
    registerType(domain, ACTIVITY, name, version, r.description(), SwfJson.toText(config));
  }

  private void registerType(
      String domain, String kind, String name, String version, String description, String config) {
    engine.tx(
        () -> {
          requireRegisteredDomain(domain);
          if (type(domain, kind, name, version) != null) {
            throw Faults.typeAlreadyExists(typeName(kind, name, version));
          }
          store.update(
              "INSERT INTO types (domain, kind, name, version, status, description, created_ms,"
                  + " config) VALUES (?, ?, ?, ?, 'REGISTERED', ?, ?, ?)",
              domain,
              kind,
              name,
              version,
              description,
              engine.now(),
              config);
          return null;
        });
  }

  static String typeName(String kind, String name, String version) {
    return (kind.equals(WORKFLOW) ? "WorkflowType" : "ActivityType")
        + "=[name="
        + name
        + ", version="
        + version
        + "]";
  }

  /** A registered type's row. */
  record TypeRow(
      String status, String description, long createdMs, Long deprecatedMs, String config) {}

  TypeRow type(String domain, String kind, String name, String version) {
    try (ResultSet rs =
        store.query(
            "SELECT status, description, created_ms, deprecated_ms, config FROM types WHERE"
                + " domain = ? AND kind = ? AND name = ? AND version = ?",
            domain,
            kind,
            name,
            version)) {
      if (!rs.next()) {
        return null;
      }
      return new TypeRow(
          rs.getString(1),
          rs.getString(2),
          rs.getLong(3),
          Store.getNullableLong(rs, "deprecated_ms"),
          rs.getString(5));
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
  }

  private TypeRow requireType(String domain, String kind, String name, String version) {
    requireDomain(domain);
    TypeRow row = type(domain, kind, name, version);
    if (row == null) {
      throw Faults.unknownResource("Unknown type: " + typeName(kind, name, version));
    }
    return row;
  }

  DescribeWorkflowTypeResponse describeWorkflowType(DescribeWorkflowTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    WorkflowType type = Check.required(r.workflowType(), "workflowType");
    Check.required(type.name(), "workflowType.name");
    Check.required(type.version(), "workflowType.version");
    return engine.tx(
        () -> {
          TypeRow row = requireType(domain, WORKFLOW, type.name(), type.version());
          return DescribeWorkflowTypeResponse.builder()
              .typeInfo(
                  WorkflowTypeInfo.builder()
                      .workflowType(type)
                      .status(row.status())
                      .description(row.description())
                      .creationDate(Instant.ofEpochMilli(row.createdMs()))
                      .deprecationDate(
                          row.deprecatedMs() == null
                              ? null
                              : Instant.ofEpochMilli(row.deprecatedMs()))
                      .build())
              .configuration(
                  SwfJson.<WorkflowTypeConfiguration>fromText(
                      row.config(), WorkflowTypeConfiguration::builder))
              .build();
        });
  }

  DescribeActivityTypeResponse describeActivityType(DescribeActivityTypeRequest r) {
    String domain = Check.required(r.domain(), "domain");
    ActivityType type = Check.required(r.activityType(), "activityType");
    Check.required(type.name(), "activityType.name");
    Check.required(type.version(), "activityType.version");
    return engine.tx(
        () -> {
          TypeRow row = requireType(domain, ACTIVITY, type.name(), type.version());
          return DescribeActivityTypeResponse.builder()
              .typeInfo(
                  ActivityTypeInfo.builder()
                      .activityType(type)
                      .status(row.status())
                      .description(row.description())
                      .creationDate(Instant.ofEpochMilli(row.createdMs()))
                      .deprecationDate(
                          row.deprecatedMs() == null
                              ? null
                              : Instant.ofEpochMilli(row.deprecatedMs()))
                      .build())
              .configuration(
                  SwfJson.<ActivityTypeConfiguration>fromText(
                      row.config(), ActivityTypeConfiguration::builder))
              .build();
        });
  }

  // ---------------------------------------------------------------- deprecate, undeprecate, delete

  void deprecateDomain(DeprecateDomainRequest r) {
    String name = Check.required(r.name(), "name");
    engine.tx(
        () -> {
          String status = store.queryString("SELECT status FROM domains WHERE name = ?", name);
          if (status == null) {
            throw unknownDomain(name);
          }
          if (status.equals("DEPRECATED")) {
            throw Faults.domainDeprecated("Domain " + name + " is already deprecated");
          }
          store.update("UPDATE domains SET status = 'DEPRECATED' WHERE name = ?", name);
          return null;
        });
  }

  void undeprecateDomain(UndeprecateDomainRequest r) {
    String name = Check.required(r.name(), "name");
    engine.tx(
        () -> {
          String status = store.queryString("SELECT status FROM domains WHERE name = ?", name);
          if (status == null) {
            throw unknownDomain(name);
          }
          if (status.equals("REGISTERED")) {
            throw Faults.domainAlreadyExists("Domain " + name + " is not deprecated");
          }
          store.update("UPDATE domains SET status = 'REGISTERED' WHERE name = ?", name);
          return null;
        });
  }

  void deprecateWorkflowType(DeprecateWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(Check.required(r.domain(), "domain"), WORKFLOW, t.name(), t.version(), "DEPRECATED");
  }

  void undeprecateWorkflowType(UndeprecateWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(Check.required(r.domain(), "domain"), WORKFLOW, t.name(), t.version(), "REGISTERED");
  }

  void deleteWorkflowType(DeleteWorkflowTypeRequest r) {
    WorkflowType t = Check.required(r.workflowType(), "workflowType");
    setStatus(Check.required(r.domain(), "domain"), WORKFLOW, t.name(), t.version(), null);
  }

  void deprecateActivityType(DeprecateActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(Check.required(r.domain(), "domain"), ACTIVITY, t.name(), t.version(), "DEPRECATED");
  }

  void undeprecateActivityType(UndeprecateActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(Check.required(r.domain(), "domain"), ACTIVITY, t.name(), t.version(), "REGISTERED");
  }

  void deleteActivityType(DeleteActivityTypeRequest r) {
    ActivityType t = Check.required(r.activityType(), "activityType");
    setStatus(Check.required(r.domain(), "domain"), ACTIVITY, t.name(), t.version(), null);
  }

  /** Deprecates, undeprecates or (status null) deletes a type, with SWF's faults. */
  private void setStatus(String domain, String kind, String name, String version, String status) {
    String member = kind.equals(WORKFLOW) ? "workflowType" : "activityType";
    Check.required(name, member + ".name");
    Check.required(version, member + ".version");
    engine.tx(
        () -> {
          TypeRow row = requireType(domain, kind, name, version);
          String type = typeName(kind, name, version);
          if (status == null) {
            if (!row.status().equals("DEPRECATED")) {
              throw Faults.typeNotDeprecated(type + " must be deprecated before it is deleted");
            }
            store.update(
                "DELETE FROM types WHERE domain = ? AND kind = ? AND name = ? AND version = ?",
                domain,
                kind,
                name,
                version);
          } else if (row.status().equals(status)) {
            throw status.equals("DEPRECATED")
                ? Faults.typeDeprecated(type + " is already deprecated")
                : Faults.typeAlreadyExists(type + " is not deprecated");
          } else {
            store.update(
                "UPDATE types SET status = ?, deprecated_ms = ? WHERE domain = ? AND kind = ? AND"
                    + " name = ? AND version = ?",
                status,
                status.equals("DEPRECATED") ? engine.now() : null,
                domain,
                kind,
                name,
                version);
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- listing

  ListDomainsResponse listDomains(ListDomainsRequest r) {
    String status = Check.required(r.registrationStatusAsString(), "registrationStatus");
    int max = Check.pageSize(r.maximumPageSize());
    long offset = offset(r.nextPageToken());
    String order = Boolean.TRUE.equals(r.reverseOrder()) ? "DESC" : "ASC";
    return engine.tx(
        () -> {
          List<DomainInfo> infos = new ArrayList<>();
          boolean more = false;
          try (ResultSet rs =
              store.query(
                  "SELECT name, status, description FROM domains WHERE status = ? ORDER BY name "
                      + order
                      + " LIMIT ? OFFSET ?",
                  status,
                  max + 1,
                  offset)) {
            while (rs.next()) {
              if (infos.size() == max) {
                more = true;
                break;
              }
              infos.add(
                  DomainInfo.builder()
                      .arn(arn(rs.getString(1)))
                      .name(rs.getString(1))
                      .status(rs.getString(2))
                      .description(rs.getString(3))
                      .build());
            }
          } catch (SQLException e) {
            throw new Store.StoreException(e);
          }
          return ListDomainsResponse.builder()
              .domainInfos(infos)
              .nextPageToken(more ? engine.tokens.encode("l", Long.toString(offset + max)) : null)
              .build();
        });
  }

  ListWorkflowTypesResponse listWorkflowTypes(ListWorkflowTypesRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String status = Check.required(r.registrationStatusAsString(), "registrationStatus");
    int max = Check.pageSize(r.maximumPageSize());
    long offset = offset(r.nextPageToken());
    return engine.tx(
        () -> {
          List<WorkflowTypeInfo> infos = new ArrayList<>();
          boolean more =
              listTypes(
                  domain,
                  WORKFLOW,
                  r.name(),
                  status,
                  r.reverseOrder(),
                  max,
                  offset,
                  (name, version, row) ->
                      infos.add(
                          WorkflowTypeInfo.builder()
                              .workflowType(t -> t.name(name).version(version))
                              .status(row.status())
                              .description(row.description())
                              .creationDate(Instant.ofEpochMilli(row.createdMs()))
                              .deprecationDate(
                                  row.deprecatedMs() == null
                                      ? null
                                      : Instant.ofEpochMilli(row.deprecatedMs()))
                              .build()));
          return ListWorkflowTypesResponse.builder()
              .typeInfos(infos)
              .nextPageToken(more ? engine.tokens.encode("l", Long.toString(offset + max)) : null)
              .build();
        });
  }

  ListActivityTypesResponse listActivityTypes(ListActivityTypesRequest r) {
    String domain = Check.required(r.domain(), "domain");
    String status = Check.required(r.registrationStatusAsString(), "registrationStatus");
    int max = Check.pageSize(r.maximumPageSize());
    long offset = offset(r.nextPageToken());
    return engine.tx(
        () -> {
          List<ActivityTypeInfo> infos = new ArrayList<>();
          boolean more =
              listTypes(
                  domain,
                  ACTIVITY,
                  r.name(),
                  status,
                  r.reverseOrder(),
                  max,
                  offset,
                  (name, version, row) ->
                      infos.add(
                          ActivityTypeInfo.builder()
                              .activityType(t -> t.name(name).version(version))
                              .status(row.status())
                              .description(row.description())
                              .creationDate(Instant.ofEpochMilli(row.createdMs()))
                              .deprecationDate(
                                  row.deprecatedMs() == null
                                      ? null
                                      : Instant.ofEpochMilli(row.deprecatedMs()))
                              .build()));
          return ListActivityTypesResponse.builder()
              .typeInfos(infos)
              .nextPageToken(more ? engine.tokens.encode("l", Long.toString(offset + max)) : null)
              .build();
        });
  }

  private interface TypeSink {
    void add(String name, String version, TypeRow row);
  }

  /** Lists types by name then version; true if there are more after this page. */
  private boolean listTypes(
      String domain,
      String kind,
      String name,
      String status,
      Boolean reverse,
      int max,
      long offset,
      TypeSink sink) {
    requireDomain(domain);
    String order = Boolean.TRUE.equals(reverse) ? "DESC" : "ASC";
    String sql =
        "SELECT name, version, status, description, created_ms, deprecated_ms, config FROM types"
            + " WHERE domain = ? AND kind = ? AND status = ?"
            + (name == null ? "" : " AND name = ?")
            + " ORDER BY name "
            + order
            + ", version "
            + order
            + " LIMIT ? OFFSET ?";
    Object[] args =
        name == null
            ? new Object[] {domain, kind, status, max + 1, offset}
            : new Object[] {domain, kind, status, name, max + 1, offset};
    int n = 0;
    try (ResultSet rs = store.query(sql, args)) {
      while (rs.next()) {
        if (n++ == max) {
          return true;
        }
        long deprecatedMs = rs.getLong(6);
        Long deprecated = rs.wasNull() ? null : deprecatedMs;
        sink.add(
            rs.getString(1),
            rs.getString(2),
            new TypeRow(
                rs.getString(3), rs.getString(4), rs.getLong(5), deprecated, rs.getString(7)));
      }
    } catch (SQLException e) {
      throw new Store.StoreException(e);
    }
    return false;
  }

  private long offset(String token) {
    if (token == null) {
      return 0;
    }
    String[] t = engine.tokens.decode(token, "l", 2);
    long offset = t == null ? -1 : Tokens.number(t[1]);
    if (offset < 0) {
      throw Faults.validation("Invalid nextPageToken");
    }
    return offset;
  }

  // ---------------------------------------------------------------- domain tags

  static final int MAX_TAGS = 50;
  private static final String ARN_PREFIX = "arn:aws:swf:local:000000000000:/domain/";

  /** The ARN this engine gives a domain (its region and account are placeholders). */
  static String arn(String domain) {
    return ARN_PREFIX + domain;
  }

  /** The registered domain an ARN names, or UnknownResourceFault. */
  private String domainOf(String arn) {
    Check.required(arn, "resourceArn");
    int at = arn.indexOf(":/domain/");
    String domain =
        arn.startsWith("arn:") && at > 0 ? arn.substring(at + ":/domain/".length()) : null;
    if (domain == null
        || store.queryString("SELECT name FROM domains WHERE name = ?", domain) == null) {
      throw Faults.unknownResource(
          "Unknown resource: " + arn + " (expected a domain ARN like " + arn("name") + ")");
    }
    return domain;
  }

  private void putTags(String domain, List<ResourceTag> tags) {
    for (ResourceTag tag : tags) {
      Check.length(Check.required(tag.key(), "tags.member.key"), 1, 128, "tags.member.key");
      Check.length(tag.value(), 0, 256, "tags.member.value");
      store.update(
          "INSERT OR REPLACE INTO domain_tags (domain, key, value) VALUES (?, ?, ?)",
          domain,
          tag.key(),
          tag.value());
    }
    if (store.queryLong("SELECT COUNT(*) FROM domain_tags WHERE domain = ?", 0, domain)
        > MAX_TAGS) {
      throw Faults.tooManyTags("A domain has at most " + MAX_TAGS + " tags");
    }
  }

  void tagResource(TagResourceRequest r) {
    engine.tx(
        () -> {
          putTags(domainOf(r.resourceArn()), r.hasTags() ? r.tags() : List.of());
          return null;
        });
  }

  void untagResource(UntagResourceRequest r) {
    engine.tx(
        () -> {
          String domain = domainOf(r.resourceArn());
          for (String key : r.hasTagKeys() ? r.tagKeys() : List.<String>of()) {
            store.update("DELETE FROM domain_tags WHERE domain = ? AND key = ?", domain, key);
          }
          return null;
        });
  }

  ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return engine.tx(
        () -> {
          String domain = domainOf(r.resourceArn());
          List<ResourceTag> tags = new ArrayList<>();
          try (ResultSet rs =
              store.query(
                  "SELECT key, value FROM domain_tags WHERE domain = ? ORDER BY key", domain)) {
            while (rs.next()) {
              tags.add(ResourceTag.builder().key(rs.getString(1)).value(rs.getString(2)).build());
            }
          } catch (SQLException e) {
            throw new Store.StoreException(e);
          }
          return ListTagsForResourceResponse.builder().tags(tags).build();
        });
  }
}
