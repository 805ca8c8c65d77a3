package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ListOpenWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

@InBothModes
class ListExecutionsTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static List<String> ids(List<WorkflowExecutionInfo> infos) {
    return infos.stream().map(i -> i.execution().workflowId()).collect(Collectors.toList());
  }

  @Test
  void listOpen_newestFirst_filteredByIdAndStartTime_paged() {
    Instant t0 = f.clock.instant();
    f.start("a");
    f.clock.advance(Duration.ofSeconds(10));
    f.start("b");
    f.clock.advance(Duration.ofSeconds(10));
    f.start("c");
    ListOpenWorkflowExecutionsResponse all =
        f.swf.listOpenWorkflowExecutions(
            r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)));
    assertThat(ids(all.executionInfos())).containsExactly("c", "b", "a");
    assertThat(all.executionInfos().get(0).executionStatusAsString()).isEqualTo("OPEN");
    assertThat(
            ids(
                f.swf
                    .listOpenWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(t -> t.oldestDate(t0))
                                .reverseOrder(true))
                    .executionInfos()))
        .containsExactly("a", "b", "c");
    assertThat(
            ids(
                f.swf
                    .listOpenWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(t -> t.oldestDate(t0))
                                .executionFilter(e -> e.workflowId("b")))
                    .executionInfos()))
        .containsExactly("b");
    assertThat(
            ids(
                f.swf
                    .listOpenWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(
                                    t ->
                                        t.oldestDate(t0.plusSeconds(5))
                                            .latestDate(t0.plusSeconds(15))))
                    .executionInfos()))
        .containsExactly("b");
    ListOpenWorkflowExecutionsResponse page1 =
        f.swf.listOpenWorkflowExecutions(
            r ->
                r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)).maximumPageSize(2));
    assertThat(ids(page1.executionInfos())).containsExactly("c", "b");
    ListOpenWorkflowExecutionsResponse page2 =
        f.swf.listOpenWorkflowExecutions(
            r ->
                r.domain(Fixture.DOMAIN)
                    .startTimeFilter(t -> t.oldestDate(t0))
                    .maximumPageSize(2)
                    .nextPageToken(page1.nextPageToken()));
    assertThat(ids(page2.executionInfos())).containsExactly("a");
    assertThat(page2.nextPageToken()).isNull();
    assertThat(
            f.swf
                .countOpenWorkflowExecutions(
                    r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)))
                .count())
        .isEqualTo(3);
  }

  @Test
  void listClosed_byCloseStatusAndCloseTime() {
    Instant t0 = f.clock.instant();
    f.start("a");
    f.start("b");
    f.swf.terminateWorkflowExecution(r -> r.domain(Fixture.DOMAIN).workflowId("a"));
    f.decide(
        f.pollDecision().taskToken(), Fixture.complete("x")); // a's task is stale, so this is b's
    ListClosedWorkflowExecutionsResponse closed =
        f.swf.listClosedWorkflowExecutions(
            r -> r.domain(Fixture.DOMAIN).closeTimeFilter(t -> t.oldestDate(t0)));
    assertThat(ids(closed.executionInfos())).containsExactlyInAnyOrder("a", "b");
    assertThat(
            ids(
                f.swf
                    .listClosedWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(t -> t.oldestDate(t0))
                                .closeStatusFilter(s -> s.status("TERMINATED")))
                    .executionInfos()))
        .containsExactly("a");
    WorkflowExecutionInfo b =
        f.swf
            .listClosedWorkflowExecutions(
                r ->
                    r.domain(Fixture.DOMAIN)
                        .startTimeFilter(t -> t.oldestDate(t0))
                        .executionFilter(e -> e.workflowId("b")))
            .executionInfos()
            .get(0);
    assertThat(b.closeStatusAsString()).isEqualTo("COMPLETED");
    assertThat(b.closeTimestamp()).isNotNull();
    assertThat(
            f.swf
                .listOpenWorkflowExecutions(
                    r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(t0)))
                .executionInfos())
        .isEmpty();
    assertThat(
            f.swf
                .countClosedWorkflowExecutions(
                    r -> r.domain(Fixture.DOMAIN).closeTimeFilter(t -> t.oldestDate(t0)))
                .count())
        .isEqualTo(2);
  }

  @Test
  void list_byTypeAndTag() {
    Instant t0 = f.clock.instant();
    f.swf.startWorkflowExecution(
        r ->
            r.domain(Fixture.DOMAIN)
                .workflowId("tagged")
                .workflowType(t -> t.name("Wf").version("1"))
                .tagList("blue", "big"));
    f.start("plain");
    assertThat(
            ids(
                f.swf
                    .listOpenWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(t -> t.oldestDate(t0))
                                .tagFilter(t -> t.tag("big")))
                    .executionInfos()))
        .containsExactly("tagged");
    assertThat(
            f.swf
                .listOpenWorkflowExecutions(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .startTimeFilter(t -> t.oldestDate(t0))
                            .tagFilter(t -> t.tag("big")))
                .executionInfos()
                .get(0)
                .tagList())
        .containsExactly("blue", "big");
    assertThat(
            ids(
                f.swf
                    .listOpenWorkflowExecutions(
                        r ->
                            r.domain(Fixture.DOMAIN)
                                .startTimeFilter(t -> t.oldestDate(t0))
                                .typeFilter(t -> t.name("Wf")))
                    .executionInfos()))
        .hasSize(2);
  }

  @Test
  void list_withBadFilters_isValidationException() {
    assertThatThrownBy(() -> f.swf.listOpenWorkflowExecutions(r -> r.domain(Fixture.DOMAIN)))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("startTimeFilter");
    assertThatThrownBy(
            () ->
                f.swf.listOpenWorkflowExecutions(
                    r ->
                        r.domain(Fixture.DOMAIN)
                            .startTimeFilter(t -> t.oldestDate(Instant.EPOCH))
                            .executionFilter(e -> e.workflowId("x"))
                            .tagFilter(t -> t.tag("y"))))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("mutually exclusive");
    assertThatThrownBy(() -> f.swf.listClosedWorkflowExecutions(r -> r.domain(Fixture.DOMAIN)))
        .isExactlyInstanceOf(SwfException.class)
        .hasMessageContaining("closeTimeFilter");
  }
}
