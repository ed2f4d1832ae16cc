package io.polyhost.api.storage;

import java.util.function.Function;

/**
 * A family of indexes of one type, one per key: member {@code k} lives at {@code
 * IndexAddress.inGroup(name, keys.encode(k))}.
 *
 * <p>A group suits data that splits naturally by a key, such as the transactions of each block or
 * the history of each wallet, where one index per key would otherwise need a made-up name. The
 * group only computes addresses and opens members with the function it was given, so it works with
 * every index type: {@code Group.of("history", Serializers.string(), addr -> access.list(addr,
 * values))}.
 *
 * <p>Group members never enter the state hash, even when they are Merkelized: only indexes outside
 * any group are aggregated. To make a member's content part of consensus, store its {@link
 * HasObjectHash#objectHash()} in an aggregated index yourself.
 *
 * @param <K> the key type
 * @param <I> the index type of every member
 */
public final class Group<K, I> {
  private final String name;
  private final Serializer<K> keys;
  private final Function<? super IndexAddress, ? extends I> open;

  private Group(String name, Serializer<K> keys, Function<? super IndexAddress, ? extends I> open) {
    IndexAddress.validateName(name);
    this.name = name;
    this.keys = keys;
    this.open = open;
  }

  /**
   * The group called {@code name}, whose members are opened by {@code open}.
   *
   * @param name the group name, relative to the namespace of the access {@code open} uses
   * @param keys encodes member keys into group keys
   * @param open opens the index at a member address, e.g. {@code addr -> access.map(addr, k, v)}
   * @throws IllegalArgumentException if {@code name} is not a valid index name
   */
  public static <K, I> Group<K, I> of(
      String name, Serializer<K> keys, Function<? super IndexAddress, ? extends I> open) {
    return new Group<>(name, keys, open);
  }

  /** The name shared by every member. */
  public String name() {
    return name;
  }

  /**
   * The address of the member for {@code key}.
   *
   * @throws IllegalArgumentException if the encoded key is longer than {@link
   *     IndexAddress#MAX_GROUP_KEY_LENGTH}
   */
  public IndexAddress addressOf(K key) {
    return IndexAddress.inGroup(name, keys.encode(key));
  }

  /**
   * The member for {@code key}, created on its first write like any index.
   *
   * @throws IllegalArgumentException if the encoded key is longer than {@link
   *     IndexAddress#MAX_GROUP_KEY_LENGTH}
   * @throws IndexTypeMismatchException if the member exists with another type
   */
  public I get(K key) {
    return open.apply(addressOf(key));
  }
}
