package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods are activities: units of work run by activity workers, at least
 * once, outside of workflow code.
 *
 * <pre>{@code
 * @Activity(version = "1.0", taskList = "media", startToCloseTimeoutSeconds = 600)
 * public interface Media {
 *   String encodeVideo(String url, String format);
 * }
 * }</pre>
 *
 * <p>Each method is an SWF activity type named {@code <name()>.<method>} (for example {@code
 * Media.encodeVideo}) with version {@link #version()}. The processor generates {@code MediaStub},
 * whose methods return a {@code Promise} at once and accept promises for any argument, and {@code
 * MediaDispatcher}, which activity workers use to call an implementation without reflection.
 *
 * <p>Timeouts are in seconds; {@code 0} means no limit (SWF's {@code NONE}). They are the defaults
 * registered with the type; {@link ActivityOptions} on a method and options on a call override
 * them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Activity {
  /** The prefix of the activity type names; empty means the interface's simple name. */
  String name() default "";

  /** The SWF activity type version of every method of the interface. */
  String version();

  /** The default task list of the activity tasks; empty means the prefix of the type names. */
  String taskList() default "";

  /** Longest wait in the task list before a worker starts the task; 0 means none. */
  long scheduleToStartTimeoutSeconds() default 0;

  /** Longest time a worker may take once it has started the task. */
  long startToCloseTimeoutSeconds() default 300;

  /** Longest time from scheduling to completion; 0 means none. */
  long scheduleToCloseTimeoutSeconds() default 0;

  /** Longest time between two heartbeats of a started task; 0 means heartbeats are not needed. */
  long heartbeatTimeoutSeconds() default 0;
}
