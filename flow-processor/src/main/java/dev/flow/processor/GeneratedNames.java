package dev.flow.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * The top-level types each Flow interface generates, claimed per compilation: two interfaces that
 * would write the same type ({@code p.Order} and {@code p.OrderWorkflow} both generate {@code
 * p.OrderWorkflowClient}; {@code p.Outer.Media} and {@code p.Outer_Media} both generate {@code
 * p.Outer_MediaStub}) are a compile error on the second, not a failed write.
 */
final class GeneratedNames {
  /** Each generated type, with the interface that generates it. */
  private final Map<ClassName, String> claimed = new HashMap<>();

  /** The top-level types generated for an interface. */
  static List<ClassName> of(ClassName iface, boolean workflow) {
    return workflow
        ? List.of(
            Names.definition(iface),
            Names.workflowClient(iface),
            Names.stub(iface),
            Names.self(iface))
        : List.of(Names.stub(iface), Names.dispatcher(iface));
  }

  /**
   * Claims the generated types of {@code type}; if another interface of the compilation already
   * generates one of them, reports the clash on {@code type} and returns false.
   */
  boolean claim(TypeElement type, boolean workflow, Diagnostics diagnostics) {
    ClassName iface = ClassName.get(type);
    List<ClassName> names = of(iface, workflow);
    for (ClassName name : names) {
      String other = claimed.get(name);
      if (other != null && !other.equals(iface.canonicalName())) {
        diagnostics.error(
            type, Messages.generatedNameClash(iface.canonicalName(), other, name.canonicalName()));
        return false;
      }
    }
    names.forEach(name -> claimed.put(name, iface.canonicalName()));
    return true;
  }

  /**
   * The qualified names an interface may have whose generated peer is {@code base} + a suffix in
   * {@code packageName}: each {@code _} of {@code base} either is part of a name or separates a
   * nested interface from its enclosing types; the name as written comes first.
   */
  static List<String> interfaceNames(String packageName, String base) {
    String prefix = packageName.isEmpty() ? "" : packageName + ".";
    List<String> names = new ArrayList<>();
    names.add("");
    for (String part : base.split("_", -1)) {
      List<String> longer = new ArrayList<>();
      for (String name : names) {
        if (name.isEmpty()) {
          longer.add(part);
        } else {
          longer.add(name + "_" + part);
          longer.add(name + "." + part);
        }
      }
      names = longer;
      if (names.size() > 256) { // a name of more than 8 underscores: only the two plain readings
        return List.of(prefix + base, prefix + base.replace('_', '.'));
      }
    }
    names.replaceAll(name -> prefix + name);
    return names;
  }
}
