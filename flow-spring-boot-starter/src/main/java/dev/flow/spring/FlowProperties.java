package dev.flow.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Flow's settings under {@code flow.*}: the engine and domain of the {@code FlowClient}, and the
 * {@code Worker} hosting the application's workflow and activity beans.
 *
 * <pre>
 * flow.engine=http://127.0.0.1:8080
 * flow.domain=shipping
 * flow.worker.activity-pollers=8
 * flow.worker.shutdown-grace-period=30s
 * </pre>
 *
 * <p>The defaults are those of generated worker mains (engine, domain) and {@code Worker.Builder}.
 */
@ConfigurationProperties("flow")
public class FlowProperties {
  /**
   * The engine: embedded (in memory, for tests), embedded:FILE (the embedded engine stored in
   * FILE), http://HOST:PORT or https://HOST:PORT (an engine server or an SWF endpoint), aws or
   * aws:REGION (Amazon SWF with the default credentials). The same forms as FLOW_ENGINE and the
   * --engine argument of generated worker mains.
   */
  private String engine = "embedded:flow.db";

  /** The SWF domain of every workflow and activity the application starts, polls or registers. */
  private String domain = "default";

  /** The identity workers record in histories; host:pid when unset. */
  private String identity;

  /**
   * Where payloads over SWF's 32,768 characters are kept: a directory, or s3://BUCKET/PREFIX. Every
   * client and worker of the domain needs the same. Unset: such payloads are refused.
   */
  private String blobs;

  /** The largest payload (UTF-8 bytes) the blob store keeps; unset: 16 MiB. */
  private Integer maxPayloadBytes;

  private final Worker worker = new Worker();

  public String getEngine() {
    return engine;
  }

  public void setEngine(String engine) {
    this.engine = engine;
  }

  public String getDomain() {
    return domain;
  }

  public void setDomain(String domain) {
    this.domain = domain;
  }

  public String getIdentity() {
    return identity;
  }

  public void setIdentity(String identity) {
    this.identity = identity;
  }

  public String getBlobs() {
    return blobs;
  }

  public void setBlobs(String blobs) {
    this.blobs = blobs;
  }

  public Integer getMaxPayloadBytes() {
    return maxPayloadBytes;
  }

  public void setMaxPayloadBytes(Integer maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public Worker getWorker() {
    return worker;
  }

  /** {@code flow.worker.*}: the worker started and stopped with the application context. */
  public static class Worker {
    /**
     * Whether to run a worker hosting the application's workflow and activity beans (and those the
     * generated FlowManifest finds). Off for an application that only starts workflows.
     */
    private boolean enabled = true;

    /**
     * Poll only this task list, for every hosted type, instead of the task lists the types declare.
     * Executions must then be started on it, and activities scheduled on it.
     */
    private String taskList;

    /** Decision poller threads per decision task list. */
    private int decisionPollers = 2;

    /**
     * Activity threads per activity task list, so at most this many activities of a task list run
     * at once.
     */
    private int activityPollers = 4;

    /**
     * Executions kept in memory between their decision tasks (sticky execution); 0 turns it off
     * (every decision task replays the history from the start). Unset: 1000, or the system property
     * flow.worker.stickyCacheSize.
     */
    private Integer stickyCacheSize;

    /**
     * How long stopping the worker waits for running tasks before interrupting them. Keep it below
     * spring.lifecycle.timeout-per-shutdown-phase (30s by default).
     */
    private Duration shutdownGracePeriod = Duration.ofSeconds(10);

    /**
     * The first wait after a failed poll or a transiently failing SWF call, doubling up to
     * poll-retry-max.
     */
    private Duration pollRetryInitial = Duration.ofMillis(100);

    /** The longest wait between retries of failed polls and transiently failing SWF calls. */
    private Duration pollRetryMax = Duration.ofSeconds(10);

    /** The identity this worker records in histories; unset: flow.identity's. */
    private String identity;

    /**
     * Whether to host also the implementations the generated FlowManifest creates itself (public
     * no-argument or stub-only constructors) for the types no bean implements. Off: only beans.
     */
    private boolean manifestImplementations = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getTaskList() {
      return taskList;
    }

    public void setTaskList(String taskList) {
      this.taskList = taskList;
    }

    public int getDecisionPollers() {
      return decisionPollers;
    }

    public void setDecisionPollers(int decisionPollers) {
      this.decisionPollers = decisionPollers;
    }

    public int getActivityPollers() {
      return activityPollers;
    }

    public void setActivityPollers(int activityPollers) {
      this.activityPollers = activityPollers;
    }

    public Integer getStickyCacheSize() {
      return stickyCacheSize;
    }

    public void setStickyCacheSize(Integer stickyCacheSize) {
      this.stickyCacheSize = stickyCacheSize;
    }

    public Duration getShutdownGracePeriod() {
      return shutdownGracePeriod;
    }

    public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
      this.shutdownGracePeriod = shutdownGracePeriod;
    }

    public Duration getPollRetryInitial() {
      return pollRetryInitial;
    }

    public void setPollRetryInitial(Duration pollRetryInitial) {
      this.pollRetryInitial = pollRetryInitial;
    }

    public Duration getPollRetryMax() {
      return pollRetryMax;
    }

    public void setPollRetryMax(Duration pollRetryMax) {
      this.pollRetryMax = pollRetryMax;
    }

    public String getIdentity() {
      return identity;
    }

    public void setIdentity(String identity) {
      this.identity = identity;
    }

    public boolean isManifestImplementations() {
      return manifestImplementations;
    }

    public void setManifestImplementations(boolean manifestImplementations) {
      this.manifestImplementations = manifestImplementations;
    }
  }
}
