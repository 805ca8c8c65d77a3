package dev.flow.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides whether Jackson can bind a parameter or result type, by the rule documented on {@link
 * Messages}, and reports why not. Checks the declared type and its type arguments, not fields.
 */
final class BindingChecker {
  /** JDK types Jackson reads from a JSON scalar (or anything, for Object). */
  private static final Set<String> SCALARS =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Character",
          "java.lang.Number",
          "java.lang.Void",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.Date",
          "java.net.URI",
          "java.net.URL",
          "java.io.File",
          "java.nio.file.Path");

  /** JDK types Jackson also accepts as JSON object keys (besides enums and java.time). */
  private static final Set<String> KEY_SCALARS =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Character",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.Date",
          "java.net.URI",
          "java.net.URL");

  /** The java.util collection and map interfaces Jackson builds a default implementation of. */
  private static final Set<String> COLLECTION_INTERFACES =
      Set.of(
          "java.util.Collection",
          "java.util.List",
          "java.util.Set",
          "java.util.SortedSet",
          "java.util.NavigableSet",
          "java.util.Queue",
          "java.util.Deque",
          "java.util.Map",
          "java.util.SortedMap",
          "java.util.NavigableMap");

  private static final Set<String> OPTIONALS =
      Set.of(
          "java.util.Optional",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble");

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;

  BindingChecker(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /**
   * Checks {@code type}, reporting the first problem on {@code at}.
   *
   * @param what the value, for messages: "parameter url of Media.encodeVideo"
   * @return whether the type binds
   */
  boolean check(TypeMirror type, Element at, String what) {
    String problem = problem(type, what, null);
    if (problem != null) {
      diagnostics.error(at, problem);
      return false;
    }
    if (type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object")
        && what.startsWith("parameter ")) {
      // binds, but not as the caller may think: JSON comes back as JSON's own types
      diagnostics.warning(at, Messages.objectPayload(what));
    }
    return true;
  }

  /** {@code top} is the declared type when {@code type} is inside it, else null. */
  private String problem(TypeMirror type, String what, String top) {
    return switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> null;
      case ARRAY -> problem(((ArrayType) type).getComponentType(), what, inside(type, top));
      // Only generic interfaces and methods have type variables, and the parser rejects those.
      case TYPEVAR -> null;
      case WILDCARD -> Messages.wildcard(what, shown(type, top));
      case DECLARED -> declaredProblem((DeclaredType) type, what, top);
      default -> Messages.jdkType(what, shown(type, top));
    };
  }

  private static String shown(TypeMirror type, String top) {
    return top == null ? type.toString() : type + " in " + top;
  }

  private static String inside(TypeMirror type, String top) {
    return top == null ? type.toString() : top;
  }

  private String declaredProblem(DeclaredType type, String what, String top) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    String shown = shown(type, top);
    if (SCALARS.contains(name) || isJavaTime(element) || element.getKind() == ElementKind.ENUM) {
      return null;
    }
    if (OPTIONALS.contains(name)) {
      return Messages.optionalType(what, shown);
    }
    if (!COLLECTION_INTERFACES.contains(name)) {
      String kindProblem = kindProblem(element, what, shown, name);
      if (kindProblem != null) {
        return kindProblem;
      }
    }
    for (TypeMirror argument : type.getTypeArguments()) {
      if (argument.getKind() == TypeKind.WILDCARD) {
        return Messages.wildcard(what, shown);
      }
      String problem = problem(argument, what, inside(type, top));
      if (problem != null) {
        return problem;
      }
    }
    if (isMap(type) && type.getTypeArguments().size() == 2) {
      TypeMirror key = type.getTypeArguments().get(0);
      if (!isKey(key)) {
        return Messages.mapKey(what, shown, key.toString());
      }
    }
    return null;
  }

  /** Whether Jackson can build this class itself (type arguments aside). */
  private String kindProblem(TypeElement element, String what, String shown, String name) {
    if (isJdk(element)) {
      boolean collection = isCollection(element.asType()) || isMap(element.asType());
      if (collection && isConcrete(element) && hasPublicNoArgConstructor(element)) {
        return null;
      }
      return Messages.jdkType(what, shown);
    }
    if (hasTypeInfo(element)) {
      return Messages.polymorphicType(what, shown);
    }
    if (Annotations.has(element, RuntimeTypes.JSON_DESERIALIZE)
        || element.getKind() == ElementKind.RECORD) {
      return null;
    }
    if (!isConcrete(element)) {
      return Messages.abstractType(what, shown, name);
    }
    if (element.getNestingKind() == NestingKind.MEMBER
        && !element.getModifiers().contains(Modifier.STATIC)) {
      return Messages.innerClass(what, shown);
    }
    if (!hasPublicNoArgConstructor(element) && !hasJsonCreator(element)) {
      return Messages.noCreator(what, shown, name);
    }
    if (!hasProperties(element)) {
      return Messages.noProperties(what, shown, name, accessorStyleGetter(element));
    }
    return null;
  }

  /**
   * Whether Jackson finds a property to write in the class or its superclasses: a public getter
   * ({@code getX()}, {@code isX()}), a public field, or a member Jackson is told about
   * ({@code @JsonProperty}, {@code @JsonValue}, {@code @JsonAnyGetter}); else it fails at run time
   * ("no properties discovered"). Classes with {@code @JsonSerialize} or {@code @JsonAutoDetect}
   * say for themselves.
   */
  private boolean hasProperties(TypeElement element) {
    for (TypeElement type = element; type != null && !isJdk(type); type = superclass(type)) {
      if (Annotations.has(type, RuntimeTypes.JSON_SERIALIZE)
          || Annotations.has(type, RuntimeTypes.JSON_AUTO_DETECT)) {
        return true;
      }
      for (Element member : type.getEnclosedElements()) {
        if (member.getModifiers().contains(Modifier.STATIC)) {
          continue;
        }
        if (Annotations.has(member, RuntimeTypes.JSON_PROPERTY)
            || Annotations.has(member, RuntimeTypes.JSON_VALUE)
            || Annotations.has(member, RuntimeTypes.JSON_ANY_GETTER)) {
          return true;
        }
        if (!member.getModifiers().contains(Modifier.PUBLIC)) {
          continue;
        }
        if (member.getKind() == ElementKind.FIELD) {
          return true;
        }
        if (member.getKind() == ElementKind.METHOD && isBeanGetter((ExecutableElement) member)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBeanGetter(ExecutableElement method) {
    if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (name.equals("getClass")) {
      return false;
    }
    if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
      return true;
    }
    return name.length() > 2
        && name.startsWith("is")
        && Character.isUpperCase(name.charAt(2))
        && method.getReturnType().getKind() == TypeKind.BOOLEAN;
  }

  /** A public no-argument method named as a field (a record-style accessor), or null. */
  private static String accessorStyleGetter(TypeElement element) {
    Set<String> fields = new HashSet<>();
    for (VariableElement f : ElementFilter.fieldsIn(element.getEnclosedElements())) {
      fields.add(f.getSimpleName().toString());
    }
    for (ExecutableElement m : ElementFilter.methodsIn(element.getEnclosedElements())) {
      String name = m.getSimpleName().toString();
      if (m.getParameters().isEmpty()
          && m.getModifiers().contains(Modifier.PUBLIC)
          && fields.contains(name)) {
        return name;
      }
    }
    return null;
  }

  private static TypeElement superclass(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) superclass).asElement()
        : null;
  }

  private boolean isKey(TypeMirror key) {
    if (key.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) key).asElement();
    return KEY_SCALARS.contains(element.getQualifiedName().toString())
        || element.getKind() == ElementKind.ENUM
        || isJavaTime(element);
  }

  private static boolean isConcrete(TypeElement element) {
    return element.getKind() == ElementKind.CLASS
        && !element.getModifiers().contains(Modifier.ABSTRACT);
  }

  private static boolean isJdk(TypeElement element) {
    String name = element.getQualifiedName().toString();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  /**
   * The value types of package java.time (Instant, Duration, LocalDate, ZoneId, ...), not Clock.
   */
  private boolean isJavaTime(TypeElement element) {
    return elements.getPackageOf(element).getQualifiedName().contentEquals("java.time")
        && !element.getSimpleName().contentEquals("Clock");
  }

  private boolean isCollection(TypeMirror type) {
    return isSubtypeOfErasure(type, "java.util.Collection");
  }

  private boolean isMap(TypeMirror type) {
    return isSubtypeOfErasure(type, "java.util.Map");
  }

  private boolean isSubtypeOfErasure(TypeMirror type, String name) {
    TypeElement target = elements.getTypeElement(name);
    return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  private static boolean hasPublicNoArgConstructor(TypeElement element) {
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(element.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()
          && constructor.getModifiers().contains(Modifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasJsonCreator(TypeElement element) {
    for (Element member : element.getEnclosedElements()) {
      if ((member.getKind() == ElementKind.CONSTRUCTOR || member.getKind() == ElementKind.METHOD)
          && Annotations.has(member, RuntimeTypes.JSON_CREATOR)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the type or any supertype has @JsonTypeInfo (Jackson inherits it). */
  private boolean hasTypeInfo(TypeElement element) {
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(element.asType()));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      TypeMirror next = pending.pop();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement type = (TypeElement) ((DeclaredType) next).asElement();
      if (!seen.add(type.getQualifiedName().toString())) {
        continue;
      }
      if (Annotations.has(type, RuntimeTypes.JSON_TYPE_INFO)) {
        return true;
      }
      pending.addAll(types.directSupertypes(next));
    }
    return false;
  }
}
