package io.polyhost.benchmarks.load;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Ed25519;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.crypto.Signature;
import io.polyhost.api.proto.SignedMessageProto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of end-to-end throughput: how many Ed25519 signatures (Bouncy Castle, as the node's
 * pool checks them) this machine verifies per second on a given number of threads, right now.
 *
 * <p>Every transaction the node commits was verified once, so on a machine whose cores the node
 * shares with nothing else, committed tx/s cannot exceed this rate. It is measured in the same run
 * as the load, on the run's own transfers, so that both figures see the same machine load.
 */
final class VerifyCeiling {
  private final PublicKey[] authors;
  private final byte[][] payloads;
  private final Signature[] signatures;

  /** Takes {@code messages} (serialized signed messages) apart into key, payload and signature. */
  VerifyCeiling(List<byte[]> messages) {
    int n = messages.size();
    authors = new PublicKey[n];
    payloads = new byte[n][];
    signatures = new Signature[n];
    for (int i = 0; i < n; i++) {
      SignedMessageProto proto;
      try {
        proto = SignedMessageProto.parseFrom(messages.get(i));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("Message " + i + " is not a signed message", e);
      }
      authors[i] = PublicKey.fromProto(proto.getAuthor());
      payloads[i] = proto.getPayload().toByteArray();
      signatures[i] = Signature.fromProto(proto.getSignature());
    }
  }

  /**
   * Signatures verified per second by {@code threads} threads together over {@code duration}, after
   * a warm-up of a quarter of it.
   */
  double rate(int threads, Duration duration) throws InterruptedException {
    run(threads, duration.dividedBy(4));
    return run(threads, duration);
  }

  private double run(int threads, Duration duration) throws InterruptedException {
    AtomicLong verified = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int first = t;
      workers[t] =
          Thread.ofPlatform()
              .name("bench-verify-" + t)
              .start(() -> {
                long count = 0;
                for (int i = first; !stop.get(); i = (i + threads) % authors.length) {
                  if (!Ed25519.verify(authors[i], payloads[i], signatures[i])) {
                    throw new IllegalStateException("Transfer " + i + " has a bad signature");
                  }
                  count++;
                }
                verified.addAndGet(count);
              });
    }
    Thread.sleep(duration);
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    return verified.get() * 1e9 / (System.nanoTime() - start);
  }
}
