package dev.flow.sample.features;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Small readers of histories for the feature tests. */
final class Histories {
  private Histories() {}

  static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.eventType() == type).count();
  }

  static List<HistoryEvent> of(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.eventType() == type).collect(Collectors.toList());
  }

  static long realMillisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
