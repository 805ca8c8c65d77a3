package dev.flow.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The JSON of Amazon SWF's model objects, as SWF's JSON 1.0 protocol carries them and as {@code aws
 * swf get-workflow-execution-history} prints a history: {@link HistoryEvent}s, {@code Decision}s,
 * requests, responses, type configurations, any shape of the AWS SDK's {@code swf} model. One codec
 * for every shape, with no per-shape code: it reads and writes through the model's own field
 * metadata ({@link SdkPojo#sdkFields()}), so it follows the SDK's model as it is.
 *
 * <pre>{@code
 * List<HistoryEvent> events = SwfJson.readHistory(Files.readString(Path.of("run.json")));
 * String text = SwfJson.writeHistory(events).toPrettyString();   // {"events": [...]}
 * String decision = SwfJson.toText(someDecision);                 // one object, compact
 * Decision back = SwfJson.fromText(decision, Decision::builder);
 * }</pre>
 *
 * <p>Written: unset fields are left out; timestamps are epoch seconds with millisecond fractions
 * ({@code 1700000000.123}), as SWF sends them. Read: timestamps may also be ISO-8601 text with an
 * offset, as the AWS CLI prints them by default; fields this SDK does not know (from a newer model)
 * are ignored; a value of the wrong JSON type is an {@link IllegalArgumentException} naming the
 * field. {@link dev.flow.Histories} is the short way to save and read whole histories; this class
 * is for single events, decisions and other shapes, and for streaming ({@link #write(SdkPojo,
 * JsonGenerator)}). The embedded engine speaks SWF over HTTP, and stores its events, with it.
 *
 * <p>Its methods take and give Jackson's tree ({@link JsonNode}, {@link ObjectNode}) and streaming
 * ({@link JsonGenerator}) types, and the AWS SDK's model types. Thread-safe: it holds no state.
 */
public final class SwfJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads trees keeping decimals as written: timestamps keep their 3 decimals, as SWF sends. */
  private static final ObjectReader TREE =
      MAPPER.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  private SwfJson() {}

  /** {@code pojo} as JSON text (streamed, the same text as {@link #write(SdkPojo)} gives). */
  public static String toText(SdkPojo pojo) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
      write(pojo, out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + pojo.getClass().getSimpleName(), e);
    }
    return text.toString();
  }

  /**
   * Writes {@code pojo} as a JSON object to {@code out}, as it comes, without building a tree: the
   * same JSON as {@link #write(SdkPojo)}, for answers streamed to a connection (a decision task's
   * history) and events written to the store.
   */
  public static void write(SdkPojo pojo, JsonGenerator out) throws IOException {
    out.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null && !isAutoConstructed(value)) {
        out.writeFieldName(field.locationName());
        writeValue(field, value, out);
      }
    }
    out.writeEndObject();
  }

  private static void writeValue(SdkField<?> field, Object value, JsonGenerator out)
      throws IOException {
    switch (field.marshallingType().getKnownType()) {
      case STRING -> out.writeString(value.toString());
      case INTEGER -> out.writeNumber((Integer) value);
      case LONG -> out.writeNumber((Long) value);
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case DOUBLE -> out.writeNumber((Double) value);
      case INSTANT -> out.writeNumber(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
      case SDK_POJO -> write((SdkPojo) value, out);
      case LIST -> {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        out.writeStartArray();
        for (Object element : (List<?>) value) {
          writeValue(member, element, out);
        }
        out.writeEndArray();
      }
      case MAP -> {
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        out.writeStartObject();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          out.writeFieldName(e.getKey().toString());
          writeValue(member, e.getValue(), out);
        }
        out.writeEndObject();
      }
      default ->
          throw new IllegalArgumentException(
              "field "
                  + field.locationName()
                  + " has an unsupported type "
                  + field.marshallingType().getKnownType());
    }
  }

  /** A factory of {@link JsonGenerator}s to hand {@link #write(SdkPojo, JsonGenerator)}. */
  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }

  /**
   * Reads JSON text into the model object {@code builder} builds, as {@code SwfJson.fromText(text,
   * Decision::builder)}: for text this codec wrote, such as a store's.
   *
   * @throws IllegalStateException when {@code json} is not JSON
   * @throws IllegalArgumentException when a field has a value of the wrong type
   */
  public static <T, B extends SdkPojo & SdkBuilder<?, T>> T fromText(
      String json, Supplier<B> builder) {
    try {
      B b = builder.get();
      fill(MAPPER.readTree(json), b);
      return b.build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The events of a history as {@code aws swf get-workflow-execution-history} prints it ({@code
   * {"events": [...]}}), or a bare array of events.
   *
   * @throws IllegalArgumentException when {@code json} is not such a history, naming the event
   */
  public static List<HistoryEvent> readHistory(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode events =
        root != null && root.isArray() ? root : root == null ? null : root.get("events");
    if (events == null || !events.isArray()) {
      throw new IllegalArgumentException(
          "expected a history: {\"events\": [...]} as `aws swf get-workflow-execution-history`"
              + " prints it, or an array of events");
    }
    List<HistoryEvent> history = new ArrayList<>(events.size());
    int i = 0;
    for (JsonNode event : events) {
      try {
        history.add((HistoryEvent) read(event, HistoryEvent.builder()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "event " + i + " (eventId " + event.path("eventId") + "): " + e.getMessage(), e);
      }
      i++;
    }
    return history;
  }

  /**
   * {@code {"events": [...]}} of {@code history}, as SWF returns it ({@code
   * GetWorkflowExecutionHistory}); {@link ObjectNode#toPrettyString()} gives its text.
   */
  public static ObjectNode writeHistory(List<HistoryEvent> history) {
    ArrayNode events = NODES.arrayNode();
    for (HistoryEvent e : history) {
      events.add(write(e));
    }
    ObjectNode root = NODES.objectNode();
    root.set("events", events);
    return root;
  }

  /**
   * Fills {@code builder} (a model builder, such as {@code HistoryEvent.builder()}) from {@code
   * json} and builds it: a {@code HistoryEvent} for that builder.
   *
   * @throws IllegalArgumentException when {@code json} is not an object, or a field has a value of
   *     the wrong type (the message names the field)
   * @throws OutOfRangeException when a timestamp is beyond what epoch milliseconds reach
   */
  public static Object read(JsonNode json, SdkPojo builder) {
    fill(json, builder);
    return ((Buildable) builder).build();
  }

  private static void fill(JsonNode json, SdkPojo builder) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object, got " + (json == null ? "nothing" : json.getNodeType()));
    }
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode value = json.get(field.locationName());
      if (value != null && !value.isNull()) {
        field.set(builder, readValue(field, value));
      }
    }
  }

  private static Object readValue(SdkField<?> field, JsonNode value) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    return switch (type) {
      case STRING -> expect(value.isTextual(), field, value, "a string").asText();
      case INTEGER -> expect(value.canConvertToInt(), field, value, "an integer").asInt();
      case LONG -> expect(value.canConvertToLong(), field, value, "an integer").asLong();
      case BOOLEAN -> expect(value.isBoolean(), field, value, "true or false").asBoolean();
      case DOUBLE -> expect(value.isNumber(), field, value, "a number").asDouble();
      case INSTANT -> instant(field, value);
      case SDK_POJO -> read(value, field.constructor().get());
      case LIST -> {
        expect(value.isArray(), field, value, "an array");
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>(value.size());
        for (JsonNode element : value) {
          list.add(readValue(member, element));
        }
        yield list;
      }
      case MAP -> {
        expect(value.isObject(), field, value, "an object");
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          map.put(entry.getKey(), readValue(member, entry.getValue()));
        }
        yield map;
      }
      default ->
          throw new IllegalArgumentException(
              "field " + field.locationName() + " has an unsupported type " + type);
    };
  }

  /**
   * A value of the right form that no field can hold: a timestamp beyond what epoch milliseconds
   * reach (about 292 million years either side of 1970). The embedded engine answers a request
   * holding one with a {@code ValidationException}.
   */
  public static final class OutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OutOfRangeException(String message) {
      super(message);
    }
  }

  /** The longest timestamp text read: ISO-8601 with nanoseconds and an offset is 35. */
  private static final int MAX_TIMESTAMP_CHARS = 64;

  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

  /** The first instant whose epoch milliseconds fit a long: {@link Instant#toEpochMilli} works. */
  private static final Instant FIRST_MILLI = Instant.ofEpochMilli(Long.MIN_VALUE);

  /** The last instant whose epoch milliseconds fit a long (they are truncated). */
  private static final Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999);

  /**
   * Epoch seconds (a number or numeric text), or ISO-8601 text with an offset. The cost is bounded
   * by the text's length, which is bounded: an exponent ({@code 1e1000000000}) is judged by the
   * digits it puts left of the point, never computed.
   */
  private static Instant instant(SdkField<?> field, JsonNode value) {
    expect(value.isNumber() || value.isTextual(), field, value, "epoch seconds or ISO-8601");
    if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
      throw outOfRange(field, value.toString()); // 1e400: past what a double holds
    }
    String text = value.asText().trim();
    if (text.length() > MAX_TIMESTAMP_CHARS) {
      throw new IllegalArgumentException(
          "field '"
              + field.locationName()
              + "' must be epoch seconds or ISO-8601 with an offset, got "
              + text.length()
              + " characters");
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      return isoInstant(field, value, text);
    }
    int integerDigits = seconds.precision() - seconds.scale();
    if (seconds.signum() == 0 || integerDigits < -3) {
      return Instant.EPOCH; // less than a millisecond
    }
    if (integerDigits > 17) {
      throw outOfRange(field, text);
    }
    BigDecimal millis = seconds.movePointRight(3);
    if (millis.abs().compareTo(MAX_MILLIS) > 0) {
      throw outOfRange(field, text);
    }
    return Instant.ofEpochMilli(millis.longValue());
  }

  private static Instant isoInstant(SdkField<?> field, JsonNode value, String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        instant = Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            "field '"
                + field.locationName()
                + "' must be epoch seconds or ISO-8601 with an offset, got "
                + value,
            again);
      }
    }
    if (instant.isBefore(FIRST_MILLI) || instant.isAfter(LAST_MILLI)) {
      throw outOfRange(field, text);
    }
    return instant;
  }

  private static OutOfRangeException outOfRange(SdkField<?> field, String text) {
    return new OutOfRangeException(
        "field '"
            + field.locationName()
            + "' is out of range: "
            + text
            + " is not a date between the years -292,000,000 and 292,000,000");
  }

  private static JsonNode expect(boolean ok, SdkField<?> field, JsonNode value, String what) {
    if (!ok) {
      throw new IllegalArgumentException(
          "field '" + field.locationName() + "' must be " + what + ", got " + value);
    }
    return value;
  }

  /**
   * The JSON object of {@code pojo}, leaving out unset fields: what {@link #write(SdkPojo,
   * JsonGenerator)} writes, as a tree.
   */
  public static ObjectNode write(SdkPojo pojo) {
    TokenBuffer tokens = new TokenBuffer(MAPPER, false);
    try {
      write(pojo, tokens);
      return (ObjectNode) TREE.readTree(tokens.asParser());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + pojo.getClass().getSimpleName(), e);
    }
  }

  /** The SDK's placeholder for a list or map that was never set: not written. */
  private static boolean isAutoConstructed(Object value) {
    return value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
  }
}
