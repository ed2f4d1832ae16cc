package io.polyhost.runtime.js;

import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.migration.MigrationHelper;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A migration script's context over the storage's real migration helper, standing in for the
 * dispatcher's; counts merges.
 */
record HelperContext(
    MigrationHelper helper, InstanceSpec instance, Version dataVersion, AtomicInteger merges)
    implements MigrationContext {

  HelperContext(MigrationHelper helper, InstanceSpec instance, Version dataVersion) {
    this(helper, instance, dataVersion, new AtomicInteger());
  }

  @Override
  public IndexAccess newData() {
    return helper.newData();
  }

  @Override
  public IndexAccess oldData() {
    return helper.oldData();
  }

  @Override
  public IndexAccess scratchpad() {
    return helper.scratchpad();
  }

  @Override
  public void createTombstone(String name) {
    helper.createTombstone(name);
  }

  @Override
  public void merge() {
    helper.merge();
    merges.incrementAndGet();
  }
}
