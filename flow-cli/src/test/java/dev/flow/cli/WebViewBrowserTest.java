package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flow.FlowClient;
import dev.flow.StartOptions;
import dev.flow.Worker;
import dev.flow.cli.e2e.WaiterDefinition;
import dev.flow.cli.e2e.WaiterImpl;
import dev.flow.cli.e2e.WaiterWorkflowClient;
import dev.flow.engine.LocalEngine;
import dev.flow.sample.FlowManifest;
import dev.flow.sample.MediaDispatcher;
import dev.flow.sample.MediaImpl;
import dev.flow.sample.ProcessVideoWorkflowClient;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view of {@code flow serve} in a real browser: Debian's headless Chromium driven by
 * Selenium through chromium-driver, against an engine running the sample's workflows.
 */
class WebViewBrowserTest {
  static final String EVIL = "<script>alert('flow')</script>";
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  static LocalEngine engine;
  static LocalEngine.Server server;
  static LocalEngine.Server locked;
  static FlowClient flow;
  static Worker worker;
  static WebDriver browser;
  static String processVideoId;

  @BeforeAll
  static void start() throws Exception {
    engine = LocalEngine.open(dir.resolve("flow.db"));
    flow = FlowClient.builder().swf(engine.client()).domain("sample").build();
    worker =
        Worker.builder(flow)
            .manifest(new FlowManifest())
            .activities(new MediaDispatcher(new MediaImpl(dir)))
            .workflow(WaiterDefinition.of(WaiterImpl::new))
            .build()
            .start();
    Path video = dir.resolve("holiday.video");
    Files.writeString(video, "#chapter Arrival\nframe: a plane\n#chapter Beach\nframe: waves\n");
    Path srt = dir.resolve("holiday.srt");
    Files.writeString(srt, "We landed late at night.\n");
    var run =
        ProcessVideoWorkflowClient.create(flow)
            .start(video.toUri().toString(), srt.toUri().toString());
    run.result();
    processVideoId = run.workflowId();
    server =
        engine.serve(
            new InetSocketAddress("127.0.0.1", 0), new WebView(engine.client(), null, null));
    locked =
        engine.serve(
            new InetSocketAddress("127.0.0.1", 0),
            new WebView(engine.client(), "AKID:s3cret", null));
    Files.createDirectories(SHOTS);
    browser = chromium();
  }

  /** Headless Chromium with nothing that would reach the network, in a profile of its own. */
  static WebDriver chromium() throws Exception {
    File driver = new File("/usr/bin/chromedriver");
    File binary = new File("/usr/bin/chromium");
    assertThat(driver).as("apt-get install chromium-driver (as .ci/run does)").exists();
    assertThat(binary).as("apt-get install chromium (as .ci/run does)").exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1800",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return chrome;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (worker != null) {
      worker.close();
    }
    if (flow != null) {
      flow.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  static String url(LocalEngine.Server s, String path) {
    return s.endpoint().resolve(path).toString();
  }

  static void shot(String name) throws Exception {
    Files.write(
        SHOTS.resolve(name + ".png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  static String runOf(String url) {
    return WebPage.query(URI.create(url).getRawQuery()).get("run");
  }

  static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @Test
  void list_filter_andTheProcessVideoExecution_withItsGraphAndTimeline() throws Exception {
    browser.get(url(server, "/"));
    assertThat(browser.getTitle()).startsWith("Executions");
    // the open executions refresh themselves
    assertThat(
            browser.findElement(By.cssSelector("meta[http-equiv=refresh]")).getAttribute("content"))
        .isEqualTo("5");
    shot("executions");

    browser.get(url(server, "/executions?status=closed")); // a page that stays put while we type
    browser.findElement(By.name("type")).sendKeys("ProcessVideo");
    browser.findElement(By.id("apply")).click();
    waiting().until(d -> d.getCurrentUrl().contains("type=ProcessVideo"));
    List<WebElement> rows = browser.findElements(By.cssSelector("tr.execution"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains(processVideoId).contains("completed");

    rows.get(0).findElement(By.tagName("a")).click();
    waiting().until(d -> d.getCurrentUrl().contains("/execution?"));
    assertThat(browser.findElement(By.id("status")).getText()).containsIgnoringCase("completed");
    List<WebElement> nodes = browser.findElements(By.cssSelector("svg.graph g.node"));
    // embedSubtitle, encodeVideo x2, targetAds, findChapters, extractThumbnail x2
    assertThat(nodes).hasSize(7);
    assertThat(nodes)
        .extracting(n -> n.findElement(By.tagName("title")).getAttribute("textContent"))
        .anyMatch(t -> t.contains("Media.encodeVideo"))
        .anyMatch(t -> t.contains("Media.extractThumbnail"));
    // one line per edge of the graph the history gives (dependency edges once the decider records
    // them in control; none in timeline order)
    var execution = browser.getCurrentUrl();
    var history =
        ExecutionHistory.of(
            engine
                .client()
                .getWorkflowExecutionHistory(
                    h ->
                        h.domain("sample")
                            .execution(e -> e.workflowId(processVideoId).runId(runOf(execution)))
                            .maximumPageSize(1000))
                .events());
    assertThat(browser.findElements(By.cssSelector("svg.graph line.edge")))
        .hasSize(ExecutionGraph.of(history).edges().size());
    assertThat(browser.findElements(By.cssSelector("svg.timeline g.row"))).hasSize(7);
    assertThat(browser.findElements(By.cssSelector("svg.timeline rect.attempt"))).hasSize(7);
    assertThat(browser.findElement(By.cssSelector("table.history")).getText())
        .contains("WorkflowExecutionCompleted");
    shot("execution");
  }

  @Test
  void signal_aWaitingWorkflow_andSeeTheEvent() throws Exception {
    var run = WaiterWorkflowClient.create(flow).start("parcel");
    browser.get(url(server, ExecutionPage.href("sample", run.workflowId(), run.runId())));
    assertThat(browser.findElement(By.id("status")).getText()).containsIgnoringCase("open");
    browser.findElement(By.id("signal-name")).sendKeys("release");
    WebElement input = browser.findElement(By.id("signal-input"));
    input.clear();
    input.sendKeys("[\"ann\"]");
    browser.findElement(By.id("signal")).click();

    waiting().until(d -> !d.findElements(By.cssSelector("p.done")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("p.done")).getText())
        .isEqualTo("signal release sent");
    assertThat(browser.findElement(By.cssSelector("table.history")).getText())
        .contains("WorkflowExecutionSignaled");
    assertThat(run.result()).isEqualTo("parcel released by ann");
    shot("signaled");
  }

  @Test
  void terminate_anOpenExecution() throws Exception {
    var run = WaiterWorkflowClient.create(flow).start("doomed");
    browser.get(url(server, ExecutionPage.href("sample", run.workflowId(), run.runId())));
    browser.findElement(By.id("terminate-reason")).sendKeys("cleaning up");
    browser.findElement(By.id("terminate")).click();
    waiting().until(d -> !d.findElements(By.cssSelector("p.done")).isEmpty());

    assertThat(browser.findElement(By.cssSelector("p.done")).getText()).isEqualTo("terminated");
    assertThat(browser.findElement(By.id("status")).getText()).containsIgnoringCase("terminated");
    assertThat(browser.findElement(By.cssSelector("table.history")).getText())
        .contains("WorkflowExecutionTerminated");
  }

  @Test
  void everyPayloadIsEscaped_inAnInputATagAndASignal() throws Exception {
    var run =
        WaiterWorkflowClient.create(flow)
            .withOptions(StartOptions.builder().tags(EVIL).build())
            .start(EVIL);
    browser.get(url(server, ExecutionPage.href("sample", run.workflowId(), run.runId())));
    browser.findElement(By.id("signal-name")).sendKeys("<img src=x onerror=alert(1)>");
    WebElement input = browser.findElement(By.id("signal-input"));
    input.clear();
    input.sendKeys("[\"" + EVIL.replace("'", "\\u0027") + "\"]");
    browser.findElement(By.id("signal")).click();
    waiting().until(d -> !d.findElements(By.cssSelector("p.done")).isEmpty());

    String source = browser.getPageSource();
    assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains(EVIL) // shown as text: the tag and the input
        .contains("<img src=x onerror=alert(1)>");
    assertThat(source).contains("&lt;script&gt;alert(");
    shot("escaped");

    browser.get(url(server, "/executions?status=open&tag=" + Html.q(EVIL)));
    assertThat(browser.findElements(By.tagName("script"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("tr.execution"))).hasSize(1);
  }

  @Test
  void withSigv4_nothingIsServedWithoutTheKeyPair() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path :
        List.of("/", "/executions", "/domains", "/types", "/execution?domain=sample&id=x")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url(locked, path))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).hasValue("/login");
      assertThat(r.body()).isEmpty();
    }
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(url(locked, "/execution/terminate")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "domain=sample&id=" + processVideoId, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(303);

    browser.manage().deleteAllCookies();
    browser.get(url(locked, "/executions"));
    assertThat(browser.getTitle()).startsWith("Sign in");
    assertThat(browser.getPageSource()).doesNotContain(processVideoId);
    browser.findElement(By.name("accessKey")).sendKeys("AKID");
    browser.findElement(By.name("secretKey")).sendKeys("wrong");
    browser.findElement(By.cssSelector("form.login button")).click();
    waiting().until(d -> !d.findElements(By.cssSelector("p.error")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("p.error")).getText())
        .contains("not the server's credentials");
    assertThat(browser.getPageSource()).doesNotContain(processVideoId);

    browser.findElement(By.name("accessKey")).sendKeys("AKID");
    browser.findElement(By.name("secretKey")).sendKeys("s3cret");
    browser.findElement(By.cssSelector("form.login button")).click();
    waiting().until(d -> d.getTitle().startsWith("Executions"));
    browser.get(url(locked, "/executions?status=closed")); // the session cookie lets us in
    assertThat(browser.getPageSource()).contains(processVideoId);
  }

  @Test
  void aPostWithoutTheFormsCsrfToken_isRefused() throws Exception {
    var run = WaiterWorkflowClient.create(flow).start("kept");
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url(server, "/execution/terminate")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "domain=sample&id="
                                + run.workflowId()
                                + "&run="
                                + run.runId()
                                + "&csrf=forged"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
    assertThat(
            engine
                .client()
                .describeWorkflowExecution(
                    d ->
                        d.domain("sample")
                            .execution(e -> e.workflowId(run.workflowId()).runId(run.runId())))
                .executionInfo()
                .executionStatusAsString())
        .isEqualTo("OPEN");
  }
}
