/**
 * Block ordering: when blocks are cut and in which order transactions go into them. The embedded
 * engine serves a single validator.
 */
@NullMarked
package io.polyhost.host.ordering;

import org.jspecify.annotations.NullMarked;
