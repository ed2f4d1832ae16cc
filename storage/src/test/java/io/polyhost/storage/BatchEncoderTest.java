package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.storage.index.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

class BatchEncoderTest {
  static {
    RocksDB.loadLibrary();
  }

  @Test
  void encodesExactlyWhatRocksDbsOwnBatchHolds() throws RocksDBException {
    long seed = Seeds.pick("BatchEncoderTest");
    SplittableRandom random = new SplittableRandom(seed);
    BatchEncoder encoder = new BatchEncoder();
    try (WriteBatch expected = new WriteBatch()) {
      for (int i = 0; i < 2_000; i++) {
        long id = random.nextLong();
        // Lengths around the varint boundaries (127/128, 16383/16384) and the buffer's growth.
        byte[] key = bytes(random, random.nextInt(3) == 0 ? 120 + random.nextInt(16) : 40);
        byte[] value = bytes(random, random.nextInt(50) == 0 ? 16_380 + random.nextInt(8) : 130);
        switch (random.nextInt(10)) {
          case 0 -> {
            encoder.delete(id, key);
            expected.delete(Keys.raw(id, key));
          }
          case 1 -> {
            encoder.deleteIndex(id);
            expected.deleteRange(Keys.prefix(id), Keys.prefix(id + 1));
          }
          default -> {
            encoder.put(id, key, value);
            expected.put(Keys.raw(id, key), value);
          }
        }
      }
      assertThat(encoder.toBytes()).as("seed=%d", seed).isEqualTo(expected.data());
    }
  }

  @Test
  void anEncoderReusingAnotherOnesBufferEncodesOnlyItsOwnEntries() throws RocksDBException {
    BatchEncoder first = new BatchEncoder(new byte[1]); // too small to use: gets its own
    for (int i = 0; i < 1_000; i++) {
      first.put(i, new byte[40], new byte[200]); // grows the buffer past its first size
    }
    first.toBytes();
    BatchEncoder second = new BatchEncoder(first.buffer());
    second.put(7, new byte[] {1, 2}, new byte[] {3});
    second.delete(8, new byte[] {4});
    try (WriteBatch expected = new WriteBatch()) {
      expected.put(Keys.raw(7, new byte[] {1, 2}), new byte[] {3});
      expected.delete(Keys.raw(8, new byte[] {4}));
      assertThat(second.toBytes()).isEqualTo(expected.data());
    }
  }

  @Test
  void anEmptyBatchIsJustTheHeader() throws RocksDBException {
    try (WriteBatch expected = new WriteBatch()) {
      assertThat(new BatchEncoder().toBytes()).isEqualTo(expected.data());
    }
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }
}
