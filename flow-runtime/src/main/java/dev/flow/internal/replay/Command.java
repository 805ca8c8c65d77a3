package dev.flow.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flow.Settable;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * One command issued by workflow code, with its sequence number, what it is matched on, the
 * decision it becomes when it is new, and the promise its outcome completes.
 */
final class Command {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a command is in its life; {@link #allows} is the transition table. */
  enum State {
    /** Issued, no recorded counterpart: a decision of the current task. */
    NEW,
    /** Matched with the event that recorded it. */
    RECORDED,
    /** An activity task or a child workflow started. */
    STARTED,
    /** Its outcome was delivered. */
    CLOSED;

    boolean allows(State to) {
      return switch (this) {
        case RECORDED -> to == STARTED || to == CLOSED;
        case STARTED -> to == CLOSED;
        case NEW, CLOSED -> false;
      };
    }
  }

  final CommandKind kind;
  final int seq;
  final String typeName;
  final String typeVersion;
  final String id;
  final String input;
  final Type resultType;
  final Supplier<Decision> decision;
  final Settable<Object> promise = new Settable<>();

  /** The call this command is an attempt (or the wait before an attempt) of; else null. */
  Call call;

  State state = State.NEW;
  Recorded recorded;

  /** The {@code control} of its decision ({@link Control}); null: none. */
  String control;

  /** The event that last moved this command (started or closed it). */
  HistoryEvent lastEvent;

  Command(
      CommandKind kind,
      int seq,
      String typeName,
      String typeVersion,
      String id,
      String input,
      Type resultType,
      Supplier<Decision> decision) {
    this.kind = kind;
    this.seq = seq;
    this.typeName = typeName;
    this.typeVersion = typeVersion;
    this.id = id;
    this.input = input;
    this.resultType = resultType;
    this.decision = decision;
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
