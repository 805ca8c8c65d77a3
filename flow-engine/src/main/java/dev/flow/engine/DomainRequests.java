package dev.flow.engine;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.DeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainRequest;
import software.amazon.awssdk.services.swf.model.DescribeDomainResponse;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.ListDomainsRequest;
import software.amazon.awssdk.services.swf.model.ListDomainsResponse;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.swf.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.ResourceTag;
import software.amazon.awssdk.services.swf.model.TagResourceRequest;
import software.amazon.awssdk.services.swf.model.UndeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.UntagResourceRequest;

/**
 * Domains and their tags: register, describe, list, deprecate, undeprecate; tag, untag, list tags.
 * A deprecated domain keeps serving what already runs but accepts no new executions or types, as in
 * SWF.
 */
final class DomainRequests {
  static final int MAX_TAGS = 50;
  private static final String ARN_PREFIX = "arn:aws:swf:local:000000000000:/domain/";

  private final Engine engine;

  DomainRequests(Engine engine) {
    this.engine = engine;
  }

  void registerDomain(RegisterDomainRequest r) {
    String name = Check.name(r.name(), "name");
    String retention =
        Check.required(
            r.workflowExecutionRetentionPeriodInDays(), "workflowExecutionRetentionPeriodInDays");
    long days = Check.seconds(retention, true, "workflowExecutionRetentionPeriodInDays");
    if (days > 90) {
      throw SwfFaults.validation(
          "Invalid workflowExecutionRetentionPeriodInDays '" + retention + "': at most 90 days");
    }
    Check.length(r.description(), 0, 1024, "description");
    engine.tx(
        tx -> {
          if (tx.domains().status(name) != null) {
            throw SwfFaults.domainAlreadyExists(name);
          }
          tx.domains().insert(name, r.description(), retention, tx.now());
          if (r.hasTags()) {
            putTags(tx, name, r.tags());
          }
          return null;
        });
  }

  DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
    String name = Check.required(r.name(), "name");
    return engine.tx(
        tx -> {
          DomainTable.DomainRow d = tx.domains().byName(name);
          if (d == null) {
            throw unknown(name);
          }
          return DescribeDomainResponse.builder()
              .domainInfo(
                  i ->
                      i.name(name)
                          .status(d.status().name())
                          .description(d.description())
                          .arn(arn(name)))
              .configuration(c -> c.workflowExecutionRetentionPeriodInDays(d.retentionDays()))
              .build();
        });
  }

  /** Throws UnknownResourceFault unless the domain is registered (deprecated or not). */
  void require(Tx tx, String domain) {
    if (tx.domains().status(domain) == null) {
      throw unknown(domain);
    }
  }

  /** As {@link #require}, and the domain must not be deprecated (for new work). */
  void requireRegistered(Tx tx, String domain) {
    Registration status = tx.domains().status(domain);
    if (status == null) {
      throw unknown(domain);
    }
    if (status != Registration.REGISTERED) {
      throw SwfFaults.unknownResource(
          "Domain "
              + domain
              + " is deprecated: undeprecate it (UndeprecateDomain) to start"
              + " executions or register types in it");
    }
  }

  static RuntimeException unknown(String domain) {
    return SwfFaults.unknownResource("Unknown domain: " + domain);
  }

  void deprecateDomain(DeprecateDomainRequest r) {
    setStatus(Check.required(r.name(), "name"), Registration.DEPRECATED);
  }

  void undeprecateDomain(UndeprecateDomainRequest r) {
    setStatus(Check.required(r.name(), "name"), Registration.REGISTERED);
  }

  private void setStatus(String name, Registration status) {
    engine.tx(
        tx -> {
          Registration now = tx.domains().status(name);
          if (now == null) {
            throw unknown(name);
          }
          if (now == status) {
            throw status == Registration.DEPRECATED
                ? SwfFaults.domainDeprecated("Domain " + name + " is already deprecated")
                : SwfFaults.domainAlreadyExists("Domain " + name + " is not deprecated");
          }
          tx.domains().setStatus(name, status);
          return null;
        });
  }

  ListDomainsResponse listDomains(ListDomainsRequest r) {
    Registration status =
        registration(Check.required(r.registrationStatusAsString(), "registrationStatus"));
    int max = Check.pageSize(r.maximumPageSize());
    long offset = engine.tokens.offset(r.nextPageToken());
    return engine.tx(
        tx -> {
          List<DomainTable.DomainRow> rows =
              tx.domains().list(status, Boolean.TRUE.equals(r.reverseOrder()), max, offset);
          List<DomainInfo> infos = new ArrayList<>();
          for (DomainTable.DomainRow d : rows.subList(0, Math.min(max, rows.size()))) {
            infos.add(
                DomainInfo.builder()
                    .arn(arn(d.name()))
                    .name(d.name())
                    .status(d.status().name())
                    .description(d.description())
                    .build());
          }
          return ListDomainsResponse.builder()
              .domainInfos(infos)
              .nextPageToken(
                  rows.size() > max ? engine.tokens.encode("l", Long.toString(offset + max)) : null)
              .build();
        });
  }

  /** A registrationStatus member's value. */
  static Registration registration(String status) {
    try {
      return Registration.of(status);
    } catch (IllegalArgumentException e) {
      throw SwfFaults.validation(
          "Invalid registrationStatus '" + status + "': REGISTERED or DEPRECATED");
    }
  }

  // ---------------------------------------------------------------- tags

  /** The ARN this engine gives a domain (its region and account are placeholders). */
  static String arn(String domain) {
    return ARN_PREFIX + domain;
  }

  /** The registered domain an ARN names, or UnknownResourceFault. */
  private String domainOf(Tx tx, String arn) {
    Check.required(arn, "resourceArn");
    int at = arn.indexOf(":/domain/");
    String domain =
        arn.startsWith("arn:") && at > 0 ? arn.substring(at + ":/domain/".length()) : null;
    if (domain == null || tx.domains().status(domain) == null) {
      throw SwfFaults.unknownResource(
          "Unknown resource: " + arn + " (expected a domain ARN like " + arn("name") + ")");
    }
    return domain;
  }

  private void putTags(Tx tx, String domain, List<ResourceTag> tags) {
    for (ResourceTag tag : tags) {
      Check.length(Check.required(tag.key(), "tags.member.key"), 1, 128, "tags.member.key");
      Check.length(tag.value(), 0, 256, "tags.member.value");
      tx.domains().putTag(domain, tag.key(), tag.value());
    }
    if (tx.domains().countTags(domain) > MAX_TAGS) {
      throw SwfFaults.tooManyTags("A domain has at most " + MAX_TAGS + " tags");
    }
  }

  void tagResource(TagResourceRequest r) {
    engine.tx(
        tx -> {
          putTags(tx, domainOf(tx, r.resourceArn()), r.hasTags() ? r.tags() : List.of());
          return null;
        });
  }

  void untagResource(UntagResourceRequest r) {
    engine.tx(
        tx -> {
          String domain = domainOf(tx, r.resourceArn());
          for (String key : r.hasTagKeys() ? r.tagKeys() : List.<String>of()) {
            tx.domains().deleteTag(domain, key);
          }
          return null;
        });
  }

  ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
    return engine.tx(
        tx ->
            ListTagsForResourceResponse.builder()
                .tags(tx.domains().tags(domainOf(tx, r.resourceArn())))
                .build());
  }
}
