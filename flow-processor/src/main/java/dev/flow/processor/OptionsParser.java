package dev.flow.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/**
 * Reads the attributes of Flow's annotations (names, versions, task lists, timeouts, retry
 * policies) and checks them against SWF's rules, reporting each problem at the attribute's value.
 */
final class OptionsParser {
  /** An {@code @ActivityOptions} timeout left unset: the interface's value applies. */
  static final long INHERIT = -1;

  /** SWF runs an execution for one year at most. */
  private static final long MAX_EXECUTION_SECONDS = 365L * 24 * 3600;

  /** SWF durations are strings of at most 8 digits. */
  private static final long MAX_TIMEOUT_SECONDS = 99_999_999L;

  private final Elements elements;
  private final Diagnostics diagnostics;

  OptionsParser(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /** Reads and checks the {@code version} of annotation {@code name} (Activity, Workflow). */
  String checkVersion(TypeElement type, AnnotationMirror annotation, String name) {
    String version = stringValue(values(annotation), "version");
    if (version.isBlank()) {
      diagnostics.error(
          type,
          annotation,
          explicitValue(annotation, "version"),
          Messages.emptyVersion(name, type.getQualifiedName().toString()));
    } else {
      checkName(type, annotation, name, "version");
    }
    return version;
  }

  /**
   * Reads a name attribute (empty: unset) and checks it against SWF's rules for names, versions,
   * task lists and signal names: at most 256 characters (64 for a version), no leading or trailing
   * whitespace, no ':', '/', '|' or control characters, and not "arn".
   */
  String checkName(
      Element element, AnnotationMirror annotation, String annotationName, String attribute) {
    String value = stringValue(values(annotation), attribute);
    if (value.isEmpty()) {
      return value;
    }
    int limit = attribute.equals("version") ? 64 : 256;
    String problem = null;
    if (value.length() > limit) {
      problem = "is longer than " + limit + " characters";
    } else if (!value.strip().equals(value)) {
      problem = "starts or ends with whitespace";
    } else if (value.equals("arn")) {
      problem = "is the reserved word arn";
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == ':' || c == '/' || c == '|' || c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
          problem =
              "contains '"
                  + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : c)
                  + "'";
          break;
        }
      }
    }
    if (problem != null) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.invalidSwfName(annotationName, attribute, value, problem));
    }
    return value;
  }

  /**
   * Reads a timeout attribute in seconds and checks it against SWF's limits; {@link #INHERIT} is
   * allowed where {@code inheritAllowed}.
   */
  long checkTimeout(
      Element element,
      AnnotationMirror annotation,
      String annotationName,
      String attribute,
      boolean inheritAllowed) {
    long value = ((Number) values(annotation).get(attribute).getValue()).longValue();
    if (value < 0 && !(inheritAllowed && value == INHERIT)) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.negativeTimeout(annotationName, attribute, value, inheritAllowed));
    }
    long limit =
        attribute.equals("executionStartToCloseTimeoutSeconds")
            ? MAX_EXECUTION_SECONDS
            : MAX_TIMEOUT_SECONDS;
    if (value > limit) {
      diagnostics.error(
          element,
          annotation,
          explicitValue(annotation, attribute),
          Messages.timeoutTooLong(annotationName, attribute, value, limit));
    }
    return value;
  }

  /** Reads and checks a {@code @Retry}. */
  RetryModel retry(Element element, AnnotationMirror retry) {
    Map<String, AnnotationValue> values = values(retry);
    int maximumAttempts = ((Number) values.get("maximumAttempts").getValue()).intValue();
    long initialInterval = ((Number) values.get("initialIntervalSeconds").getValue()).longValue();
    double backoff = ((Number) values.get("backoffCoefficient").getValue()).doubleValue();
    long maximumInterval = ((Number) values.get("maximumIntervalSeconds").getValue()).longValue();
    if (maximumAttempts < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "maximumAttempts"),
          Messages.retryMaximumAttempts(maximumAttempts));
    }
    if (!(backoff >= 1.0)) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "backoffCoefficient"),
          Messages.retryBackoff(backoff));
    }
    if (initialInterval < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "initialIntervalSeconds"),
          Messages.retryInterval("initialIntervalSeconds", initialInterval));
    }
    if (maximumInterval < 0) {
      diagnostics.error(
          element,
          retry,
          explicitValue(retry, "maximumIntervalSeconds"),
          Messages.retryInterval("maximumIntervalSeconds", maximumInterval));
    }
    List<String> doNotRetry = new ArrayList<>();
    Object classes = values.get("doNotRetry").getValue();
    if (classes instanceof List<?> list) {
      for (Object item : list) {
        Object value = ((AnnotationValue) item).getValue();
        if (value instanceof DeclaredType declared) {
          doNotRetry.add(elements.getBinaryName((TypeElement) declared.asElement()).toString());
        }
      }
    }
    return new RetryModel(maximumAttempts, initialInterval, backoff, maximumInterval, doNotRetry);
  }

  /** The attributes of {@code mirror} by name, defaults included. */
  Map<String, AnnotationValue> values(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new LinkedHashMap<>();
    elements
        .getElementValuesWithDefaults(mirror)
        .forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  private static String stringValue(Map<String, AnnotationValue> values, String name) {
    AnnotationValue value = values.get(name);
    return value == null || !(value.getValue() instanceof String s) ? "" : s;
  }

  /** The value as written, for pointing at it; null when the attribute has its default. */
  private static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
