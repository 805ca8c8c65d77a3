package dev.flow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code control} record Flow's decider writes on each decision (and the {@code details} of its
 * own markers), read leniently: a control that is not JSON, or has no {@code "flow"} key, comes
 * from another SWF program and reads as {@link #NONE}; unknown keys are ignored.
 *
 * <pre>{@code
 * {"flow":1,"call":"Media.encodeVideo","deps":["activity:embedSubtitle-1"],"after":["activity:findChapters-3"]}
 * {"flow":1,"purpose":"retry","for":"activity:encodeVideo-4","call":"Media.encodeVideo","attempt":2}
 * }</pre>
 *
 * @param call the readable name of the call ({@code Media.encodeVideo}, {@code Workflow.sleep}), or
 *     null
 * @param deps the calls whose results were passed as promised arguments, each {@code KIND:ID}
 * @param after the calls whose results the code had observed before issuing this one
 * @param afterMore how many entries of {@code after} were left out (past 50)
 * @param purpose why Flow made this timer or marker itself ({@code retry}, {@code split}, ...), or
 *     null for a call of the workflow code
 * @param forCall the call a {@code retry} timer is for ({@code activity:encodeVideo-4}), or null
 * @param attempt the attempt a {@code retry} timer precedes, or 0
 * @param json the whole record, for keys this reader does not know (null for {@link #NONE})
 */
public record Control(
    String call,
    List<String> deps,
    List<String> after,
    int afterMore,
    String purpose,
    String forCall,
    int attempt,
    JsonNode json) {
  /** No Flow control: an empty or foreign {@code control}. */
  public static final Control NONE =
      new Control(null, List.of(), List.of(), 0, null, null, 0, null);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Control {
    deps = List.copyOf(deps);
    after = List.copyOf(after);
  }

  /** Whether a Flow decider wrote this record. */
  public boolean isFlow() {
    return json != null;
  }

  /** The text of key {@code name}, or null. */
  public String text(String name) {
    if (json == null) {
      return null;
    }
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Reads {@code text} (a control or marker details); {@link #NONE} for anything not Flow's. */
  public static Control parse(String text) {
    if (text == null || text.isEmpty() || text.charAt(0) != '{') {
      return NONE;
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(text);
    } catch (Exception e) { // a foreign control that merely starts with '{'
      return NONE;
    }
    if (json == null || !json.isObject() || !json.has("flow")) {
      return NONE;
    }
    return new Control(
        textOrNull(json, "call"),
        strings(json.get("deps")),
        strings(json.get("after")),
        json.path("afterMore").asInt(0),
        textOrNull(json, "purpose"),
        textOrNull(json, "for"),
        json.path("attempt").asInt(0),
        json);
  }

  private static String textOrNull(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
