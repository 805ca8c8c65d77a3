package dev.flow.processor;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.VariableElement;

/** One parameter of an interface method: its source name and declared type. */
record Param(VariableElement element, String name, TypeName type) {}
