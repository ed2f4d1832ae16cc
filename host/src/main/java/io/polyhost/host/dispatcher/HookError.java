package io.polyhost.host.dispatcher;

import io.polyhost.api.error.ExecutionError;

/**
 * A failed lifecycle hook: which service's hook failed, and how.
 *
 * @param instanceId the service
 * @param error the error, located at the hook's call site
 */
public record HookError(int instanceId, ExecutionError error) {}
