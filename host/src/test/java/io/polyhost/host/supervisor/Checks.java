package io.polyhost.host.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.storage.Serializers;

/** Assertions the supervisor scenarios share. */
final class Checks {
  private Checks() {}

  /** {@code tx} is committed and failed with {@code code}. */
  static void failedWith(SupervisedChain chain, SignedTransaction tx, ErrorCode code) {
    var error = chain.error(tx);
    assertThat(error).as("error of %s", tx.hash()).isPresent();
    assertThat(error.orElseThrow().is(code))
        .as("%s should be %s %s", error.orElseThrow(), code.kind(), code)
        .isTrue();
  }

  /** {@code tx} is committed and failed with an error of {@code kind} and {@code code}. */
  static void failedWith(SupervisedChain chain, SignedTransaction tx, ErrorKind kind, int code) {
    var error = chain.error(tx).orElseThrow(() -> new AssertionError(tx.hash() + " succeeded"));
    assertThat(error.kind()).as(error.toString()).isEqualTo(kind);
    assertThat(error.code()).as(error.toString()).isEqualTo(code);
  }

  /** {@code tx} is committed and succeeded. */
  static void succeeded(SupervisedChain chain, SignedTransaction tx) {
    assertThat(chain.error(tx)).as("error of %s", tx.hash()).isEmpty();
  }

  /** The configuration string of the {@link IncService} named {@code name}. */
  static String config(SupervisedChain chain, String name) {
    return chain.read(s ->
        s.forService(InstanceQuery.name(name))
            .orElseThrow()
            .entry("config", Serializers.string())
            .get()
            .orElse(""));
  }

  /** The counter of the {@link IncService} named {@code name}. */
  static long count(SupervisedChain chain, String name) {
    return chain.read(s ->
        s.forService(InstanceQuery.name(name))
            .orElseThrow()
            .entry("count", Serializers.int64())
            .get()
            .orElse(0L));
  }
}
