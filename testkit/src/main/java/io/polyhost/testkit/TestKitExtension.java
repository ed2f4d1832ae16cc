package io.polyhost.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test method a fresh {@link TestKit} as a parameter and closes it after the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestKitExtension kits =
 *     TestKitExtension.of(() -> TestKit.builder().withArtifact(JAR).withService("wallet", "wallet"));
 *
 * @Test
 * void transfers(TestKit kit) { ... }
 * }</pre>
 */
public final class TestKitExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestKitExtension.class);

  private final Supplier<TestKitBuilder> builder;

  private TestKitExtension(Supplier<TestKitBuilder> builder) {
    this.builder = builder;
  }

  /** An extension that builds each test's kit with a new builder from {@code builder}. */
  public static TestKitExtension of(Supplier<TestKitBuilder> builder) {
    return new TestKitExtension(builder);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    return store.getOrComputeIfAbsent(
        context.getUniqueId(), id -> builder.get().start(), TestKit.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestKit kit = context.getStore(NAMESPACE).remove(context.getUniqueId(), TestKit.class);
    if (kit != null) {
      kit.close();
    }
  }
}
