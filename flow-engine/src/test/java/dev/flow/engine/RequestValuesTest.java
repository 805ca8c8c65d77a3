package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Values a request may not carry, in any action: dates outside the years 1 to 9999 and text that is
 * not valid Unicode are ValidationExceptions, and nothing is stored.
 */
@InBothModes
class RequestValuesTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aFarDate_inEveryListAndCountFilter_isAValidationException() {
    Instant far = Instant.parse("+300000000-01-01T00:00:00Z");
    Instant tooLate = Instant.parse("+20000-01-01T00:00:00Z");
    Instant tooEarly = Instant.parse("-5000-01-01T00:00:00Z");
    // The SDK cannot write a date past what epoch milliseconds hold; HttpHardeningTest sends those.
    Instant[] dates =
        SwfMode.current() == SwfMode.IN_PROCESS
            ? new Instant[] {far, tooLate, tooEarly, Instant.MIN}
            : new Instant[] {tooLate, tooEarly};
    for (Instant date : dates) {
      assertValidation(
          () ->
              f.swf.countOpenWorkflowExecutions(
                  r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(date))),
          "startTimeFilter.oldestDate");
      assertValidation(
          () ->
              f.swf.listOpenWorkflowExecutions(
                  r ->
                      r.domain(Fixture.DOMAIN)
                          .startTimeFilter(t -> t.oldestDate(Instant.EPOCH).latestDate(date))),
          "startTimeFilter.latestDate");
      assertValidation(
          () ->
              f.swf.countClosedWorkflowExecutions(
                  r -> r.domain(Fixture.DOMAIN).closeTimeFilter(t -> t.oldestDate(date))),
          "closeTimeFilter.oldestDate");
      assertValidation(
          () ->
              f.swf.listClosedWorkflowExecutions(
                  r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(date))),
          "startTimeFilter.oldestDate");
    }
  }

  @Test
  void aLoneSurrogate_isAValidationException_andNothingIsStored() {
    assertValidation(() -> f.start("id-\uD800"), "workflowId");
    assertValidation(() -> f.start("id-\uDC00-x"), "workflowId");
    f.start("ok");
    assertValidation(
        () ->
            f.swf.signalWorkflowExecution(
                r -> r.domain(Fixture.DOMAIN).workflowId("ok").signalName("s").input("a\uD83D")),
        "input");
    assertThat(
            f.swf
                .countOpenWorkflowExecutions(
                    r -> r.domain(Fixture.DOMAIN).startTimeFilter(t -> t.oldestDate(Instant.EPOCH)))
                .count())
        .isEqualTo(1);
    // A pair is a character like any other.
    f.start("id-\uD83D\uDE00");
  }

  private static void assertValidation(Runnable call, String member) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
    assertThat(e).as(member).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo("ValidationException");
    assertThat(e.statusCode()).isEqualTo(400);
    // Over HTTP, a date past what epoch milliseconds hold is refused as its JSON is read, by its
    // field's name; the engine's own check names the whole path.
    assertThat(e.awsErrorDetails().errorMessage())
        .contains(member.substring(member.lastIndexOf('.') + 1));
  }
}
