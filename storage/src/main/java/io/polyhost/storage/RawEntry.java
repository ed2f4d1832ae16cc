package io.polyhost.storage;

/**
 * One key-value pair of a {@link RawIndex}. The arrays belong to the receiver.
 *
 * @param key the key bytes
 * @param value the value bytes
 */
@SuppressWarnings("ArrayRecordComponent") // A hot-path carrier: copying would double the cost.
public record RawEntry(byte[] key, byte[] value) {}
