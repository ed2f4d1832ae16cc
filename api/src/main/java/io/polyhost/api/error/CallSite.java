package io.polyhost.api.error;

import io.polyhost.api.proto.CallSiteProto;

/**
 * Where an error happened: the instance, the kind of call, and for methods the interface and method
 * id.
 *
 * @param instanceId the service instance
 * @param type the kind of call
 * @param interfaceName the interface for method calls ({@code ""} is the default interface)
 * @param methodId the method for method calls, 0 otherwise
 */
public record CallSite(int instanceId, CallType type, String interfaceName, int methodId) {
  /** A method call site. */
  public static CallSite method(int instanceId, String interfaceName, int methodId) {
    return new CallSite(instanceId, CallType.METHOD, interfaceName, methodId);
  }

  /** A hook or constructor call site. */
  public static CallSite of(int instanceId, CallType type) {
    if (type == CallType.METHOD) {
      throw new IllegalArgumentException("A method call site needs an interface and a method id");
    }
    return new CallSite(instanceId, type, "", 0);
  }

  /** The protobuf form. */
  public CallSiteProto toProto() {
    return CallSiteProto.newBuilder()
        .setInstanceId(instanceId)
        .setCallType(type.toProto())
        .setInterface(interfaceName)
        .setMethodId(methodId)
        .build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if the call type is unknown
   */
  public static CallSite fromProto(CallSiteProto proto) {
    return new CallSite(
        proto.getInstanceId(),
        CallType.fromProto(proto.getCallType()),
        proto.getInterface(),
        proto.getMethodId());
  }

  @Override
  public String toString() {
    String name = type.name().toLowerCase(java.util.Locale.ROOT);
    return type == CallType.METHOD
        ? "instance "
            + instanceId
            + " "
            + name
            + " "
            + (interfaceName.isEmpty() ? "" : interfaceName + ".")
            + methodId
        : "instance " + instanceId + " " + name;
  }
}
