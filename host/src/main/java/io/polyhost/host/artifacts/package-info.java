/**
 * The artifacts folder: which artifact files are there, what they hold (runtime, name, version,
 * SHA-256, deploy spec) or why they cannot be artifacts; watched for new and changed files.
 */
@NullMarked
package io.polyhost.host.artifacts;

import org.jspecify.annotations.NullMarked;
