/** JMH benchmarks. */
@NullMarked
package io.polyhost.benchmarks;

import org.jspecify.annotations.NullMarked;
