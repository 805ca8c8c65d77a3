package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A valid {@code @Activity} interface; its methods sorted by name. */
record ActivityInterface(TypeElement element, ClassName type, List<ActivityMethod> methods) {
  ActivityInterface {
    methods = List.copyOf(methods);
  }
}
