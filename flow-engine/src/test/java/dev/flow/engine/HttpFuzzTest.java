package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;

/**
 * Generated requests against the engine served over HTTP, across every action and every decision:
 * each request is built from the action's own model (every field of the request shape, nested
 * shapes and lists included), with values drawn from what the engine knows (its domain, types,
 * workflow ids, run ids and the task tokens it handed out), from the enums of the model, and from
 * the edges (empty, too long, lone surrogates, far dates, huge exponents, wrong JSON types); some
 * bodies are then cut or corrupted byte by byte. Every answer must be a success or a JSON fault,
 * never a 5xx, and come within a bound.
 *
 * <p>{@code mvn verify} sends 10,000 requests with a fixed seed; {@code -Dflow.fuzz.requests=N
 * -Dflow.fuzz.seed=S} sends others (the soak profile sends more). A failure names the seed, the
 * request number, the action and the body, so it replays.
 */
class HttpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The longest an answer may take: polls wait at most the fixture's poll timeout. */
  private static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir Path dir;

  private final List<String> tokens = new ArrayList<>();
  private final List<String> runIds = new ArrayList<>();
  private final List<String> nextPageTokens = new ArrayList<>();
  private Random random;

  /**
   * Whether the request being built is careful (every field there, values the engine knows, so it
   * reaches past validation into the engine's state) or wild (any field, any value).
   */
  private boolean careful;

  @Test
  void generatedRequests_acrossEveryActionAndDecision_getASuccessOrAJsonFault_never5xx()
      throws Exception {
    int requests = Integer.getInteger("flow.fuzz.requests", 10_000);
    long seed = Long.getLong("flow.fuzz.seed", 20261202L);
    random = new Random(seed);
    Map<String, SwfActions.Action> actions;
    Map<String, int[]> byStatus = new TreeMap<>();
    Map<String, Integer> okByAction = new TreeMap<>();
    long slowestNanos = 0;
    String slowest = null;
    try (LocalEngine engine =
            LocalEngine.builder()
                .file(dir.resolve("fuzz.db"))
                .pollTimeout(Duration.ofMillis(20))
                .build();
        LocalEngine.Server server =
            engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      actions = SwfActions.of(engine.client());
      List<String> names = new ArrayList<>(new java.util.TreeSet<>(actions.keySet()));
      setUp(engine);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      URI endpoint = server.endpoint().resolve("/");
      for (int i = 0; i < requests; i++) {
        String action =
            random.nextInt(10) < 3 ? pickDriving(names) : names.get(random.nextInt(names.size()));
        SdkPojo shape = actions.get(action).requestBuilder().get();
        careful = random.nextInt(10) < 6;
        ObjectNode json = object(shape, 0);
        if (action.startsWith("Deprecate") || action.startsWith("Delete")) {
          // Keep the fuzz domain and types in use: retire others only.
          json.put("name", "other");
          if (json.has("domain")) {
            json.put("domain", "other");
          }
        }
        byte[] body = JSON.writeValueAsBytes(json);
        String target = "SimpleWorkflowService." + action;
        int mutation = random.nextInt(100);
        if (mutation < 4) {
          body = corrupt(body);
        } else if (mutation < 5) {
          target = "SimpleWorkflowService." + action.toLowerCase();
        }
        HttpRequest request =
            HttpRequest.newBuilder(endpoint)
                .timeout(BOUND)
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
          response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
          throw new AssertionError(failure(seed, i, action, body, "no answer: " + e), e);
        }
        long took = System.nanoTime() - start;
        if (took > slowestNanos) {
          slowestNanos = took;
          slowest = action;
        }
        int status = response.statusCode();
        JsonNode answer;
        try {
          answer = JSON.readTree(response.body());
        } catch (IOException e) {
          answer = null;
        }
        String detail = status + " " + new String(response.body(), StandardCharsets.UTF_8);
        assertThat(status).as(failure(seed, i, action, body, detail)).isLessThan(500);
        assertThat(answer).as(failure(seed, i, action, body, detail)).isNotNull();
        assertThat(answer.isObject()).as(failure(seed, i, action, body, detail)).isTrue();
        if (status == 200) {
          okByAction.merge(action, 1, Integer::sum);
          harvest(answer);
        } else {
          assertThat(answer.path("__type").asText())
              .as(failure(seed, i, action, body, detail))
              .startsWith("com.amazonaws.swf.base.model#");
          assertThat(answer.path("message").asText())
              .as(failure(seed, i, action, body, detail))
              .isNotBlank();
          String type = answer.path("__type").asText();
          byStatus
              .computeIfAbsent(
                  status + " " + type.substring(type.indexOf('#') + 1), k -> new int[1])[0]++;
        }
      }
    }
    System.out.printf(
        "fuzz: %d requests, seed %d; successes by action %s; faults %s; slowest %d ms (%s)%n",
        requests,
        seed,
        okByAction,
        faultCounts(byStatus),
        TimeUnit.NANOSECONDS.toMillis(slowestNanos),
        slowest);
    assertThat(TimeUnit.NANOSECONDS.toMillis(slowestNanos))
        .as("the slowest answer (%s)", slowest)
        .isLessThan(BOUND.toMillis());
    // Every action was answered with success at least once: the generator reaches past validation.
    assertThat(okByAction.keySet())
        .as("actions that succeeded at least once")
        .contains(
            "StartWorkflowExecution",
            "PollForDecisionTask",
            "RespondDecisionTaskCompleted",
            "PollForActivityTask",
            "SignalWorkflowExecution",
            "TerminateWorkflowExecution",
            "DescribeWorkflowExecution",
            "GetWorkflowExecutionHistory");
  }

  private static Map<String, Integer> faultCounts(Map<String, int[]> byStatus) {
    Map<String, Integer> counts = new TreeMap<>();
    byStatus.forEach((k, v) -> counts.put(k, v[0]));
    return counts;
  }

  private static String failure(long seed, int i, String action, byte[] body, String detail) {
    String text = new String(body, StandardCharsets.UTF_8);
    return "seed "
        + seed
        + ", request "
        + i
        + ", "
        + action
        + ": "
        + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text)
        + "\n  answered "
        + (detail.length() > 2000 ? detail.substring(0, 2000) : detail);
  }

  /** Actions that move executions along, drawn more often so histories grow. */
  private String pickDriving(List<String> names) {
    String[] driving = {
      "StartWorkflowExecution",
      "PollForDecisionTask",
      "RespondDecisionTaskCompleted",
      "PollForActivityTask",
      "RespondActivityTaskCompleted",
      "RespondActivityTaskFailed",
      "RecordActivityTaskHeartbeat",
      "SignalWorkflowExecution",
    };
    String name = driving[random.nextInt(driving.length)];
    return names.contains(name) ? name : names.get(0);
  }

  private static void setUp(LocalEngine engine) {
    var swf = engine.client();
    swf.registerDomain(r -> r.name("fuzz").workflowExecutionRetentionPeriodInDays("1"));
    swf.registerWorkflowType(
        r ->
            r.domain("fuzz")
                .name("W")
                .version("1")
                .defaultTaskList(t -> t.name("tl"))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("30")
                .defaultChildPolicy("TERMINATE"));
    swf.registerActivityType(
        r ->
            r.domain("fuzz")
                .name("A")
                .version("1")
                .defaultTaskList(t -> t.name("tl"))
                .defaultTaskScheduleToStartTimeout("60")
                .defaultTaskScheduleToCloseTimeout("120")
                .defaultTaskStartToCloseTimeout("60")
                .defaultTaskHeartbeatTimeout("NONE"));
  }

  /** Remembers what answers hand out, for later requests to use. */
  private void harvest(JsonNode answer) {
    String token = answer.path("taskToken").asText(null);
    if (token != null && !token.isEmpty()) {
      tokens.add(token);
    }
    String runId = answer.path("runId").asText(null);
    if (runId == null) {
      runId = answer.path("workflowExecution").path("runId").asText(null);
    }
    if (runId != null) {
      runIds.add(runId);
    }
    String page = answer.path("nextPageToken").asText(null);
    if (page != null) {
      nextPageTokens.add(page);
    }
    trim(tokens);
    trim(runIds);
    trim(nextPageTokens);
  }

  private static void trim(List<String> pool) {
    if (pool.size() > 200) {
      pool.subList(0, 100).clear();
    }
  }

  // ------------------------------------------------------------------ generation

  /**
   * A JSON object for {@code shape}: each field present or not, with a value of its type or not.
   */
  private ObjectNode object(SdkPojo shape, int depth) {
    ObjectNode json = NODES.objectNode();
    List<SdkField<?>> fields = shape.sdkFields();
    SdkField<?> decisionType = null;
    for (SdkField<?> field : fields) {
      if (field.locationName().equals("decisionType")) {
        decisionType = field;
      }
    }
    if (decisionType != null) {
      // A decision: one type, and (mostly) the attributes of that type.
      DecisionType type = pick(DecisionType.knownValues().toArray(new DecisionType[0]));
      json.put("decisionType", random.nextInt(20) == 0 ? randomString() : type.toString());
      String attributes =
          Character.toLowerCase(type.toString().charAt(0))
              + type.toString().substring(1)
              + "DecisionAttributes";
      for (SdkField<?> field : fields) {
        boolean mine = field.locationName().equals(attributes);
        if (mine ? random.nextInt(10) > 0 : random.nextInt(30) == 0) {
          json.set(field.locationName(), value(field, depth + 1));
        }
      }
      return json;
    }
    String builder = shape.getClass().getName();
    String parent = builder.substring(builder.lastIndexOf('.') + 1).replaceFirst("\\$.*", "");
    for (SdkField<?> field : fields) {
      if (random.nextInt(20) < (careful ? 19 : 16)) {
        JsonNode value = value(parent, field, depth + 1);
        if (value != null) {
          json.set(field.locationName(), value);
        }
      }
    }
    return json;
  }

  private JsonNode value(SdkField<?> field, int depth) {
    return value("", field, depth);
  }

  private JsonNode value(String parent, SdkField<?> field, int depth) {
    if (!careful && random.nextInt(40) == 0) {
      return wrongType();
    }
    MarshallingKnownType type = field.marshallingType().getKnownType();
    switch (type) {
      case STRING:
        {
          String text = string(parent, field.locationName());
          return text == null ? null : NODES.textNode(text);
        }
      case INTEGER:
        return NODES.numberNode(careful ? 1 + random.nextInt(100) : integer());
      case LONG:
        return NODES.numberNode(random.nextInt(4) == 0 ? random.nextLong() : integer());
      case BOOLEAN:
        return NODES.booleanNode(random.nextBoolean());
      case DOUBLE:
        return NODES.numberNode(random.nextDouble());
      case INSTANT:
        return careful ? NODES.numberNode(random.nextInt(2_000_000_000)) : date();
      case SDK_POJO:
        return depth > 6 ? NODES.objectNode() : object(field.constructor().get(), depth);
      case LIST:
        {
          SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
          ArrayNode array = NODES.arrayNode();
          int n = !careful && random.nextInt(20) == 0 ? 120 : random.nextInt(4);
          for (int i = 0; i < n && depth < 6; i++) {
            JsonNode element = value(member, depth + 1);
            array.add(element == null ? NODES.textNode("e") : element);
          }
          return array;
        }
      case MAP:
        {
          SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
          ObjectNode map = NODES.objectNode();
          for (int i = random.nextInt(3); i > 0; i--) {
            JsonNode element = value(member, depth + 1);
            map.set(randomString(), element == null ? NODES.textNode("e") : element);
          }
          return map;
        }
      default:
        return NODES.nullNode();
    }
  }

  private static final String[] NAMES = {"fuzz", "W", "1", "A", "tl", "other", "sig", "t1", "m"};
  private static final String[] DURATIONS = {"0", "1", "30", "60", "3600", "NONE", "-1", "x"};

  /**
   * A string for {@code member} of {@code parent}: mostly a name the engine knows, else an edge.
   */
  private String string(String parent, String member) {
    int r = careful ? random.nextInt(97) : random.nextInt(100);
    if (r < 90) {
      String known = known(parent, member);
      if (known != null) {
        return known;
      }
    }
    if (member.equals("taskToken") && !tokens.isEmpty() && r < 85) {
      return tokens.get(random.nextInt(tokens.size()));
    }
    if (member.equals("runId") && !runIds.isEmpty() && r < 70) {
      return runIds.get(random.nextInt(runIds.size()));
    }
    if (member.equals("nextPageToken") && !nextPageTokens.isEmpty() && r < 50) {
      return nextPageTokens.get(random.nextInt(nextPageTokens.size()));
    }
    if (member.equals("workflowId") && r < 80) {
      return "w" + random.nextInt(30);
    }
    if (member.equals("activityId") && r < 80) {
      return "a" + random.nextInt(5);
    }
    if (member.equals("timerId") && r < 80) {
      return "t" + random.nextInt(3);
    }
    if (member.endsWith("Timeout") || member.endsWith("Period") || member.endsWith("InDays")) {
      if (careful) {
        return member.startsWith("heartbeat") ? "NONE" : "60";
      }
      if (r < 80) {
        return pick(DURATIONS);
      }
    }
    if (member.equals("taskPriority") && careful) {
      return "0";
    }
    if (member.equals("taskPriority") && r < 70) {
      return pick(new String[] {"0", "5", "-5", "2147483648", "x", "99999999999999999999"});
    }
    if (member.equals("childPolicy") && r < 80) {
      return pick(ChildPolicy.knownValues().toArray(new ChildPolicy[0])).toString();
    }
    if ((member.equals("registrationStatus") || member.equals("status")) && r < 80) {
      return pick(RegistrationStatus.knownValues().toArray(new RegistrationStatus[0])).toString();
    }
    if (member.equals("closeStatus") && r < 80) {
      return pick(CloseStatus.knownValues().toArray(new CloseStatus[0])).toString();
    }
    if (member.equals("timeoutType") && r < 50) {
      return pick(ActivityTaskTimeoutType.knownValues().toArray(new ActivityTaskTimeoutType[0]))
          .toString();
    }
    if (careful) {
      return null; // a member with no rule: left out of a careful request
    }
    if (r < 70) {
      return pick(NAMES);
    }
    return randomString();
  }

  /** The value a careful request gives {@code member} of {@code parent}, or null for no rule. */
  private String known(String parent, String member) {
    switch (member) {
      case "domain":
        return "fuzz";
      case "version":
        return "1";
      case "name":
        if (parent.startsWith("WorkflowType")) {
          return "W";
        }
        if (parent.startsWith("ActivityType")) {
          return "A";
        }
        if (parent.startsWith("TaskList")) {
          return "tl";
        }
        if (parent.contains("Domain")) {
          return "fuzz";
        }
        return null;
      case "signalName":
      case "markerName":
        return "sig";
      case "input":
      case "result":
      case "details":
      case "reason":
      case "cause":
      case "control":
      case "identity":
      case "executionContext":
      case "description":
        return "v" + random.nextInt(10);
      default:
        return null;
    }
  }

  private String randomString() {
    switch (random.nextInt(10)) {
      case 0:
        return "";
      case 1:
        return "x".repeat(257);
      case 2:
        return "d".repeat(32769);
      case 3:
        return "a\uD800b"; // a lone surrogate
      case 4:
        return "\uDC00";
      case 5:
        return "emoji \uD83D\uDE00 and \u0000 nul";
      case 6:
        return "arn";
      case 7:
        return " padded ";
      case 8:
        return "a:b/c|d";
      default:
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
          s.append((char) (0x20 + random.nextInt(0x250)));
        }
        return s.toString();
    }
  }

  private int integer() {
    switch (random.nextInt(6)) {
      case 0:
        return -1;
      case 1:
        return 0;
      case 2:
        return Integer.MAX_VALUE;
      case 3:
        return Integer.MIN_VALUE;
      default:
        return random.nextInt(1500);
    }
  }

  private JsonNode date() {
    switch (random.nextInt(10)) {
      case 0:
        return NODES.textNode("1e10000000");
      case 1:
        return NODES.textNode("+300000000-01-01T00:00:00Z");
      case 2:
        return NODES.textNode("-1e1000000000");
      case 3:
        return NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 4:
        return NODES.textNode("not a date");
      case 5:
        return NODES.numberNode(-62135596801L);
      case 6:
        return NODES.textNode("2026-12-02T08:00:00Z");
      default:
        return NODES.numberNode(random.nextInt(2_000_000_000));
    }
  }

  private JsonNode wrongType() {
    switch (random.nextInt(6)) {
      case 0:
        return NODES.arrayNode().add(1);
      case 1:
        return NODES.objectNode().put("x", "y");
      case 2:
        return NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(50)));
      case 3:
        return NODES.booleanNode(true);
      case 4:
        return NODES.textNode("wrong");
      default:
        return NODES.numberNode(1.5);
    }
  }

  /** The body cut short, or with bytes replaced (invalid UTF-8 among them). */
  private byte[] corrupt(byte[] body) {
    if (body.length == 0) {
      return new byte[] {(byte) 0xff};
    }
    byte[] copy = body.clone();
    switch (random.nextInt(3)) {
      case 0:
        return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
      case 1:
        for (int i = random.nextInt(4); i >= 0; i--) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
      default:
        copy[random.nextInt(copy.length)] = (byte) 0xC0; // an overlong UTF-8 lead byte
        return copy;
    }
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
