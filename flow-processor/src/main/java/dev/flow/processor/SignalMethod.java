package dev.flow.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/** A {@code @Signal} method of a workflow: its Java name and its SWF signal name. */
record SignalMethod(
    ExecutableElement element, String methodName, String signalName, List<Param> params) {
  SignalMethod {
    params = List.copyOf(params);
  }
}
