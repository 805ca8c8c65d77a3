package dev.flow.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors on the most specific element (and annotation value) and counts them, so a parser
 * can tell whether what it parsed is usable. A silent instance only counts: the manifest processor
 * re-parses interfaces that {@link FlowProcessor} already reported on.
 */
final class Diagnostics {
  private final Messager messager;
  private int errors;

  private Diagnostics(Messager messager) {
    this.messager = messager;
  }

  static Diagnostics reporting(Messager messager) {
    return new Diagnostics(messager);
  }

  static Diagnostics silent() {
    return new Diagnostics(null);
  }

  int errorCount() {
    return errors;
  }

  void error(Element element, String message) {
    errors++;
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }

  /** A warning on {@code element}: the compilation goes on. */
  void warning(Element element, String message) {
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.WARNING, message, element);
    }
  }

  /** An error on {@code value} of {@code annotation} on {@code element} (the mirror if null). */
  void error(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    errors++;
    if (messager == null) {
      return;
    }
    if (value != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }
  }

  /** An error with no element, for processor options. */
  void error(String message) {
    errors++;
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message);
    }
  }

  void internalError(Element element, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    if (element != null) {
      error(element, Messages.internalError(trace.toString()));
    } else {
      error(Messages.internalError(trace.toString()));
    }
  }
}
