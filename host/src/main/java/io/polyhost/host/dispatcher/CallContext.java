package io.polyhost.host.dispatcher;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.storage.index.IndexViews;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@link ExecutionContext} of one call; child calls get contexts of their own. */
final class CallContext implements ExecutionContext {
  /**
   * The interface through which the supervisor reconfigures services. Only the supervisor itself
   * may call it, and on its own authority: a service must not be able to reconfigure another one by
   * calling this interface, which Exonum left to each service to check (exonum-core.md §4.10).
   */
  static final String CONFIGURE_INTERFACE = "polyhost.Configure";

  /** The instance id of the supervisor, the only holder of the supervisor extensions. */
  static final int SUPERVISOR_ID = 0;

  private final CallScope scope;
  private final InstanceSpec instance;
  private final Caller caller;
  private final @Nullable Hash transactionHash;
  private final String interfaceName;
  private final int depth;
  private final CallStack stack;

  CallContext(
      CallScope scope,
      InstanceSpec instance,
      Caller caller,
      @Nullable Hash transactionHash,
      String interfaceName,
      int depth,
      CallStack stack) {
    this.scope = scope;
    this.instance = instance;
    this.caller = caller;
    this.transactionHash = transactionHash;
    this.interfaceName = interfaceName;
    this.depth = depth;
    this.stack = stack;
  }

  /** A context for a top-level call: a transaction or a hook. */
  static CallContext topLevel(
      CallScope scope, InstanceSpec instance, Caller caller, @Nullable Hash transactionHash) {
    return new CallContext(scope, instance, caller, transactionHash, "", 0, new CallStack());
  }

  /** A context, in this call's stack, for a call into {@code callee} made by {@code as}. */
  CallContext child(InstanceSpec callee, Caller as, String interfaceName) {
    return new CallContext(scope, callee, as, transactionHash, interfaceName, depth + 1, stack);
  }

  CallScope scope() {
    return scope;
  }

  boolean isPoisoned() {
    return stack.isPoisoned();
  }

  void poison() {
    stack.poison();
  }

  @Override
  public InstanceSpec instance() {
    return instance;
  }

  @Override
  public Caller caller() {
    return caller;
  }

  @Override
  public Optional<Hash> transactionHash() {
    return Optional.ofNullable(transactionHash);
  }

  @Override
  public long height() {
    return scope.block().height();
  }

  @Override
  public Instant blockTime() {
    return scope.block().time();
  }

  @Override
  public boolean inGenesisBlock() {
    return scope.block().isGenesis();
  }

  @Override
  public String interfaceName() {
    return interfaceName;
  }

  @Override
  public IndexAccess serviceData() {
    checkNotPoisoned();
    return IndexViews.over(scope.fork().prefixed(instance.name()));
  }

  @Override
  public BlockchainData data() {
    checkNotPoisoned();
    return new StateView(scope.fork(), scope.core());
  }

  @Override
  public void call(ChildCall call) {
    checkNotPoisoned();
    if (depth + 1 >= MAX_CALL_DEPTH) {
      throw CoreError.STACK_OVERFLOW.exception(
          "Child calls are nested " + (depth + 1) + " deep; the limit is " + MAX_CALL_DEPTH);
    }
    checkConfigureAuthority(call);
    CommittedServices.Service callee = activeService(call.target());
    Runtime runtime = scope.runtimes().get(callee.runtimeId());
    Caller as = call.fallthroughAuth() ? caller : new Caller.Service(instance.id());
    CallContext context = child(callee.spec(), as, call.interfaceName());
    CallSite site = CallSite.method(callee.spec().id(), call.interfaceName(), call.methodId());
    try {
      runtime.execute(context, call.methodId(), call.arguments());
    } catch (ExecutionException e) {
      poison();
      throw new ExecutionException(locate(e.error(), callee.runtimeId(), site));
    }
  }

  @Override
  public Optional<SupervisorExtensions> supervisorExtensions() {
    return instance.id() == SUPERVISOR_ID ? Optional.of(new SupervisorOps(this)) : Optional.empty();
  }

  /** Stamps an error from runtime {@code runtimeId} with the place it happened. */
  static ExecutionError locate(ExecutionError error, int runtimeId, CallSite site) {
    return error.withRuntimeId(runtimeId).at(site);
  }

  void checkNotPoisoned() {
    if (stack.isPoisoned()) {
      throw CoreError.INCORRECT_CALL.exception(
          "A child call of this call failed; the call must end without touching data");
    }
  }

  /**
   * Refuses a call into {@link #CONFIGURE_INTERFACE} unless the supervisor makes it on its own
   * authority. Checked before dispatch, so a refused call does not poison this context.
   */
  private void checkConfigureAuthority(ChildCall call) {
    if (!call.interfaceName().equals(CONFIGURE_INTERFACE)) {
      return;
    }
    if (instance.id() != SUPERVISOR_ID) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          "Only the supervisor (instance "
              + SUPERVISOR_ID
              + ") may call interface "
              + CONFIGURE_INTERFACE
              + " of service "
              + call.target()
              + "; instance "
              + Integer.toUnsignedString(instance.id())
              + " tried");
    }
    if (call.fallthroughAuth()) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          "The supervisor must call interface "
              + CONFIGURE_INTERFACE
              + " of service "
              + call.target()
              + " on its own authority, not with fall-through authorisation");
    }
  }

  private CommittedServices.Service activeService(InstanceQuery query) {
    Optional<CommittedServices.Service> service =
        switch (query) {
          case InstanceQuery.ById byId -> scope.committed().get(byId.id());
          case InstanceQuery.ByName byName -> scope.committed().get(byName.name());
        };
    return service
        .filter(CommittedServices.Service::isActive)
        .orElseThrow(() -> CoreError.INCORRECT_INSTANCE_ID.exception("No active service " + query));
  }
}
