package dev.flow.internal.replay;

import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A command as the history recorded it: the event a decision produced. Null fields are not recorded
 * by that event and are not compared.
 *
 * @param index the event's index in the history
 * @param event the event
 * @param type the event's type, as the history read it once ({@link HistoryEvent#eventType()} looks
 *     it up in a map at every call)
 * @param kind the command kind
 * @param typeName activity/workflow type name, marker name or signal name
 * @param typeVersion activity/workflow type version
 * @param id activity id, timer id or workflow id
 * @param input the encoded input
 */
record Recorded(
    int index,
    HistoryEvent event,
    EventType type,
    CommandKind kind,
    String typeName,
    String typeVersion,
    String id,
    String input) {

  @Override
  public String toString() {
    return "event "
        + event.eventId()
        + " ("
        + event.eventTypeAsString()
        + ": "
        + kind.decision
        + Command.describe(typeName, typeVersion, id)
        + ")";
  }
}
