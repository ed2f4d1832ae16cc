package io.polyhost.api.service;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.polyhost.api.proto.ServiceInterfaceProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a service publishes about its default interface: its transactions with their ids, names and
 * argument types, the ids it removed, and whether it is {@link Configurable}. With it a client can
 * build a transaction from JSON.
 *
 * @param methods the transactions, in id order
 * @param removedIds ids of removed transactions
 * @param configurable whether the service implements {@link Configurable}
 */
public record ServiceInterface(
    List<Method> methods, SortedSet<Integer> removedIds, boolean configurable) {

  /**
   * One transaction.
   *
   * @param id the method id
   * @param name the method name
   * @param argumentType the protobuf message the method takes; empty if it takes raw bytes
   */
  public record Method(int id, String name, Optional<Descriptor> argumentType) {
    /** Checks the parts. */
    public Method {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentType, "argumentType");
    }
  }

  /** Copies the parts and sorts the methods by id. */
  public ServiceInterface {
    List<Method> sorted = new ArrayList<>(methods);
    sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
    methods = List.copyOf(sorted);
    removedIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(removedIds));
  }

  /** The method with {@code id}, if the service has one. */
  public Optional<Method> method(int id) {
    return methods.stream().filter(m -> m.id() == id).findFirst();
  }

  /**
   * The protobuf form, with the descriptors of every argument type and of the files they depend on,
   * so a client needs nothing else to encode arguments.
   */
  public ServiceInterfaceProto toProto() {
    ServiceInterfaceProto.Builder proto =
        ServiceInterfaceProto.newBuilder().setConfigurable(configurable);
    Map<String, FileDescriptor> files = new LinkedHashMap<>();
    for (Method method : methods) {
      var m =
          ServiceInterfaceProto.MethodProto.newBuilder().setId(method.id()).setName(method.name());
      method
          .argumentType()
          .ifPresent(type -> {
            m.setArgumentType(type.getFullName());
            addWithDependencies(type.getFile(), files);
          });
      proto.addMethods(m);
    }
    proto.addAllRemovedIds(removedIds);
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    files.values().forEach(f -> set.addFile(f.toProto()));
    return proto.setArgumentTypes(set).build();
  }

  private static void addWithDependencies(FileDescriptor file, Map<String, FileDescriptor> files) {
    if (files.containsKey(file.getName())) {
      return;
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      addWithDependencies(dependency, files);
    }
    files.put(file.getName(), file);
  }
}
