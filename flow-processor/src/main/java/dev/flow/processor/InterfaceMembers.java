package dev.flow.processor;

import com.palantir.javapoet.TypeName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods of an annotated interface as Flow sees them: the abstract ones, inherited included,
 * with their parameter and return types as members of the interface; whether a type is a {@code
 * Promise}; and which type a signature names that does not exist yet.
 */
final class InterfaceMembers {
  private final Elements elements;
  private final Types types;

  InterfaceMembers(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * The abstract methods of the interface and its superinterfaces, declared ones first, in source
   * order; static, default and private methods are not activities, and redeclared Object methods
   * are skipped.
   */
  List<ExecutableElement> methods(TypeElement type) {
    List<ExecutableElement> result = new ArrayList<>();
    collectMethods(type, type, result, new HashSet<>());
    return result;
  }

  private void collectMethods(
      TypeElement current, TypeElement root, List<ExecutableElement> result, Set<String> visited) {
    if (!visited.add(current.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT) || isObjectMethod(method)) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement known : result) {
        if (elements.overrides(known, method, root)) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        result.add(method);
      }
    }
    for (TypeMirror superinterface : current.getInterfaces()) {
      if (superinterface.getKind() == TypeKind.DECLARED) {
        collectMethods(
            (TypeElement) ((DeclaredType) superinterface).asElement(), root, result, visited);
      }
    }
  }

  private static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }

  /** The parameters, with their types as members of {@code type} (Base<String>'s T is String). */
  List<Param> params(TypeElement type, ExecutableElement method) {
    List<? extends TypeMirror> types = signature(type, method).getParameterTypes();
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      VariableElement param = method.getParameters().get(i);
      params.add(new Param(param, param.getSimpleName().toString(), TypeName.get(types.get(i))));
    }
    return params;
  }

  /** The method's signature as a member of {@code type}: inherited type variables substituted. */
  ExecutableType signature(TypeElement type, ExecutableElement method) {
    return (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
  }

  /** The method's return type as a member of {@code type}. */
  TypeMirror returnType(TypeElement type, ExecutableElement method) {
    return signature(type, method).getReturnType();
  }

  /** Whether {@code type} is {@code Promise} or a subtype of it. */
  boolean isPromise(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement promise = elements.getTypeElement(RuntimeTypes.PROMISE.canonicalName());
    if (promise == null) {
      return ((TypeElement) ((DeclaredType) type).asElement())
          .getQualifiedName()
          .contentEquals(RuntimeTypes.PROMISE.canonicalName());
    }
    return types.isSubtype(types.erasure(type), types.erasure(promise.asType()));
  }

  /** R of a Promise<R> (or of the Promise a subtype extends); Object for a raw Promise. */
  TypeMirror promisedType(TypeMirror promiseType) {
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(promiseType));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(RuntimeTypes.PROMISE.canonicalName())) {
        if (!declared.getTypeArguments().isEmpty()) {
          return declared.getTypeArguments().get(0);
        }
        break;
      }
      pending.addAll(types.directSupertypes(next));
    }
    return elements.getTypeElement("java.lang.Object").asType();
  }

  /** The first type in the interface's signatures that does not exist (yet), or null. */
  String unresolvedType(TypeElement type) {
    if (type.getKind() != ElementKind.INTERFACE) {
      return null;
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      String missing = missing(superinterface);
      if (missing != null) {
        return missing;
      }
    }
    for (ExecutableElement method : methods(type)) {
      List<TypeMirror> mentioned = new ArrayList<>();
      mentioned.add(method.getReturnType());
      method.getParameters().forEach(p -> mentioned.add(p.asType()));
      if (missing(method.getReturnType()) == null) {
        ExecutableType resolved = signature(type, method);
        mentioned.add(resolved.getReturnType());
        mentioned.addAll(resolved.getParameterTypes());
      }
      mentioned.addAll(method.getThrownTypes());
      for (TypeMirror t : mentioned) {
        String missing = missing(t);
        if (missing != null) {
          return missing;
        }
      }
    }
    return null;
  }

  private static String missing(TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> type.toString();
      case ARRAY -> missing(((ArrayType) type).getComponentType());
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        yield bound == null ? null : missing(bound);
      }
      case DECLARED -> {
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          String missing = missing(argument);
          if (missing != null) {
            yield missing;
          }
        }
        yield null;
      }
      default -> null;
    };
  }
}
