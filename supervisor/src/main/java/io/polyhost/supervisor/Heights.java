package io.polyhost.supervisor;

import io.polyhost.api.proto.ArtifactIdProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ExecutionContext;

/**
 * Heights and artifact ids as the supervisor's rules use them.
 *
 * <p>The rules speak of the <em>current height</em>: the height of the latest committed block, one
 * less than the block being executed. Deadlines are compared with it, as in the reference.
 */
final class Heights {
  private Heights() {}

  /** The height of the latest committed block, while a block is being executed. */
  static long current(ExecutionContext context) {
    return context.height() - 1;
  }

  /**
   * Reads an artifact id from a request.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@code INVALID_ARTIFACT_ID} saying what
   *     is wrong with it
   */
  static ArtifactId artifact(ArtifactIdProto proto) {
    try {
      return ArtifactId.fromProto(proto);
    } catch (IllegalArgumentException e) {
      throw SupervisorError.INVALID_ARTIFACT_ID.exception(
          "Artifact identifier " + describe(proto) + " is invalid: " + e.getMessage());
    }
  }

  /** The text form of an artifact id as received, valid or not. */
  static String describe(ArtifactIdProto proto) {
    return Integer.toUnsignedString(proto.getRuntimeId())
        + ":"
        + proto.getName()
        + ":"
        + proto.getVersion();
  }
}
