package io.polyhost.supervisor;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.Configurable;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.ConfigVote;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationResult;
import io.polyhost.supervisor.proto.SupervisorConfig;
import io.polyhost.supervisor.proto.SupervisorMode;

/**
 * The supervisor's service object, made by {@link Supervisor#factory()}; public only because the
 * Java runtime reads its transactions by reflection. Its transactions are the six of the reference
 * (ids 0–5); only validators may send them.
 */
public final class SupervisorService implements Service, Configurable {
  private final NodeReports reports;

  SupervisorService(NodeReports reports) {
    this.reports = reports;
  }

  /** The constructor: the supervisor's configuration ({@link SupervisorConfig}) from genesis. */
  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    SupervisorConfig config = parseConfig(parameters);
    new SupervisorSchema(context.serviceData()).configurationEntry().set(config);
  }

  /** Transaction 0: asks for an artifact to be deployed. */
  @Transaction(id = 0, name = "request_artifact_deploy")
  public void requestArtifactDeploy(ExecutionContext context, DeployRequest request) {
    DeployFlow.request(context, request);
  }

  /** Transaction 1: reports this validator's local deployment. */
  @Transaction(id = 1, name = "report_deploy_result")
  public void reportDeployResult(ExecutionContext context, DeployResult result) {
    DeployFlow.report(context, result);
  }

  /** Transaction 2: proposes configuration and lifecycle changes. */
  @Transaction(id = 2, name = "propose_config_change")
  public void proposeConfigChange(ExecutionContext context, ConfigPropose propose) {
    ConfigFlow.propose(context, propose);
  }

  /** Transaction 3: votes for the pending proposal. */
  @Transaction(id = 3, name = "confirm_config_change")
  public void confirmConfigChange(ExecutionContext context, ConfigVote vote) {
    ConfigFlow.vote(context, vote);
  }

  /** Transaction 4: asks for a service's data to be migrated. */
  @Transaction(id = 4, name = "request_migration")
  public void requestMigration(ExecutionContext context, MigrationRequest request) {
    MigrationFlow.request(context, request);
  }

  /** Transaction 5: reports this validator's migration outcome. */
  @Transaction(id = 5, name = "report_migration_result")
  public void reportMigrationResult(ExecutionContext context, MigrationResult result) {
    MigrationFlow.report(context, result);
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    DeployFlow.expire(context);
    ConfigFlow.expire(context);
    MigrationFlow.beforeTransactions(context);
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    ConfigFlow.applyDue(context);
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    reports.afterCommit(context);
  }

  /** The supervisor's own configuration accepts any well-formed {@link SupervisorConfig}. */
  @Override
  public void verifyConfiguration(ExecutionContext context, byte[] configuration) {
    parseConfig(configuration);
  }

  @Override
  public void applyConfiguration(ExecutionContext context, byte[] configuration) {
    applyConfig(context, configuration);
  }

  static void applyConfig(ExecutionContext context, byte[] configuration) {
    new SupervisorSchema(context.serviceData())
        .configurationEntry()
        .set(parseConfig(configuration));
  }

  /**
   * Reads a supervisor configuration.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@code INVALID_CONFIG} if the bytes are
   *     not a {@link SupervisorConfig} with a known mode
   */
  static SupervisorConfig parseConfig(byte[] bytes) {
    SupervisorConfig config;
    try {
      config = SupervisorConfig.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw SupervisorError.INVALID_CONFIG.exception(
          "The supervisor configuration is not a SupervisorConfig message: " + e.getMessage());
    }
    if (config.getMode() == SupervisorMode.UNRECOGNIZED) {
      throw SupervisorError.INVALID_CONFIG.exception(
          "Unknown supervisor mode "
              + config.getModeValue()
              + "; use SIMPLE (0) or DECENTRALIZED (1)");
    }
    return SupervisorConfig.newBuilder().setMode(config.getMode()).build();
  }
}
