package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A valid {@code @Workflow} interface; signals sorted by method name. */
record WorkflowInterface(
    TypeElement element,
    ClassName type,
    String name,
    String version,
    String taskList,
    long executionStartToCloseTimeoutSeconds,
    long taskStartToCloseTimeoutSeconds,
    boolean failOnNonDeterminism,
    RetryModel retry,
    EntryMethod entry,
    List<SignalMethod> signals) {
  WorkflowInterface {
    signals = List.copyOf(signals);
  }
}
