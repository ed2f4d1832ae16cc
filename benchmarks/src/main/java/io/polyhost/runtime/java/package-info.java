/**
 * Benchmark access to the Java runtime's package (see {@link
 * io.polyhost.runtime.java.BenchJavaRuntimes}).
 */
@NullMarked
package io.polyhost.runtime.java;

import org.jspecify.annotations.NullMarked;
