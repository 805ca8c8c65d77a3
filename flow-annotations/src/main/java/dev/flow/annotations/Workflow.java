package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a workflow type. The interface has exactly one entry method (the method not
 * annotated {@link Signal}) and any number of {@link Signal} methods.
 *
 * <pre>{@code
 * @Workflow(version = "1.0", taskList = "video")
 * public interface ProcessVideo {
 *   VideoResult process(String videoUrl, String subtitleUrl);
 *
 *   @Signal
 *   void addSubtitle(String url);
 * }
 * }</pre>
 *
 * <p>The processor generates {@code ProcessVideoWorkflowClient} (start executions and get typed
 * handles), {@code ProcessVideoStub} (call it as a child workflow, returning a {@code Promise}, or
 * {@code start} it for a typed handle with its signals), {@code ProcessVideoSelf} (continue the
 * execution as new from its own code: {@code return self.process(nextUrl, subs);}) and {@code
 * ProcessVideoDefinition} (what the decider runs). The SWF workflow type is {@code (name(),
 * version())}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Workflow {
  /** The SWF workflow type name; empty means the interface's simple name. */
  String name() default "";

  /** The SWF workflow type version. Change it when a change to the code is not replay-safe. */
  String version();

  /** The default task list of decision tasks; empty means the workflow type name. */
  String taskList() default "";

  /**
   * Default maximum duration of an execution, in seconds (SWF executionStartToCloseTimeout): when
   * it runs out, the execution is closed TIMED_OUT wherever it stands. The default is a year, the
   * longest SWF allows, so a workflow that waits for days on timers or signals is not cut short;
   * give a shorter limit to workflows that must not linger (a start's {@code StartOptions}
   * overrides it).
   */
  long executionStartToCloseTimeoutSeconds() default 365L * 24 * 3600;

  /** Default maximum duration of one decision task, in seconds (SWF taskStartToCloseTimeout). */
  long taskStartToCloseTimeoutSeconds() default 30;

  /**
   * What the decider does when the code no longer replays the execution's history (a change that
   * was not replay-safe). By default ({@code false}) it answers nothing, so the execution is
   * blocked, its history intact, until code that replays it is deployed; with {@code true} it fails
   * the execution (reason {@code NonDeterministicWorkflow}, the mismatch as details), for workflows
   * that are cheaper to start again than to repair.
   *
   * <pre>{@code
   * @Workflow(version = "1.0", failOnNonDeterminism = true)
   * public interface RefreshCache {
   *   void refresh(String region);
   * }
   * }</pre>
   */
  boolean failOnNonDeterminism() default false;
}
