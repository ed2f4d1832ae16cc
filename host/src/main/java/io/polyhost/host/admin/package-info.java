/**
 * Administration of a node through its supervisor: requests signed with the node's service key,
 * deploy requests completed from the artifacts folder, and the simple-mode shortcut that deploys
 * and starts a service in one call. Used by the private REST API and by {@code --auto-deploy}.
 */
@NullMarked
package io.polyhost.host.admin;

import org.jspecify.annotations.NullMarked;
