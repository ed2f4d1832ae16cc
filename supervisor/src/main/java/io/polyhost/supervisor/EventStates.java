package io.polyhost.supervisor;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.ErrorInfo;

/** The values of {@link AsyncEventState}. */
final class EventStates {
  static final AsyncEventState PENDING = of(AsyncEventState.Type.PENDING);
  static final AsyncEventState TIMEOUT = of(AsyncEventState.Type.TIMEOUT);
  static final AsyncEventState SUCCESS = of(AsyncEventState.Type.SUCCESS);

  private EventStates() {}

  /** Failed at (committed) height {@code height} with {@code error}. */
  static AsyncEventState failed(long height, ExecutionError error) {
    return AsyncEventState.newBuilder()
        .setState(AsyncEventState.Type.FAIL)
        .setError(ErrorInfo.newBuilder().setHeight(height).setError(error.toProto()))
        .build();
  }

  static boolean isFailed(AsyncEventState state) {
    return state.getState() == AsyncEventState.Type.FAIL;
  }

  private static AsyncEventState of(AsyncEventState.Type type) {
    return AsyncEventState.newBuilder().setState(type).build();
  }
}
