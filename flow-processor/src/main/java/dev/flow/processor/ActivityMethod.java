package dev.flow.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One method of an {@code @Activity} interface with its options resolved (method over interface).
 *
 * @param returnType the declared return type; {@link TypeName#VOID} for void
 * @param retry the retry policy, or null for none
 */
record ActivityMethod(
    ExecutableElement element,
    String methodName,
    String activityName,
    String version,
    String taskList,
    long scheduleToStartTimeoutSeconds,
    long startToCloseTimeoutSeconds,
    long scheduleToCloseTimeoutSeconds,
    long heartbeatTimeoutSeconds,
    boolean idempotent,
    RetryModel retry,
    List<Param> params,
    TypeName returnType) {
  ActivityMethod {
    params = List.copyOf(params);
  }
}
