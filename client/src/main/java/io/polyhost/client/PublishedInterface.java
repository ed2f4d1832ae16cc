package io.polyhost.client;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.polyhost.api.proto.ServiceInterfaceProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The transactions a service publishes ({@code GET /api/services/{name}/interface}), and the
 * encoding of JSON arguments into the bytes each one takes: a protobuf message built from the
 * published descriptors, or, for a method without an argument type (every JavaScript method), the
 * JSON text itself as UTF-8.
 */
public final class PublishedInterface {
  private final String service;
  private final List<Method> methods;
  private final Set<Integer> removedIds;

  /**
   * A published transaction.
   *
   * @param id the method id that transactions carry
   * @param name the method name
   * @param argumentType the protobuf message the method takes; empty if it takes raw bytes
   */
  public record Method(int id, String name, Optional<Descriptor> argumentType) {
    /** Checks the parts. */
    public Method {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentType, "argumentType");
    }

    @Override
    public String toString() {
      return name + " (" + id + argumentType.map(t -> ", " + t.getFullName()).orElse("") + ")";
    }
  }

  private PublishedInterface(String service, List<Method> methods, Set<Integer> removedIds) {
    this.service = service;
    this.methods = List.copyOf(methods);
    this.removedIds = Set.copyOf(removedIds);
  }

  /**
   * Reads the interface of {@code service} from the node's JSON answer.
   *
   * @throws MalformedAnswerException if the answer is not an interface or its descriptors do not
   *     build
   */
  public static PublishedInterface fromJson(String service, JsonNode json) {
    ServiceInterfaceProto.Builder proto = ServiceInterfaceProto.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(json.toString(), proto);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new MalformedAnswerException(
          "The interface of '" + service + "' is not a ServiceInterfaceProto: " + e.getMessage(),
          e);
    }
    return fromProto(service, proto.build());
  }

  /**
   * Reads the interface of {@code service} from its protobuf form.
   *
   * @throws MalformedAnswerException if a descriptor does not build or an argument type is not
   *     among them
   */
  public static PublishedInterface fromProto(String service, ServiceInterfaceProto proto) {
    Map<String, Descriptor> types = types(service, proto);
    List<Method> methods = new ArrayList<>();
    for (ServiceInterfaceProto.MethodProto m : proto.getMethodsList()) {
      Optional<Descriptor> type = Optional.empty();
      if (!m.getArgumentType().isEmpty()) {
        type = Optional.ofNullable(types.get(m.getArgumentType()));
        if (type.isEmpty()) {
          throw new MalformedAnswerException(
              "The interface of '"
                  + service
                  + "' says method "
                  + m.getName()
                  + " takes "
                  + m.getArgumentType()
                  + ", which none of its descriptors defines");
        }
      }
      methods.add(new Method(m.getId(), m.getName(), type));
    }
    return new PublishedInterface(service, methods, new TreeSet<>(proto.getRemovedIdsList()));
  }

  private static Map<String, Descriptor> types(String service, ServiceInterfaceProto proto) {
    Map<String, FileDescriptor> files = new HashMap<>();
    Map<String, Descriptor> types = new HashMap<>();
    for (FileDescriptorProto file : proto.getArgumentTypes().getFileList()) {
      List<FileDescriptor> dependencies = new ArrayList<>();
      for (String name : file.getDependencyList()) {
        FileDescriptor dependency = files.get(name);
        if (dependency == null) {
          throw new MalformedAnswerException(
              "The interface of '"
                  + service
                  + "' lists "
                  + file.getName()
                  + " before its dependency "
                  + name
                  + " (or without it)");
        }
        dependencies.add(dependency);
      }
      try {
        FileDescriptor built =
            FileDescriptor.buildFrom(file, dependencies.toArray(new FileDescriptor[0]));
        files.put(file.getName(), built);
        built.getMessageTypes().forEach(t -> addWithNested(t, types));
      } catch (DescriptorValidationException e) {
        throw new MalformedAnswerException(
            "The interface of '" + service + "' has an invalid descriptor: " + e.getMessage(), e);
      }
    }
    return types;
  }

  private static void addWithNested(Descriptor type, Map<String, Descriptor> types) {
    types.put(type.getFullName(), type);
    type.getNestedTypes().forEach(t -> addWithNested(t, types));
  }

  /** The service's transactions, in id order. */
  public List<Method> methods() {
    return methods;
  }

  /**
   * The method named {@code nameOrId}, or with that id if no method has that name.
   *
   * @throws IllegalArgumentException naming the methods there are, or saying that the id was
   *     removed
   */
  public Method method(String nameOrId) {
    for (Method m : methods) {
      if (m.name().equals(nameOrId)) {
        return m;
      }
    }
    Optional<Integer> id = parseId(nameOrId);
    if (id.isPresent()) {
      for (Method m : methods) {
        if (m.id() == id.get()) {
          return m;
        }
      }
      if (removedIds.contains(id.get())) {
        throw new IllegalArgumentException(
            "Method " + id.get() + " of service '" + service + "' was removed; " + known());
      }
    }
    throw new IllegalArgumentException(
        "Service '" + service + "' has no method '" + nameOrId + "'; " + known());
  }

  private String known() {
    return methods.isEmpty()
        ? "it publishes no transactions"
        : "its methods: "
            + methods.stream().map(Method::toString).collect(Collectors.joining(", "));
  }

  private static Optional<Integer> parseId(String text) {
    try {
      int id = Integer.parseInt(text);
      return id >= 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Encodes {@code json} as the arguments of {@code method}: the protobuf message of its argument
   * type (the protobuf JSON mapping: field names as in the .proto or in lowerCamelCase, 64-bit
   * integers as numbers or strings, bytes as base64), or, for a method without one, the JSON text
   * as UTF-8 (what JavaScript services decode by default). Empty text is empty arguments.
   *
   * @throws IllegalArgumentException if {@code json} is not JSON, or does not fit the argument type
   *     (naming the type's fields)
   */
  public byte[] encodeArguments(Method method, String json) {
    String text = json.strip();
    if (text.isEmpty()) {
      return new byte[0];
    }
    JsonNode tree;
    try {
      tree = NodeHttp.JSON.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "The arguments of " + method.name() + " are not valid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (method.argumentType().isEmpty()) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    Descriptor type = method.argumentType().get();
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          "The arguments of "
              + method.name()
              + " must be a JSON object (a "
              + type.getFullName()
              + " with fields "
              + fields(type)
              + "), not "
              + NodeHttp.abbreviate(text));
    }
    DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
    try {
      JsonFormat.parser().merge(text, message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The arguments of "
              + method.name()
              + " do not fit "
              + type.getFullName()
              + " (fields "
              + fields(type)
              + "): "
              + e.getMessage(),
          e);
    }
    return message.build().toByteArray();
  }

  private static String fields(Descriptor type) {
    return type.getFields().stream()
        .map(FieldDescriptor::getName)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
