package dev.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the server answers to requests no SWF client sends: every one gets a prompt JSON fault (or
 * the connection is closed cleanly), never an HTML page, a hang or a reset.
 */
class HttpHardeningTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalEngine engine = LocalEngine.inMemory();
  private LocalEngine.Server server =
      engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

  @AfterEach
  void close() {
    server.close();
    engine.close();
  }

  /** A status line and the JSON body of an answer read off the wire. */
  record Answer(int status, JsonNode body, String head) {
    String type() {
      return body == null ? null : body.path("__type").asText();
    }
  }

  private static final String TARGET = "X-Amz-Target: SimpleWorkflowService.ListDomains\r\n";
  private static final String LIST = "{\"registrationStatus\":\"REGISTERED\"}";

  private static String post(String path, String headers, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + headers
        + "\r\n"
        + body;
  }

  private static String ok(String body) {
    return post("/", TARGET + "Content-Length: " + body.length() + "\r\n", body);
  }

  @Test
  void aWellFormedRequest_isServed() throws Exception {
    Answer a = send(ok(LIST));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().has("domainInfos")).isTrue();
  }

  @Test
  void oddPaths_areServedOrAJsonFault() throws Exception {
    for (String path : new String[] {"//", "/%", "/a b", "/..;/x", "/?x=%zz"}) {
      Answer a = send(post(path, TARGET + "Content-Length: " + LIST.length() + "\r\n", LIST));
      assertThat(a.body()).as(path + ": " + a.head()).isNotNull();
      assertThat(a.status()).as(path).isIn(200, 400);
    }
  }

  @Test
  void aPagePathThatIsNoUri_isA400JsonFault_beforeThePagesSeeIt() throws Exception {
    List<String> seen = new ArrayList<>();
    WebPages pages =
        exchange -> {
          seen.add(exchange.getRequestURI().toString());
          byte[] b = "page".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, b.length);
          exchange.getResponseBody().write(b);
          exchange.close();
        };
    try (LocalEngine.Server web =
        engine.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), pages)) {
      for (String path : new String[] {"/%zz", "/a|b{", "/executions?x=%zz", "/executions?x=%41"}) {
        try (Socket s = connect(web.address())) {
          s.getOutputStream()
              .write(
                  ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.UTF_8));
          Answer a = read(s.getInputStream());
          if (path.endsWith("%41")) {
            assertThat(a.status()).as(path + ": " + a.head()).isEqualTo(200);
            continue;
          }
          assertThat(a.status()).as(path + ": " + a.head()).isEqualTo(400);
          assertThat(a.type()).as(path).endsWith("ValidationException");
          assertThat(a.body().path("message").asText()).contains("percent-encode");
        }
      }
    }
    assertThat(seen).containsExactly("/executions?x=%41");
  }

  @Test
  void badOrConflictingContentLength_isAJsonFault() throws Exception {
    for (String length :
        new String[] {
          "Content-Length: abc\r\n",
          "Content-Length: -1\r\n",
          "Content-Length: 1e3\r\n",
          "Content-Length: 35\r\nContent-Length: 36\r\n",
          "Content-Length: 35\r\nTransfer-Encoding: chunked\r\n",
          "Content-Length: 99999999999999999999999\r\n",
        }) {
      Answer a = send(post("/", TARGET + length, LIST));
      assertJsonFault(a, length);
      assertThat(a.status()).as(length).isEqualTo(400);
    }
  }

  @Test
  void aHugeDeclaredLength_isRefusedAtOnce() throws Exception {
    Answer a = send(post("/", TARGET + "Content-Length: 1000000000000\r\n", LIST));
    assertJsonFault(a, "huge length");
    assertThat(a.status()).isEqualTo(413);
  }

  @Test
  void aBadChunkSize_isAJsonFault() throws Exception {
    for (String chunk : new String[] {"zz\r\n", "-5\r\n", "1000000000000000000000\r\n"}) {
      Answer a = send(post("/", TARGET + "Transfer-Encoding: chunked\r\n", chunk + LIST));
      assertJsonFault(a, chunk);
      assertThat(a.status()).as(chunk).isIn(400, 413);
    }
  }

  @Test
  void aChunkedBody_isServed() throws Exception {
    String body =
        Integer.toHexString(10)
            + "\r\n"
            + LIST.substring(0, 10)
            + "\r\n"
            + Integer.toHexString(LIST.length() - 10)
            + "\r\n"
            + LIST.substring(10)
            + "\r\n0\r\n\r\n";
    Answer a = send(post("/", TARGET + "Transfer-Encoding: chunked\r\n", body));
    assertThat(a.status()).isEqualTo(200);
  }

  @Test
  void tooManyOrTooLargeHeaders_areAJsonFault() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    Answer a = send(post("/", TARGET + many + "Content-Length: 2\r\n", "{}"));
    assertJsonFault(a, "2,000 headers");
    assertThat(a.status()).isEqualTo(431);

    Answer b =
        send(
            post(
                "/", TARGET + "X-Big: " + "v".repeat(1 << 20) + "\r\nContent-Length: 2\r\n", "{}"));
    assertJsonFault(b, "a 1 MB header");
    assertThat(b.status()).isEqualTo(431);
  }

  @Test
  void notHttp_orAnotherMethod_isAJsonFault() throws Exception {
    assertJsonFault(send("hello\r\n\r\n"), "not HTTP");
    Answer get = send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertJsonFault(get, "GET");
    assertThat(get.status()).isEqualTo(405);
  }

  @Test
  void farDates_andHugeExponents_areValidationFaults() throws Exception {
    for (String date :
        new String[] {
          "\"+300000000-01-01T00:00:00Z\"", "\"1e10000000\"", "\"1e1000000000\"", "1e400"
        }) {
      String body = "{\"domain\":\"d\",\"startTimeFilter\":{\"oldestDate\":" + date + "}}";
      Answer a =
          send(
              post(
                  "/",
                  "X-Amz-Target: SimpleWorkflowService.CountOpenWorkflowExecutions\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n",
                  body));
      assertJsonFault(a, date);
      assertThat(a.status()).as(date).isEqualTo(400);
      assertThat(a.type()).as(date).endsWith("ValidationException");
    }
  }

  @Test
  void aLoneSurrogate_isAValidationFault() throws Exception {
    String body =
        "{\"domain\":\"d\",\"workflowId\":\"a\\ud800b\",\"workflowType\":{\"name\":\"n\","
            + "\"version\":\"1\"}}";
    Answer a =
        send(
            post(
                "/",
                "X-Amz-Target: SimpleWorkflowService.StartWorkflowExecution\r\nContent-Length: "
                    + body.length()
                    + "\r\n",
                body));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.type()).endsWith("ValidationException");
    assertThat(a.body().path("message").asText()).contains("workflowId").contains("surrogate");
  }

  @Test
  void anUnsignedBody_isRefusedBeforeItIsRead() throws Exception {
    server.close();
    server =
        engine.serve(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new SigV4Verifier("k", "s", Clock.systemUTC()));
    // Declares 50 MB and sends none of it: the refusal cannot wait for the body.
    Answer a = send(post("/", TARGET + "Content-Length: 50000000\r\n", ""));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).endsWith("MissingAuthenticationTokenException");
  }

  /** A server over the same engine with short bounds: 3 connections, 300 ms per part. */
  private SwfHttpServer tight() throws IOException {
    return new SwfHttpServer(
            engine.client(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null,
            new SwfHttpServer.Limits(3, 300, 300, 300))
        .start();
  }

  @Test
  void aSlowHead_orASlowBody_isARequestTimeout() throws Exception {
    try (SwfHttpServer tight = tight()) {
      try (Socket s = connect(tight)) {
        s.getOutputStream()
            .write("POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
        Answer a = read(s.getInputStream());
        assertJsonFault(a, "slow head");
        assertThat(a.status()).isEqualTo(408);
      }
      try (Socket s = connect(tight)) {
        s.getOutputStream()
            .write(
                post("/", TARGET + "Content-Length: 100\r\n", "{\"a\":")
                    .getBytes(StandardCharsets.UTF_8));
        Answer a = read(s.getInputStream());
        assertJsonFault(a, "slow body");
        assertThat(a.status()).isEqualTo(408);
      }
      try (Socket s = connect(tight)) {
        // Idle: closed without an answer once the idle time is over.
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
    }
  }

  @Test
  void connectionsPastTheBound_areServiceUnavailable_andServedOnceOthersClose() throws Exception {
    try (SwfHttpServer tight =
        new SwfHttpServer(
                engine.client(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                null,
                new SwfHttpServer.Limits(3, 10_000, 10_000, 10_000))
            .start()) {
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Socket s = connect(tight);
        s.getOutputStream().write(ok(LIST).getBytes(StandardCharsets.UTF_8));
        assertThat(read(s.getInputStream()).status()).isEqualTo(200); // kept alive, held
        held.add(s);
      }
      try (Socket fourth = connect(tight)) {
        Answer a = read(fourth.getInputStream());
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.type()).endsWith("ServiceUnavailable");
      }
      assertThat(tight.connections()).isEqualTo(3);
      held.remove(0).close();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (tight.connections() > 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      try (Socket again = connect(tight)) {
        again.getOutputStream().write(ok(LIST).getBytes(StandardCharsets.UTF_8));
        assertThat(read(again.getInputStream()).status()).isEqualTo(200);
      }
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void pipelinedRequests_areServedInOrder() throws Exception {
    // Two requests in one write, on one connection: both answered in order.
    try (Socket s = connect()) {
      s.getOutputStream().write((ok(LIST) + ok(LIST)).getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      assertThat(read(in).status()).isEqualTo(200);
      assertThat(read(in).status()).isEqualTo(200);
    }
  }

  @Test
  void aHeadArrivingInPieces_linesSplitAcrossReads_isServed() throws Exception {
    // Each piece a read of its own: lines cut mid-way, CR and LF apart.
    String request = ok(LIST);
    try (Socket s = connect()) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      for (int at = 0; at < request.length(); at += 7) {
        out.write(
            request
                .substring(at, Math.min(request.length(), at + 7))
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(2);
      }
      Answer a = read(s.getInputStream());
      assertThat(a.status()).as(a.head()).isEqualTo(200);
      assertThat(a.head())
          .containsPattern(
              "(?i)x-amzn-RequestId: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                  + "-[0-9a-f]{12}\r\n");
    }
  }

  private static void assertJsonFault(Answer a, String what) {
    assertThat(a.body()).as(what + " answered JSON: " + a.head()).isNotNull();
    assertThat(a.type()).as(what).startsWith("com.amazonaws.swf.base.model#");
    assertThat(a.body().path("message").asText()).as(what).isNotBlank();
    assertThat(a.status()).as(what).isBetween(400, 499);
  }

  private Socket connect() throws IOException {
    return connect(server.address());
  }

  private static Socket connect(SwfHttpServer server) throws IOException {
    return connect(server.address());
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.connect(address, 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends {@code request} as it is, and reads one answer. */
  private Answer send(String request) throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before all of a huge request is written.
      }
      return read(s.getInputStream());
    }
  }

  /** Reads one answer: status line, headers, and a Content-Length body. */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    try {
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 10 s; read so far: " + head, e);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) {
      return new Answer(-1, null, "(closed without an answer)");
    }
    String[] lines = text.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    int length = -1;
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      headers.add(lines[i]);
      if (lines[i].toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(lines[i].substring(15).trim());
      }
    }
    byte[] body = length < 0 ? in.readAllBytes() : in.readNBytes(length);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException notJson) {
      json = null;
    }
    return new Answer(status, json, text + new String(body, StandardCharsets.ISO_8859_1));
  }
}
