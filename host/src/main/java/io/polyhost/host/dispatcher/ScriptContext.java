package io.polyhost.host.dispatcher;

import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.migration.MigrationHelper;

/** A script's view of its migration, over the storage's migration helper. */
final class ScriptContext implements MigrationContext {
  private final MigrationHelper helper;
  private final InstanceSpec instance;
  private final Version dataVersion;

  ScriptContext(MigrationHelper helper, InstanceSpec instance, Version dataVersion) {
    this.helper = helper;
    this.instance = instance;
    this.dataVersion = dataVersion;
  }

  @Override
  public InstanceSpec instance() {
    return instance;
  }

  @Override
  public Version dataVersion() {
    return dataVersion;
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
  }
}
