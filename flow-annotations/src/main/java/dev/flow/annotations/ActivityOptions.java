package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the interface-level defaults of {@link Activity} for one activity method.
 *
 * <pre>{@code
 * @ActivityOptions(taskList = "gpu", startToCloseTimeoutSeconds = 3600, heartbeatTimeoutSeconds = 60)
 * String encodeVideo(String url, String format);
 * }</pre>
 *
 * <p>An attribute left at {@link #INHERIT} (or an empty task list) keeps the interface's value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ActivityOptions {
  /** The value of a timeout attribute that keeps the interface-level default. */
  long INHERIT = -1;

  /** The task list of this activity; empty keeps the interface's. */
  String taskList() default "";

  /** See {@link Activity#scheduleToStartTimeoutSeconds()}. */
  long scheduleToStartTimeoutSeconds() default INHERIT;

  /** See {@link Activity#startToCloseTimeoutSeconds()}. */
  long startToCloseTimeoutSeconds() default INHERIT;

  /** See {@link Activity#scheduleToCloseTimeoutSeconds()}. */
  long scheduleToCloseTimeoutSeconds() default INHERIT;

  /** See {@link Activity#heartbeatTimeoutSeconds()}. */
  long heartbeatTimeoutSeconds() default INHERIT;
}
