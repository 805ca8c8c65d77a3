package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.history.SwfJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.utils.builder.Buildable;

/** {@link EventJson} writes the same text as {@link SwfJson#toText}, for every event type. */
class EventJsonTest {
  @Test
  void everyEventType_withEveryAttributeSet_isTheTextSwfJsonWrites() {
    int types = 0;
    for (EventType type : EventType.knownValues()) {
      HistoryEvent.Builder b =
          HistoryEvent.builder()
              .eventId(42L)
              .eventType(type)
              .eventTimestamp(Instant.ofEpochMilli(1_700_000_000_123L));
      SdkField<?> attributes = attributesOf(type);
      attributes.set(b, filled(attributes.constructor().get()));
      HistoryEvent event = b.build();

      assertThat(EventJson.writesItself(type.toString())).as(type.toString()).isTrue();
      assertThat(EventJson.toText(event)).as(type.toString()).isEqualTo(SwfJson.toText(event));
      assertThat(EventJson.toText(event)).contains("\"eventId\":42", "Attributes\":{\"");
      types++;
    }
    assertThat(types).isGreaterThan(50);
  }

  @Test
  void eventsAsTheEngineAppendsThem_areTheTextSwfJsonWrites() {
    List<HistoryEvent> events =
        List.of(
            HistoryEvent.builder()
                .eventId(1L)
                .eventType(EventType.WORKFLOW_EXECUTION_STARTED)
                .eventTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
                .workflowExecutionStartedEventAttributes(
                    a ->
                        a.input("{\"a\":\"\\u00e9\\n\"}")
                            .tagList(List.of())
                            .workflowType(t -> t.name("wf").version("1")))
                .build(),
            HistoryEvent.builder()
                .eventId(2L)
                .eventType(EventType.DECISION_TASK_SCHEDULED)
                .eventTimestamp(Instant.ofEpochMilli(5))
                .decisionTaskScheduledEventAttributes(a -> a.startToCloseTimeout("NONE"))
                .build(),
            HistoryEvent.builder() // no attributes
                .eventId(3L)
                .eventType(EventType.DECISION_TASK_STARTED)
                .eventTimestamp(Instant.ofEpochMilli(-1))
                .build(),
            HistoryEvent.builder().eventType("SomethingNewer").eventId(4L).build());
    for (HistoryEvent event : events) {
      assertThat(EventJson.toText(event)).isEqualTo(SwfJson.toText(event));
    }
    assertThat(EventJson.writesItself("SomethingNewer")).isFalse(); // SwfJson writes it
  }

  private static SdkField<?> attributesOf(EventType type) {
    String name = type.toString();
    String member = Character.toLowerCase(name.charAt(0)) + name.substring(1) + "EventAttributes";
    for (SdkField<?> field : HistoryEvent.builder().sdkFields()) {
      if (field.locationName().equals(member)) {
        return field;
      }
    }
    throw new AssertionError("no attributes member for " + type);
  }

  /** A model object with every field set to a sample value of its type. */
  private static Object filled(SdkPojo builder) {
    for (SdkField<?> field : builder.sdkFields()) {
      field.set(builder, sample(field));
    }
    return ((Buildable) builder).build();
  }

  private static Object sample(SdkField<?> field) {
    return switch (field.marshallingType().getKnownType()) {
      case STRING -> "v-" + field.locationName() + " \"q\" \u00e9";
      case INTEGER -> 7;
      case LONG -> 9L;
      case BOOLEAN -> true;
      case DOUBLE -> 1.5;
      case INSTANT -> Instant.ofEpochMilli(1_700_000_000_456L);
      case SDK_POJO -> filled(field.constructor().get());
      case LIST -> {
        List<Object> list = new ArrayList<>();
        list.add(sample(field.getRequiredTrait(ListTrait.class).memberFieldInfo()));
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", sample(field.getRequiredTrait(MapTrait.class).valueFieldInfo()));
        yield map;
      }
      default -> throw new AssertionError(field.locationName());
    };
  }
}
