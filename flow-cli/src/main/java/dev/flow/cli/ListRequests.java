package dev.flow.cli;

import java.time.Instant;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsRequest;

/**
 * The list requests of {@code flow list} and the web view. SWF takes one filter per request beside
 * the time filter: the most selective one given is sent (workflow id, then close status, then type,
 * then tag), and the caller applies the others to each page.
 */
final class ListRequests {
  private ListRequests() {}

  static ListOpenWorkflowExecutionsRequest open(
      String domain,
      Instant oldest,
      int pageSize,
      String token,
      String id,
      String type,
      String tag) {
    ListOpenWorkflowExecutionsRequest.Builder r =
        ListOpenWorkflowExecutionsRequest.builder()
            .domain(domain)
            .startTimeFilter(ExecutionTimeFilter.builder().oldestDate(oldest).build())
            .maximumPageSize(pageSize)
            .nextPageToken(token);
    if (id != null) {
      r.executionFilter(f -> f.workflowId(id));
    } else if (type != null) {
      r.typeFilter(f -> f.name(type));
    } else if (tag != null) {
      r.tagFilter(f -> f.tag(tag));
    }
    return r.build();
  }

  /** {@code closeStatus} null: every closed execution. */
  static ListClosedWorkflowExecutionsRequest closed(
      String domain,
      Instant oldest,
      int pageSize,
      String token,
      String id,
      String closeStatus,
      String type,
      String tag) {
    ListClosedWorkflowExecutionsRequest.Builder r =
        ListClosedWorkflowExecutionsRequest.builder()
            .domain(domain)
            .startTimeFilter(ExecutionTimeFilter.builder().oldestDate(oldest).build())
            .maximumPageSize(pageSize)
            .nextPageToken(token);
    if (id != null) {
      r.executionFilter(f -> f.workflowId(id));
    } else if (closeStatus != null) {
      r.closeStatusFilter(f -> f.status(CloseStatus.fromValue(closeStatus)));
    } else if (type != null) {
      r.typeFilter(f -> f.name(type));
    } else if (tag != null) {
      r.tagFilter(f -> f.tag(tag));
    }
    return r.build();
  }
}
