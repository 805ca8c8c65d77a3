package dev.flow.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.Settable;
import java.lang.reflect.Type;
import java.util.Objects;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * One command issued by workflow code: its sequence number, what it is matched on, the decision it
 * becomes when it is new, the promise its outcome completes, and where it is in its life. Each kind
 * is a subclass holding its states and transition table ({@link Transitions}): {@link
 * ActivityCommand}, {@link ChildCommand}, {@link TimerCommand}, {@link MarkerCommand}, {@link
 * SignalExternalCommand}, {@link CancelExternalCommand}.
 *
 * @param <S> the states of its kind
 */
abstract class Command<S extends Enum<S>> {
  private static final ObjectMapper JSON = new ObjectMapper();

  final CommandKind kind;
  final int seq;
  final String typeName;
  final String typeVersion;
  final String id;
  final String input;
  final Type resultType;

  /**
   * What its outcome completes, made when first asked for: the commands of calls complete their
   * call's result instead, so most never have one.
   */
  private Settable<Object> promise;

  private final Transitions<S, ?> transitions;

  /** Where it is in its life; moved only by its kind's {@link Transitions}. */
  S state;

  /** The event that recorded it; null while it is new. */
  Recorded recorded;

  /** The event that last moved it (recorded, started or closed it). */
  HistoryEvent lastEvent;

  /** The {@code control} of its decision ({@link Control}); null: none. */
  String control;

  Command(
      Transitions<S, ?> transitions,
      int seq,
      String typeName,
      String typeVersion,
      String id,
      String input,
      Type resultType) {
    this.transitions = transitions;
    this.kind = transitions.kind;
    this.state = transitions.initial;
    this.seq = seq;
    this.typeName = typeName;
    this.typeVersion = typeVersion;
    this.id = id;
    this.input = input;
    this.resultType = resultType;
  }

  /** The promise its outcome completes. */
  final Settable<Object> promise() {
    if (promise == null) {
      promise = new Settable<>();
    }
    return promise;
  }

  /** The SWF decision it becomes when it is new. */
  abstract Decision decision();

  /** Matches it with {@code recorded}, the event that recorded it (its kind's recorded row). */
  final void record(Recorded recorded) {
    table().record(this, recorded);
  }

  /**
   * Delivers {@code event}, which reports on it: its kind's delivered row, or an invalid history.
   */
  final void deliver(HistoryEvent event, EventType type, Delivery delivery) {
    table().deliver(this, event, type, delivery);
  }

  /**
   * Its kind's table, typed for this command: each kind passes its own table to the constructor, so
   * the actions of its rows get the command class they are declared for.
   */
  @SuppressWarnings("unchecked")
  private Transitions<S, Command<S>> table() {
    return (Transitions<S, Command<S>>) transitions;
  }

  /** Whether the history recorded it and its outcome was not delivered yet. */
  final boolean open() {
    return state != transitions.initial && state != transitions.closed;
  }

  /**
   * Whether this command is the one {@code r} recorded; null fields of {@code r} match anything.
   */
  boolean matches(Recorded r) {
    return kind == r.kind()
        && (r.typeName() == null || r.typeName().equals(typeName))
        && (r.typeVersion() == null || r.typeVersion().equals(typeVersion))
        && (r.id() == null || r.id().equals(id))
        && (!kind.comparesInput || r.input() == null || sameInput(r.input(), input));
  }

  /**
   * Sets its promise to {@code result}, decoded as its result type, unless the promise is ready
   * (canceled already); a result that does not decode fails it.
   */
  void succeed(Delivery delivery, String result) {
    Settable<Object> promise = promise();
    if (promise.isReady()) {
      return;
    }
    Object value;
    try {
      value = delivery.converter().fromData(result, resultType);
    } catch (RuntimeException e) {
      promise.fail(e);
      return;
    }
    promise.set(value);
  }

  /** Equal strings, or (rarely, so parsed only then) equal JSON values written differently. */
  static boolean sameInput(String recorded, String issued) {
    if (Objects.equals(recorded, issued)) {
      return true;
    }
    if (recorded == null || issued == null) {
      return false;
    }
    try {
      return JSON.readTree(recorded).equals(JSON.readTree(issued));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "command #" + seq + " (" + kind.decision + describe(typeName, typeVersion, id) + ")";
  }

  static String describe(String typeName, String typeVersion, String id) {
    StringBuilder s = new StringBuilder();
    if (typeName != null) {
      s.append(' ').append(typeName);
    }
    if (typeVersion != null) {
      s.append(" version ").append(typeVersion);
    }
    if (id != null) {
      s.append(" id ").append(id);
    }
    return s.toString();
  }
}
