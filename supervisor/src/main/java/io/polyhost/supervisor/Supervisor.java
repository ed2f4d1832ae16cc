package io.polyhost.supervisor;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.supervisor.proto.SupervisorConfig;
import io.polyhost.supervisor.proto.SupervisorMode;

/**
 * The supervisor: a builtin Java service, instance {@value #INSTANCE_ID} named {@value #NAME},
 * through which validators change the running network. A node registers {@link #factory()} as a
 * builtin of its Java runtime and creates the instance in its genesis block with {@link
 * #config(SupervisorMode)} as the constructor argument.
 */
public final class Supervisor {
  /** The supervisor's instance id; only this instance has the dispatcher's extensions. */
  public static final int INSTANCE_ID = 0;

  /** The supervisor's instance name, also the path of its REST endpoints. */
  public static final String NAME = "supervisor";

  /** The supervisor's artifact, builtin in the Java runtime. */
  public static final ArtifactId ARTIFACT =
      new ArtifactId(RuntimeId.JAVA, "polyhost-supervisor", Version.parse("0.1.0"));

  /** The supervisor's instance spec. */
  public static final InstanceSpec SPEC = new InstanceSpec(INSTANCE_ID, NAME, ARTIFACT);

  /** Method ids of the supervisor's transactions. */
  public static final class Methods {
    public static final int REQUEST_ARTIFACT_DEPLOY = 0;
    public static final int REPORT_DEPLOY_RESULT = 1;
    public static final int PROPOSE_CONFIG_CHANGE = 2;
    public static final int CONFIRM_CONFIG_CHANGE = 3;
    public static final int REQUEST_MIGRATION = 4;
    public static final int REPORT_MIGRATION_RESULT = 5;

    private Methods() {}
  }

  private Supervisor() {}

  /**
   * A factory for one node's supervisor. It keeps node-local memory (which deployments this node
   * has attempted), so make one per node.
   */
  public static ServiceFactory factory() {
    NodeReports reports = new NodeReports();
    return new ServiceFactory() {
      @Override
      public Class<? extends Service> serviceType() {
        return SupervisorService.class;
      }

      @Override
      public Service create(InstanceSpec instance) {
        return new SupervisorService(reports);
      }
    };
  }

  /** The constructor argument for a supervisor in {@code mode}. */
  public static byte[] config(SupervisorMode mode) {
    return SupervisorConfig.newBuilder().setMode(mode).build().toByteArray();
  }

  /**
   * Whether the supervisor waits for later blocks: a deployment, a migration or a proposal is
   * pending, so deadlines and reports need the chain to keep growing even without transactions.
   */
  public static boolean awaitsBlocks(BlockchainData state) {
    return state
        .forService(InstanceQuery.id(INSTANCE_ID))
        .map(SupervisorSchema::new)
        .map(schema ->
            schema.pendingDeployments().keys().hasNext()
                || schema.pendingMigrations().hashes().hasNext()
                || schema.migrationsToFlush().hashes().hasNext()
                || schema.pendingProposal().isPresent())
        .orElse(false);
  }

  /** The supervisor's data in {@code state}, read-only; empty if there is no supervisor. */
  public static java.util.Optional<SupervisorSchema> schema(BlockchainData state) {
    return state.forService(InstanceQuery.id(INSTANCE_ID)).map(SupervisorSchema::new);
  }
}
