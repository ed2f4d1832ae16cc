package io.polyhost.api.service;

import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.IndexAccess;

/**
 * What a service's read endpoint ({@link Service#read}) sees: the latest committed state,
 * read-only. Answers are node-local, never part of consensus: two nodes at different heights may
 * answer differently.
 */
public interface ReadContext {
  /** The instance being asked. */
  InstanceSpec instance();

  /** The instance's own data at the latest committed block; writing to it throws. */
  IndexAccess serviceData();

  /** The whole latest committed state, read-only: other services' data, instances, artifacts. */
  BlockchainData data();
}
