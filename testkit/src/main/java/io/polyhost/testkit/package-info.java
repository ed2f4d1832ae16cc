/**
 * The Polyhost testkit: an in-process blockchain for testing services written in Java or
 * JavaScript.
 *
 * <p>{@link io.polyhost.testkit.TestKit} runs the real node parts (dispatcher, runtimes,
 * supervisor, RocksDB) and makes blocks when the test asks, with the transactions it gives, at the
 * times it sets. {@link io.polyhost.testkit.TestKitExtension} gives each JUnit 5 test a fresh kit.
 * Tests that use it need the JVM options the node runs with: {@code -Duser.timezone=UTC} (the
 * JavaScript runtime refuses other zones) and {@code --enable-native-access=ALL-UNNAMED}.
 */
@NullMarked
package io.polyhost.testkit;

import org.jspecify.annotations.NullMarked;
