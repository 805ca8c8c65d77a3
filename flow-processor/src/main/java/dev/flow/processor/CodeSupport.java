package dev.flow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/** Code fragments the generators share: type literals, argument lists, casts, overloads. */
final class CodeSupport {
  private CodeSupport() {}

  /**
   * A {@code java.lang.reflect.Type} expression: {@code String.class}, {@code
   * Types.parameterized(...)}.
   */
  static CodeBlock typeLiteral(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    if (plain instanceof ParameterizedTypeName parameterized) {
      CodeBlock.Builder code =
          CodeBlock.builder()
              .add("$T.parameterized($T.class", RuntimeTypes.TYPES, parameterized.rawType());
      for (TypeName argument : parameterized.typeArguments()) {
        code.add(",$W$L", typeLiteral(argument));
      }
      return code.add(")").build();
    }
    if (plain instanceof ArrayTypeName array && isGeneric(array)) {
      return CodeBlock.of("$T.arrayOf($L)", RuntimeTypes.TYPES, typeLiteral(array.componentType()));
    }
    if (plain.equals(TypeName.VOID)) {
      return CodeBlock.of("$T.class", Void.class);
    }
    return CodeBlock.of("$T.class", plain);
  }

  /** The type literals of {@code types}, comma separated. */
  static CodeBlock typeLiterals(List<TypeName> types) {
    return types.stream().map(CodeSupport::typeLiteral).collect(CodeBlock.joining(",$W"));
  }

  /** Whether a cast to {@code type} is unchecked. */
  static boolean isGeneric(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    if (plain instanceof ParameterizedTypeName) {
      return true;
    }
    return plain instanceof ArrayTypeName array && isGeneric(array.componentType());
  }

  /** {@code (String) arguments[0], (int) arguments[1]}; no cast for Object (a lint warning). */
  static CodeBlock castArguments(List<Param> params, String array) {
    List<CodeBlock> casts = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      TypeName type = params.get(i).type().withoutAnnotations();
      casts.add(
          type.equals(ClassName.OBJECT)
              ? CodeBlock.of("$N[$L]", array, i)
              : CodeBlock.of("($T) $N[$L]", type, array, i));
    }
    return CodeBlock.join(casts, ",$W");
  }

  /**
   * {@code initializer} on a line of its own after the {@code =} of a field, as google-java-format
   * lays out a long one (the writer strips the space left after the {@code =}).
   */
  static CodeBlock onNextLine(CodeBlock initializer) {
    return CodeBlock.of("\n$>$>$L$<$<", initializer);
  }

  /**
   * A string literal, as one or more literals joined by {@code +} that JavaPoet may wrap between:
   * JavaPoet never breaks a literal, and a message naming many types runs long.
   */
  static CodeBlock stringLiteral(String text) {
    List<CodeBlock> parts = new ArrayList<>();
    int start = 0;
    while (text.length() - start > LITERAL_PART) {
      int space = text.lastIndexOf(' ', start + LITERAL_PART);
      int end = space > start ? space : start + LITERAL_PART;
      parts.add(CodeBlock.of("$S", text.substring(start, end)));
      start = end;
    }
    parts.add(CodeBlock.of("$S", text.substring(start)));
    return CodeBlock.join(parts, "$W+ ");
  }

  /** The longest part of a {@link #stringLiteral}, so that one fits a line with its indent. */
  private static final int LITERAL_PART = 70;

  static boolean anyGeneric(List<Param> params) {
    return params.stream().anyMatch(p -> isGeneric(p.type()));
  }

  static AnnotationSpec suppressUnchecked() {
    return AnnotationSpec.builder(RuntimeTypes.SUPPRESS_WARNINGS)
        .addMember("value", "$S", "unchecked")
        .build();
  }

  /**
   * The arguments passed on to an {@code Object...} parameter: a lone array of references is cast
   * to {@code Object} so that it is one argument, not the argument array.
   */
  static CodeBlock varargs(List<String> names, List<TypeName> types) {
    if (names.size() == 1
        && types.get(0).withoutAnnotations() instanceof ArrayTypeName array
        && !array.componentType().isPrimitive()) {
      return CodeBlock.of("($T) $N", Object.class, names.get(0));
    }
    return names.stream().map(n -> CodeBlock.of("$N", n)).collect(CodeBlock.joining(",$W"));
  }

  /** {@code Integer} for {@code int}, {@code Void} for {@code void}. */
  static TypeName boxed(TypeName type) {
    if (type.equals(TypeName.VOID)) {
      return ClassName.get(Void.class);
    }
    return type.isPrimitive() ? type.box() : type;
  }

  /** {@code Promise<Integer>} for {@code int}, {@code Promise<Void>} for {@code void}. */
  static TypeName promiseOf(TypeName type) {
    return ParameterizedTypeName.get(RuntimeTypes.PROMISE, boxed(type));
  }

  /** Allocates parameter names that do not clash with the generated code's own. */
  static Map<Param, String> parameterNames(List<Param> params, String... reserved) {
    NameAllocator names = new NameAllocator();
    for (String name : reserved) {
      names.newName(name);
    }
    Map<Param, String> result = new LinkedHashMap<>();
    for (Param param : params) {
      result.put(param, names.newName(param.name(), param));
    }
    return result;
  }

  /**
   * Methods of up to this many parameters get an overload for every mix of values and promises (at
   * most four); longer ones take all values or all promises, and a caller mixes them with {@code
   * Promise.value(x)}.
   */
  static final int MIXED_OVERLOADS_MAX_PARAMETERS = 2;

  /**
   * The stub overloads of a method: every parameter either as a value or as a {@code Promise<?
   * extends T>}. All values, all promises, and, for methods of up to {@link
   * #MIXED_OVERLOADS_MAX_PARAMETERS} parameters, every mix of them.
   *
   * @param returnType what every overload returns, such as {@link #promiseOf promiseOf(result)}
   * @param body the returned expression, given the arguments to pass on (see {@link #varargs})
   * @param javadoc an overload's Javadoc, given the names of the parameters it takes as promises
   *     (see {@link #onceReady})
   */
  static List<MethodSpec> valueOrPromiseOverloads(
      String methodName,
      List<Param> params,
      boolean varargs,
      TypeName returnType,
      Function<CodeBlock, CodeBlock> body,
      Function<List<String>, CodeBlock> javadoc,
      String... reserved) {
    Map<Param, String> names = parameterNames(params, reserved);
    List<String> ordered = new ArrayList<>(names.values());
    int n = params.size();
    List<Integer> masks = new ArrayList<>();
    if (n <= MIXED_OVERLOADS_MAX_PARAMETERS) {
      for (int mask = 0; mask < (1 << n); mask++) {
        masks.add(mask);
      }
    } else {
      masks.add(0);
      masks.add((1 << n) - 1);
    }
    List<MethodSpec> overloads = new ArrayList<>();
    for (int mask : masks) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(methodName).addModifiers(Modifier.PUBLIC).returns(returnType);
      List<TypeName> passed = new ArrayList<>();
      List<String> promised = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Param param = params.get(i);
        boolean isPromise = (mask & (1 << i)) != 0;
        TypeName type =
            isPromise
                ? ParameterizedTypeName.get(
                    RuntimeTypes.PROMISE, WildcardTypeName.subtypeOf(boxed(param.type())))
                : param.type();
        if (isPromise) {
          promised.add(ordered.get(i));
        }
        passed.add(type);
        method.addParameter(type, ordered.get(i));
      }
      boolean lastIsValue = n > 0 && (mask & (1 << (n - 1))) == 0;
      method.varargs(varargs && lastIsValue);
      method.addJavadoc(javadoc.apply(promised));
      method.addStatement("return $L", body.apply(varargs(ordered, passed)));
      overloads.add(method.build());
    }
    return overloads;
  }

  /**
   * The clause of a stub's Javadoc that says when a call waits: " once <code>url</code> is ready",
   * " once <code>a</code> and <code>b</code> are ready", " once its arguments are ready", or
   * nothing when no argument is promised.
   */
  static String onceReady(List<String> promised) {
    return switch (promised.size()) {
      case 0 -> "";
      case 1 -> " once " + code(promised.get(0)) + " is ready";
      case 2 -> " once " + code(promised.get(0)) + " and " + code(promised.get(1)) + " are ready";
      default -> " once its arguments are ready";
    };
  }

  /**
   * What fails a call before it is issued, for a stub's Javadoc: "the failure of <code>url</code>",
   * "the failure of <code>a</code> or <code>b</code>", "the failure of an argument".
   */
  static String failureOf(List<String> promised) {
    return switch (promised.size()) {
      case 1 -> "the failure of " + code(promised.get(0));
      case 2 -> "the failure of " + code(promised.get(0)) + " or " + code(promised.get(1));
      default -> "the failure of an argument";
    };
  }

  private static String code(String name) {
    return "{@code " + name + "}";
  }

  /** A Javadoc link to an interface method, such as {@code Media#encodeVideo(String, String)}. */
  static CodeBlock methodLink(ClassName owner, String methodName, List<Param> params) {
    return CodeBlock.of(
        "{@link $T#$N($L)}",
        owner,
        methodName,
        params.stream()
            .map(p -> CodeBlock.of("$T", erasure(p.type())))
            .collect(CodeBlock.joining(", ")));
  }

  /** The type as a Javadoc link names it: without type arguments or annotations. */
  private static TypeName erasure(TypeName type) {
    TypeName plain = type.withoutAnnotations();
    if (plain instanceof ParameterizedTypeName parameterized) {
      return parameterized.rawType();
    }
    if (plain instanceof ArrayTypeName array) {
      return ArrayTypeName.of(erasure(array.componentType()));
    }
    return plain;
  }
}
