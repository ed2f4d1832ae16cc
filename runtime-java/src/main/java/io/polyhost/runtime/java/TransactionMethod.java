package io.polyhost.runtime.java;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceInterface;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One transaction of a service class, bound for calls: a method handle of type {@code (Service,
 * ExecutionContext, Object)void} and, for protobuf arguments, their parser.
 */
record TransactionMethod(
    int id,
    String name,
    MethodHandle handle,
    @Nullable Parser<? extends Message> parser,
    @Nullable Message prototype) {

  /** Parses {@code arguments} and calls the method on {@code service}. */
  void invoke(Service service, ExecutionContext context, byte[] arguments) throws Exception {
    Object argument = parser == null ? arguments : parse(parser, arguments);
    try {
      handle.invokeExact(service, context, argument);
    } catch (Throwable t) {
      throw PluginCalls.rethrow(t);
    }
  }

  /** The method as the service publishes it. */
  ServiceInterface.Method published() {
    return new ServiceInterface.Method(
        id, name, Optional.ofNullable(prototype).map(Message::getDescriptorForType));
  }

  private Object parse(Parser<? extends Message> parser, byte[] arguments) {
    try {
      return parser.parseFrom(arguments);
    } catch (InvalidProtocolBufferException e) {
      throw CommonError.MALFORMED_ARGUMENTS.exception(
          "Arguments of method "
              + id
              + " ("
              + name
              + ") are not a valid "
              + (prototype == null ? "message" : prototype.getDescriptorForType().getFullName())
              + ": "
              + e.getMessage());
    }
  }
}
